// Cloudflare Logpush dataset `workers_trace_events` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/workers_trace_events/
// Mapping spec: shared/spec/datasets/workers_trace.md
import { describeValue, isBlank } from '../ecs/convert.js';
import { epochMillisDate } from '../ecs/epoch-millis.js';
import { EVENT_OUTCOME, EVENT_TYPE } from '../ecs/fields.js';
import { isObject, omitTree, valueAt, withoutPaths } from '../ecs/object-path.js';
import { custom, derived, move } from '../ecs/rules.js';
import { snakeCaseKeys } from '../ecs/snake-case-keys.js';
import { setUrlParts, URL_FIELDS } from '../ecs/url.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.workers_trace';

/** A key the reference integration does not map: dropped on purpose, not kept as an unknown field. */
const dropped = custom(() => {});

/** Moves the value unchanged, except that the keys of nested objects are snake_cased (rule 6). */
const moveSnakeCased = (ns: string) =>
  custom((value, doc) => {
    if (isPresent(value)) doc.setNs(ns, snakeCaseKeys(value));
  });

/** Members of the (snake_cased) `Event` object copied to ECS as they are (rule 7). */
const EVENT_COPIES: readonly (readonly [readonly string[], string])[] = [
  [['ray_id'], 'event.id'],
  [['request', 'method'], 'http.request.method'],
  [['response', 'status'], 'http.response.status_code'],
];
const EVENT_URL = ['request', 'url'];
/** What leaves the namespace copy of `Event` when duplicates are not kept (rule 9). */
const EVENT_DUPLICATES = omitTree([...EVENT_COPIES.map(([path]) => path), EVENT_URL]);

const isPresent = (value: unknown): boolean => !isBlank(value);

export const workers_trace: Dataset = {
  name: 'workers_trace',
  cloudflareId: 'workers_trace_events',
  scope: 'account',
  defaultPrefix: 'workers_trace',
  defaultTags: ['forwarded', 'cloudflare_logpush-workers_trace'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['web'],
      'event.type': ['info'],
    },
    rules: {
      CPUTimeMs: dropped,
      DispatchNamespace: moveSnakeCased('dispatch_namespace'),
      Entrypoint: moveSnakeCased('entrypoint'),
      Event: derived,
      // Always epoch milliseconds: no seconds/nanoseconds detection for this field (rule 2).
      EventTimestampMs: epochMillisDate('timestamp', { ecs: '@timestamp' }),
      // No lower-casing (rule 3); a missing EventType aborts the reference pipeline, here it just maps nothing.
      EventType: move('type', { ecs: 'event.action' }),
      Exceptions: moveSnakeCased('exceptions'),
      Logs: moveSnakeCased('logs'),
      Outcome: custom((value, doc) => {
        if (doc.keepDuplicates) doc.setNs('outcome', value);
        // Exact matches only: exceededCpu, canceled… give no event.outcome (rule 4).
        if (value === 'ok') doc.setField(EVENT_OUTCOME, 'success');
        if (value === 'exception') {
          doc.setField(EVENT_OUTCOME, 'failure');
          doc.setField(EVENT_TYPE, [...(doc.getField(EVENT_TYPE) as string[]), 'error']);
        }
      }),
      ScriptName: moveSnakeCased('script.name'),
      ScriptTags: moveSnakeCased('script.tags'),
      ScriptVersion: moveSnakeCased('script.version'),
      WallTimeMs: dropped,
    },
    derive(record, doc) {
      if (!isPresent(record.Event)) return;
      const event = snakeCaseKeys(record.Event);
      for (const [path, ecs] of EVENT_COPIES) {
        const value = valueAt(event, path);
        if (isPresent(value)) doc.set(ecs, value);
      }
      const url = valueAt(event, EVENT_URL);
      // Rule 11 keeps event.kind "event" on such a failure; the engine applies the product-wide convention
      // (spec README: pipeline_error and the preserve_original_event tag) instead.
      if (isPresent(url) && !setUrlParts(doc, url)) doc.error(`cannot parse ${describeValue(url)} as a URL for url.*`);
      // The members copied to ECS are duplicates (rule 9); an object left empty goes too (pruning would).
      doc.setNs('event', doc.keepDuplicates || !isObject(event) ? event : withoutPaths(event, EVENT_DUPLICATES));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'event.id': 'keyword',
      'event.outcome': 'keyword',
      'http.request.method': 'keyword',
      'http.response.status_code': 'long',
      ...URL_FIELDS,
      [`${NS}.dispatch_namespace`]: 'keyword',
      [`${NS}.entrypoint`]: 'keyword',
      [`${NS}.event`]: 'flattened',
      [`${NS}.exceptions`]: 'flattened[]',
      [`${NS}.logs`]: 'flattened[]',
      [`${NS}.outcome`]: 'keyword',
      [`${NS}.script.name`]: 'keyword',
      [`${NS}.script.tags`]: 'keyword[]',
      [`${NS}.script.version`]: 'flattened',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.type`]: 'keyword',
    },
  },
};
