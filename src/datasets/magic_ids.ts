// Cloudflare Logpush dataset `magic_ids_detections` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/magic_ids_detections/
// Mapping spec: shared/spec/datasets/magic_ids.md
import { DESTINATION_IP, EVENT_ACTION, EVENT_TYPE, SOURCE_IP } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { date, ip, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.magic_ids';

/** event.type additions by action (R2): exact, case-sensitive matches only. */
const TYPE_BY_ACTION: Readonly<Record<string, string>> = { pass: 'allowed', block: 'denied' };

export const magic_ids: Dataset = {
  name: 'magic_ids',
  cloudflareId: 'magic_ids_detections',
  scope: 'account',
  defaultPrefix: 'magic_ids',
  defaultTags: ['forwarded', 'cloudflare_logpush-magic_ids'],
  mapping: {
    // Spec: when the time fails to parse, the reference copies the collection time into the namespace too.
    collectionTimeCopy: { key: 'Timestamp', field: 'timestamp', whenAbsent: false },
    constants: {
      'event.kind': 'event',
      'event.category': ['network', 'intrusion_detection'],
      'event.type': ['info'],
    },
    rules: {
      Action: move('action', { ecs: 'event.action' }),
      ColoCity: move('colo.city'),
      ColoCode: move('colo.code'),
      DestinationIP: ip('destination.ip', { ecs: 'destination.ip' }),
      DestinationPort: long('destination.port', { ecs: 'destination.port' }),
      // Copied as sent (`tcp`, `udp`, `any`), no case change.
      Protocol: move('transport', { ecs: 'network.transport' }),
      // Not coerced: the index maps them as long and Cloudflare sends JSON numbers.
      SignatureID: move('signature.id'),
      SignatureMessage: move('signature.message'),
      SignatureRevision: move('signature.revision'),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
      SourcePort: long('source.port', { ecs: 'source.port' }),
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
    },
    derive(record, doc, ctx) {
      const action = doc.getField(EVENT_ACTION);
      const added = typeof action === 'string' && Object.hasOwn(TYPE_BY_ACTION, action) ? TYPE_BY_ACTION[action] : undefined;
      // A new array: the constant one is shared by every document.
      if (added !== undefined) doc.setField(EVENT_TYPE, [...(doc.getField(EVENT_TYPE) as string[]), added]);
      doc.appendRelated('ip', doc.getField(DESTINATION_IP), doc.getField(SOURCE_IP));
      // The reference fails the whole record when an IP is missing; here the missing side is just omitted.
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'network.transport': 'keyword',
      'destination.ip': 'ip',
      'destination.port': 'long',
      ...geoFields('destination'),
      'source.ip': 'ip',
      'source.port': 'long',
      ...geoFields('source'),
      'related.ip': 'ip[]',
      [`${NS}.action`]: 'keyword',
      [`${NS}.colo.city`]: 'keyword',
      [`${NS}.colo.code`]: 'keyword',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.destination.port`]: 'long',
      [`${NS}.signature.id`]: 'long',
      [`${NS}.signature.message`]: 'keyword',
      [`${NS}.signature.revision`]: 'long',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.source.port`]: 'long',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.transport`]: 'keyword',
    },
  },
};
