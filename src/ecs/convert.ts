import { charCodeAt } from './char-code.js';

/**
 * Value conversions shared by every mapping, following the reference pipelines' `convert` processor.
 * Each returns `undefined` for null/"" (skipped silently), `INVALID` when the value cannot convert
 * (the caller records `error.message`), or the converted value.
 */
export const INVALID: unique symbol = Symbol('invalid');
export type Converted<T> = T | typeof INVALID | undefined;

/** Whether a value counts as absent: missing, null or "" (what the reference pipelines skip or prune). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** long: an integer, or a string of an optional sign and decimal digits (leading zeros read as decimal). */
export function toLong(value: unknown): Converted<number> {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : INVALID;
  if (typeof value === 'string' && INTEGER.test(value)) return Number.parseInt(value, 10);
  return INVALID;
}

/** double: a number, or a numeric string. */
export function toDouble(value: unknown): Converted<number> {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return INVALID;
}

/** boolean: a JSON boolean, or "true"/"false" in any case. */
export function toBoolean(value: unknown): Converted<boolean> {
  if (isBlank(value)) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return INVALID;
}

/** ip: a valid IPv4 or IPv6 literal, kept exactly as sent. */
export function toIp(value: unknown): Converted<string> {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string' && (isIpv4(value) || isIpv6(value))) return value;
  return INVALID;
}

/**
 * True for a dotted-quad IPv4 literal exactly as node:net's isIP accepts it (octets 0–255, no leading
 * zeros), read without its regular expression: most IPs in Logpush records are IPv4, and this is hot.
 */
export function isIpv4(text: string): boolean {
  return isDottedQuad(text, 0, text.length);
}

/**
 * `isIpv4` for `text` from `start` to `end`. One test per character and the last octet judged after the
 * loop: reading a virtual "." past the end (a ternary per character) made it twice as slow.
 */
function isDottedQuad(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 7 || length > 15) return false;
  let dots = 0;
  let value = 0;
  let digits = 0;
  let first = 0;
  for (let i = start; i < end; i++) {
    const c = charCodeAt(text, i);
    if (c === 46 /* . */) {
      if (!isOctet(value, digits, first)) return false;
      dots++;
      value = 0;
      digits = 0;
    } else {
      const digit = c - 48;
      if (digit < 0 || digit > 9 || digits === 3) return false;
      if (digits === 0) first = c;
      value = value * 10 + digit;
      digits++;
    }
  }
  return dots === 3 && isOctet(value, digits, first);
}

/** An octet of 1–3 digits, at most 255, without a leading zero (`first` is its first character). */
function isOctet(value: number, digits: number, first: number): boolean {
  return digits !== 0 && value <= 255 && (first !== 48 /* 0 */ || digits === 1);
}

/**
 * True for an IPv6 literal exactly as node:net's isIP accepts it, read without its regular expression
 * (which cost 2–3 % of mapping where records carry IPv6 addresses): eight groups of 1–4 hex digits, or
 * fewer with one `::` standing for at least one; the last two groups may be written as a dotted quad;
 * then optionally a zone, `%` and one or more of `[0-9A-Za-z.:-]`.
 */
export function isIpv6(text: string): boolean {
  let end = text.length;
  const percent = text.indexOf('%');
  if (percent >= 0) {
    if (percent === end - 1) return false;
    for (let i = percent + 1; i < end; i++) if (!isZoneCharacter(charCodeAt(text, i))) return false;
    end = percent;
  }
  if (end < 2) return false;
  let i = 0;
  let groups = 0;
  let compressed = false;
  if (charCodeAt(text, 0) === 58 /* : */) {
    if (charCodeAt(text, 1) !== 58) return false;
    compressed = true;
    i = 2;
    if (i === end) return true;
  }
  for (;;) {
    const start = i;
    while (i < end && i - start < 5 && hexValue(charCodeAt(text, i)) >= 0) i++;
    if (i < end && charCodeAt(text, i) === 46 /* . */) {
      // A dotted quad: only as the last part, and it counts as two groups.
      if (!isDottedQuad(text, start, end)) return false;
      groups += 2;
      break;
    }
    const digits = i - start;
    if (digits === 0 || digits > 4) return false;
    groups++;
    if (i === end) break;
    if (charCodeAt(text, i) !== 58) return false;
    i++;
    if (i === end) return false;
    if (charCodeAt(text, i) === 58) {
      if (compressed) return false;
      compressed = true;
      i++;
      if (i === end) break;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

/** 0–15 for a hex digit, else -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** `[0-9A-Za-z.:-]`: the characters node:net accepts in a zone id. */
function isZoneCharacter(c: number): boolean {
  const lower = c | 32;
  return (c >= 48 && c <= 58) || (lower >= 97 && lower <= 122) || c === 45 || c === 46;
}

/** string: strings as sent; numbers and booleans as their JSON text (the pipelines' `convert` to string). */
export function toKeyword(value: unknown): Converted<string> {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return INVALID;
}

/** Describes a value for an error message, shortened so that one huge value cannot bloat the document. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
