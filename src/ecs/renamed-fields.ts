/**
 * Cloudflare renames Logpush fields from time to time (`IPTtl` → `IPTTL`), and a job may send either
 * spelling, or both. These helpers merge the two values the way the reference pipelines do, before the
 * usual conversion rule runs on the result.
 */
import { isBlank } from './convert.js';

const isPresent = (value: unknown): boolean => !isBlank(value);

/**
 * One value from the current and the older spelling: whichever is present; the single value when both
 * are equal (numbers numerically, anything else strictly); `[current, older]` when they differ.
 *
 * @example mergeRenamed(54, 54) → 54; mergeRenamed(54, 60) → [54, 60]; mergeRenamed(undefined, 60) → 60
 */
export function mergeRenamed(current: unknown, older: unknown): unknown {
  if (!isPresent(current)) return isPresent(older) ? older : undefined;
  if (!isPresent(older) || current === older) return current;
  return [current, older];
}

/** A list field's value as an array: a string split on `separator`, another scalar wrapped, an array as is. */
function toList(value: unknown, separator: RegExp): unknown[] {
  if (!isPresent(value)) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(separator);
  return [value];
}

/**
 * One list from the current and the older spelling of a list field: the current elements in order
 * (duplicates kept), then each older element whose string form is not already there.
 *
 * @example mergeRenamedList("1,2,3", 2, /,/) → ["1", "2", "3"]; mergeRenamedList("", 1, /,/) → [1]
 */
export function mergeRenamedList(current: unknown, older: unknown, separator: RegExp): unknown[] {
  const list = toList(current, separator);
  const seen = new Set(list.map(String));
  for (const element of toList(older, separator)) {
    if (!seen.has(String(element))) {
      seen.add(String(element));
      list.push(element);
    }
  }
  return list;
}
