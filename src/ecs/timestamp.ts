/**
 * Logpush timestamps: RFC 3339 strings, or Unix seconds / milliseconds / nanoseconds as strings or
 * numbers, chosen per job (`timestamp_format`). The unit is told by magnitude, per value, so a job
 * that changes format never shifts dates by a factor of 1000.
 */

const INTEGER = /^-?\d+$/;
const NS_THRESHOLD = 10n ** 18n;
const S_THRESHOLD = 10n ** 10n;

/** ISO 8601 / RFC 3339: date, `T` or space, time with optional fraction, optional `Z` / `±hh:mm` / `±hhmm`. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch milliseconds → `YYYY-MM-DDTHH:mm:ss.SSSZ`, or undefined when out of the Date range. */
export function formatEpochMillis(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  // Records of a batch fall within a few minutes: reuse the formatted minute, add seconds and millis.
  // A few minutes are kept, as a record's several times (start, end) can straddle a minute.
  const minute = ms - (((ms % 60_000) + 60_000) % 60_000);
  let slot = RECENT_MINUTES.indexOf(minute);
  if (slot < 0 || ms < 0) {
    const text = new Date(ms).toISOString();
    if (ms < 0 || text.length !== 24) return text;
    slot = nextMinuteSlot;
    nextMinuteSlot = (nextMinuteSlot + 1) % RECENT_MINUTES.length;
    RECENT_MINUTES[slot] = minute;
    RECENT_MINUTE_TEXTS[slot] = text.slice(0, 17);
  }
  const inMinute = ms - minute;
  return RECENT_MINUTE_TEXTS[slot]! + (SECOND_MILLIS[inMinute] ??= secondMillis(inMinute));
}

/** Epoch ms of recently formatted minutes, and their `YYYY-MM-DDTHH:MM:` text. */
const RECENT_MINUTES: number[] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
const RECENT_MINUTE_TEXTS: string[] = ['', '', '', ''];
let nextMinuteSlot = 0;
/** `ss.SSSZ` by millisecond of the minute, made as they are first needed (sized up front: fast elements). */
const SECOND_MILLIS: (string | undefined)[] = new Array(60_000);
const secondMillis = (i: number) => `${String(Math.floor(i / 1000)).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;

/** Integer (number or digit string) → epoch ms by the magnitude rule: >10^18 ns, <10^10 s, else ms. */
function integerToMillis(value: number | string): number {
  // Below 10^15 (a safe integer, and under the nanosecond threshold) a double is exact: no BigInt needed.
  const small = typeof value === 'number' ? Math.trunc(value) : value.length <= 15 ? Number(value) : Number.NaN;
  if (Math.abs(small) < 1e15) return small < 1e10 ? small * 1000 : small;
  // Exact 64-bit arithmetic: nanosecond values exceed 2^53 and must not go through a double.
  const t = typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value);
  if (t > NS_THRESHOLD) return Number(t / 1_000_000n);
  if (t < S_THRESHOLD) return Number(t * 1000n);
  return Number(t);
}

/** Parses ISO 8601 / RFC 3339 text into epoch ms (no offset means UTC); undefined when it is not one. */
export function parseIsoMillis(text: string): number | undefined {
  return parseIsoInLastMinute(text) ?? parseIsoText(text);
}

/** `YYYY-MM-DDTHH:MM` of recent fast-path minutes, and their epoch ms. */
const RECENT_ISO_MINUTES: string[] = ['\u0000', '\u0000', '\u0000', '\u0000'];
const RECENT_ISO_MINUTE_MS: number[] = [0, 0, 0, 0];
let nextIsoSlot = 0;

/**
 * The form Logpush writes, `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, without the regular expression and the Date:
 * records of a batch share their minute, so the minute prefix is parsed once (by `parseIsoText`) and kept among a few recent ones, and
 * the seconds and fraction are read here. Undefined means "not handled", never "invalid".
 */
