import type { FieldRule } from '../datasets/types.js';
import { describeValue } from './convert.js';
import type { TargetOptions } from './rules.js';
import { parseTimestamp } from './timestamp.js';

const INTEGER = /^-?\d+$/;

/**
 * A date rule for fields that some reference pipelines copy as sent: an RFC 3339 / ISO 8601 string is
 * kept verbatim (`"2023-05-04T11:29:14Z"`, no milliseconds added), while a Unix number or digit string
 * is normalised like any Logpush timestamp (`"1683199754"` → `"2023-05-04T11:29:14.000Z"`), since
 * Elasticsearch would misread it. `null`/`""` set nothing; an unparseable value sets nothing and is noted
 * in `error.message`. Targets work as in `rules.ts`.
 *
 * @example verbatimDate('session.start', { ecs: 'event.start' })
 */
export function verbatimDate(ns: string | null, options: TargetOptions = {}): FieldRule {
  const ecs = options.ecs === undefined ? [] : typeof options.ecs === 'string' ? [options.ecs] : options.ecs;
  const duplicate = ecs.length > 0 && options.keep !== true;
  return {
    apply(value, doc) {
      const parsed = parseTimestamp(value);
      if (parsed === undefined) return;
      if (!parsed.ok) {
        doc.error(`cannot convert ${describeValue(value)} to date for ${ns ?? ecs[0]}`);
        return;
      }
      const date = typeof value === 'string' && !INTEGER.test(value) ? value : parsed.value;
      for (const field of ecs) doc.set(field, date);
      if (ns !== null && (!duplicate || doc.keepDuplicates)) doc.setNs(ns, date);
    },
  };
}
