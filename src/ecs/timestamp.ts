/**
 * Logpush timestamps: RFC 3339 strings, or Unix seconds / milliseconds / nanoseconds as strings or
 * numbers, chosen per job (`timestamp_format`). The unit is told by magnitude, per value, so a job
 * that changes format never shifts dates by a factor of 1000.
 */
import { charCodeAt } from './char-code.js';
import { isBlank } from './convert.js';

const INTEGER = /^-?\d+$/;
const NS_THRESHOLD = 10n ** 18n;
const S_THRESHOLD = 10n ** 10n;

/** ISO 8601 / RFC 3339: date, `T` or space, time with optional fraction, optional `Z` / `±hh:mm` / `±hhmm`. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch milliseconds → `YYYY-MM-DDTHH:mm:ss.SSSZ`, or undefined when out of the Date range. */
export function formatEpochMillis(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  // Date#toISOString costs ~0.7 µs here, more than the rest of a small record's mapping. Records fall on
  // a few days: the day's text is kept, the time of day comes from two tables.
  const ms0 = Math.trunc(ms) + 0; // + 0: -0 → 0
  if (ms0 < 0 || ms0 >= MAX_FOUR_DIGIT_YEAR_MS) return new Date(ms0).toISOString();
  const day = Math.floor(ms0 / DAY_MS);
  let slot = RECENT_DAYS.indexOf(day);
  if (slot < 0) {
    slot = nextDaySlot;
    nextDaySlot = (nextDaySlot + 1) % RECENT_DAYS.length;
    RECENT_DAYS[slot] = day;
    RECENT_DAY_TEXTS[slot] = dayText(day);
  }
  const inDay = ms0 - day * DAY_MS;
  const minuteOfDay = Math.floor(inDay / 60_000);
  const inMinute = inDay - minuteOfDay * 60_000;
  return RECENT_DAY_TEXTS[slot]! + (HOUR_MINUTE[minuteOfDay] ??= hourMinute(minuteOfDay)) + (SECOND_MILLIS[inMinute] ??= secondMillis(inMinute));
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from here on the year has five digits and toISOString a sign. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
const RECENT_DAYS: number[] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
const RECENT_DAY_TEXTS: string[] = ['', '', '', ''];
let nextDaySlot = 0;
/** `HH:MM:` by minute of the day and `ss.SSSZ` by millisecond of the minute, made when first needed. */
const HOUR_MINUTE: (string | undefined)[] = new Array(1440);
const SECOND_MILLIS: (string | undefined)[] = new Array(60_000);
const two = (n: number) => String(n).padStart(2, '0');
const hourMinute = (i: number) => `${two(Math.floor(i / 60))}:${two(i % 60)}:`;
const secondMillis = (i: number) => `${two(Math.floor(i / 1000))}.${String(i % 1000).padStart(3, '0')}Z`;

/** `YYYY-MM-DDT` of a day since 1970-01-01 (days ≥ 0, years up to 9999). */
function dayText(day: number): string {
  const [year, month, date] = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(date)}T`;
}

/** Proleptic Gregorian year, month (1–12) and day of a count of days since 1970-01-01 (H. Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the inverse of `civilFromDays`). */
function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

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
  return parseCanonicalIso(text) ?? parseIsoText(text);
}

/**
 * The form Logpush writes, `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, read by hand: the regular expression and the
 * Date object cost more than a small record's whole mapping. Undefined means "not handled here" (the
 * general parser decides), never "invalid".
 */
function parseCanonicalIso(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || charCodeAt(text, n - 1) !== 90 /* Z */ || charCodeAt(text, 10) !== 84 /* T */) return undefined;
  if (charCodeAt(text, 4) !== 45 || charCodeAt(text, 7) !== 45 || charCodeAt(text, 13) !== 58 || charCodeAt(text, 16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const date = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // Negative means "not digits"; hour 24 and second 60 are left to the general parser.
  if (year < 0 || month < 1 || month > 12 || date < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (date > daysInMonth(year, month)) return undefined;
  let fraction = 0;
  if (n > 20) {
    if (charCodeAt(text, 19) !== 46 /* . */ || n === 21) return undefined;
    for (let i = 20; i < n - 1; i++) {
      const digit = charCodeAt(text, i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      if (i < 23) fraction = fraction * 10 + digit;
    }
    // Milliseconds: ".5" is 500, ".123456" is 123.
    for (let i = n - 1; i < 23; i++) fraction *= 10;
  }
  return daysFromCivil(year, month, date) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
}

/** The number written by `count` decimal digits at `start`, or -1 if one of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = charCodeAt(text, i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
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
  if (isBlank(value)) return undefined;
  // Records of a batch share their second more often than not: remember the last answer.
  if (value === lastInput) return lastResult;
  lastInput = value;
  return (lastResult = parseTimestampUncached(value));
}

function parseTimestampUncached(value: string | number | unknown): TimestampResult {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isFinite(value) ? integerToMillis(value) : undefined;
  // The canonical form first: it is what most jobs send, and its check fails at once on digits only.
  else if (typeof value === 'string') ms = parseCanonicalIso(value) ?? (INTEGER.test(value) ? integerToMillis(value) : parseIsoText(value));
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
  if (isBlank(value)) return undefined;
  let ms: number | undefined;
  if (typeof value === 'number') ms = Math.trunc(value);
  else if (typeof value === 'string') {
    ms = parseIsoMillis(value) ?? parseRfc1123Millis(value);
    if (ms === undefined && INTEGER.test(value)) ms = Number(value);
  }
  const text = ms === undefined ? undefined : formatEpochMillis(ms);
  return text === undefined ? { ok: false } : { ok: true, value: text };
}