function parseIsoInLastMinute(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || text.charCodeAt(16) !== 58 /* : */ || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  const tens = text.charCodeAt(17) - 48;
  const units = text.charCodeAt(18) - 48;
  if (tens < 0 || tens > 5 || units < 0 || units > 9) return undefined;
  let fraction = 0;
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 /* . */ || n === 21) return undefined;
    for (let i = 20; i < n - 1; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      if (i < 23) fraction = fraction * 10 + digit;
    }
    // Milliseconds: ".5" is 500, ".123456" is 123.
    for (let i = n - 1; i < 23; i++) fraction *= 10;
  }
  let slot = 0;
  while (slot < RECENT_ISO_MINUTES.length && !text.startsWith(RECENT_ISO_MINUTES[slot]!)) slot++;
  if (slot === RECENT_ISO_MINUTES.length) {
    const minute = text.slice(0, 16);
    const ms = parseIsoText(`${minute}:00Z`);
    if (ms === undefined) return undefined;
    slot = nextIsoSlot;
    nextIsoSlot = (nextIsoSlot + 1) % RECENT_ISO_MINUTES.length;
    RECENT_ISO_MINUTES[slot] = minute;
    RECENT_ISO_MINUTE_MS[slot] = ms;
  }
  return RECENT_ISO_MINUTE_MS[slot]! + (tens * 10 + units) * 1000 + fraction;
}

/** ISO 8601 / RFC 3339 in all its forms, by the regular expression. */
function parseIsoText(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  // A rolled-over day (31 February → 3 March) means the text was not a date.
  if (date.getUTCDate() !== day) return undefined;
  let ms = date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'));
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    ms -= sign * offset * 60_000;
  }
  return ms;
}

export type TimestampResult = { ok: true; value: string } | { ok: false } | undefined;

/**
 * Converts a Logpush timestamp into UTC ISO 8601 with milliseconds.
 * Returns undefined for null/""/missing (nothing to do, no error), `{ok:false}` when unparseable.
 *
 * @example parseTimestamp("1653557034") → { ok: true, value: "2022-05-26T09:23:54.000Z" }
 */
let lastInput: unknown;
let lastResult: TimestampResult;

export function parseTimestamp(value: unknown): TimestampResult {
  if (value === null || value === undefined || value === '') return undefined;
  // Records of a batch share their second more often than not: remember the last answer.
  if (value === lastInput) return lastResult;
  lastInput = value;
  return (lastResult = parseTimestampUncached(value));
}

function parseTimestampUncached(value: string | number | unknown): TimestampResult {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isFinite(value) ? integerToMillis(value) : undefined;
  else if (typeof value === 'string') ms = INTEGER.test(value) ? integerToMillis(value) : parseIsoMillis(value);
  const text = ms === undefined ? undefined : formatEpochMillis(ms);
  return text === undefined ? { ok: false } : { ok: true, value: text };
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};
/** Zone abbreviations seen in HTTP dates, as offsets in minutes. */
const ZONES: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
const RFC1123 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{2,4}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z]+|[+-]\d{4})$/;

/** RFC 1123 / RFC 850 dates (`Thu, 21 May 2022 11:17:33 GMT`) → epoch ms. */
export function parseRfc1123Millis(text: string): number | undefined {
  const m = RFC1123.exec(text.trim());
  if (m === null) return undefined;
  const [, d, mon, y, h, mi, s, zone] = m;
  const month = MONTHS[mon!.toLowerCase()];
  if (month === undefined) return undefined;
  let offset: number | undefined;
  if (zone!.startsWith('+') || zone!.startsWith('-')) {
    offset = (zone![0] === '-' ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(3, 5)));
  } else offset = ZONES[zone!.toUpperCase()];
  if (offset === undefined) return undefined;
  let year = Number(y);
  if (y!.length === 2) year += year < 70 ? 2000 : 1900;
  return Date.UTC(year, month, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
}

/**
 * HTTP header dates (`Expires`, `Last-Modified`): ISO 8601, then RFC 1123, then an integer read as epoch
 * milliseconds (no magnitude rule: that is what the reference pipeline does).
 */
export function parseHttpDate(value: unknown): TimestampResult {
  if (value === null || value === undefined || value === '') return undefined;
  let ms: number | undefined;
  if (typeof value === 'number') ms = Math.trunc(value);
  else if (typeof value === 'string') {
    ms = parseIsoMillis(value) ?? parseRfc1123Millis(value);
    if (ms === undefined && INTEGER.test(value)) ms = Number(value);
  }
  const text = ms === undefined ? undefined : formatEpochMillis(ms);
  return text === undefined ? { ok: false } : { ok: true, value: text };
}
