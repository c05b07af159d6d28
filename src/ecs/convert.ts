import { isIP } from 'node:net';
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
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value : INVALID;
  if (typeof value === 'string' && INTEGER.test(value)) return Number.parseInt(value, 10);
  return INVALID;
}

/** double: a number, or a numeric string. */
export function toDouble(value: unknown): Converted<number> {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return INVALID;
}

/** boolean: a JSON boolean, or "true"/"false" in any case. */
export function toBoolean(value: unknown): Converted<boolean> {
  if (value === null || value === undefined || value === '') return undefined;
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
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (isIpv4(value) || isIP(value) !== 0)) return value;
  return INVALID;
}

/**
 * True for a dotted-quad IPv4 literal exactly as node:net's isIP accepts it (octets 0–255, no leading
 * zeros), read without its regular expression: most IPs in Logpush records are IPv4, and this is hot.
 */
export function isIpv4(text: string): boolean {
  const length = text.length;
  if (length < 7 || length > 15) return false;
  let octets = 0;
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? charCodeAt(text, i) : 46; /* . */
    if (c === 46) {
      if (digits === 0 || (leadingZero && digits > 1) || value > 255) return false;
      octets++;
      value = 0;
      digits = 0;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9 || digits === 3) return false;
    if (digits === 0) leadingZero = digit === 0;
    value = value * 10 + digit;
    digits++;
  }
  return octets === 4;
}

/** string: strings as sent; numbers and booleans as their JSON text (the pipelines' `convert` to string). */
export function toKeyword(value: unknown): Converted<string> {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return INVALID;
}

/** Describes a value for an error message, shortened so that one huge value cannot bloat the document. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
