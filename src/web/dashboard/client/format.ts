import type { Scalar, Unit } from '../api-types.js';

/** Number, time and value formatting for the browser (the user's locale; times in local time). */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return undefined;
  }
})();

export function formatNumber(value: number | null | undefined, unit: Unit = 'count'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (unit === 'bytes') {
    const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return `${i === 0 ? integer.format(v) : decimal.format(v)} ${units[i]}`;
  }
  if (unit === 'ms') return `${decimal.format(value)} ms`;
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

export function unitLabel(unit: Unit | undefined): string {
  return unit === 'bytes' ? 'Bytes' : unit === 'ms' ? 'Milliseconds' : 'Events';
}

/** A bucket start as local date and time, precise enough for the bucket size. */
export function formatBucket(ms: number, bucketMs: number): string {
  const date = new Date(ms);
  if (bucketMs >= 86_400_000) return date.toLocaleDateString();
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: bucketMs < 60_000 ? 'medium' : 'short' });
}

export function formatTime(iso: string | null): string {
  return iso === null ? '–' : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  const found = units.find(([size]) => ms >= size && ms % size === 0) ?? [1, 'ms'];
  return `${ms / found[0]} ${found[1]}`;
}

/** ISO country codes get their English name beside them (`FR — France`). */
export function countryName(code: string): string | undefined {
  if (!/^[A-Za-z]{2}$/.test(code)) return undefined;
  try {
    const name = regionNames?.of(code.toUpperCase());
    return name === code.toUpperCase() ? undefined : name;
  } catch {
    return undefined;
  }
}

export function formatKey(value: Scalar | unknown, field?: string): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (field !== undefined && /country(_iso)?_code$|\.country$/.test(field)) {
    const name = countryName(text);
    if (name !== undefined) return `${text} — ${name}`;
  }
  return text === '' ? '(empty)' : text;
}

/** A cell value of a document table: objects as compact JSON, long text cut. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** A column title for a field: the dataset namespace prefix is implied by the page, so it is left out. */
export function fieldLabel(field: string): string {
  return field.replace(/^cloudflare_logpush\.[a-z_]+\./, '');
}
