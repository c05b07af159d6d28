import type { FieldRule } from '../datasets/types.js';
import { describeValue, isBlank } from './convert.js';
import { formatEpochMillis, parseIsoMillis, type TimestampResult } from './timestamp.js';

/**
 * Timestamps that Cloudflare always sends as Unix epoch milliseconds (`EventTimestampMs`), whatever the job's
 * timestamp format. Unlike `parseTimestamp` there is no unit detection by magnitude: the reference pipeline
 * reads every integer as milliseconds, so `1689852946` lands in January 1970. Other strings are ISO 8601.
 *
 * @example parseEpochMillis(1689852946804) → { ok: true, value: "2023-07-20T11:35:46.804Z" }
 */
export function parseEpochMillis(value: unknown): TimestampResult {
  if (isBlank(value)) return undefined;
  let ms: number | undefined;
  if (typeof value === 'number') ms = Math.trunc(value);
  else if (typeof value === 'string') ms = /^-?\d+$/.test(value) ? Number(value) : parseIsoMillis(value);
  const text = ms === undefined ? undefined : formatEpochMillis(ms);
  return text === undefined ? { ok: false } : { ok: true, value: text };
}

/**
 * A rule for an epoch-milliseconds key: the date goes to the `ecs` field, and to the namespace field `ns`
 * only when duplicates are preserved. A value that does not parse is noted in `error.message`.
 */
export function epochMillisDate(ns: string, options: { readonly ecs: string }): FieldRule {
  return {
    apply(value, doc) {
      const result = parseEpochMillis(value);
      if (result === undefined) return;
      if (!result.ok) {
        doc.error(`cannot convert ${describeValue(value)} to date for ${ns}`);
        return;
      }
      doc.set(options.ecs, result.value);
      if (doc.keepDuplicates) doc.setNs(ns, result.value);
    },
  };
}
