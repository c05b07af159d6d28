// Cloudflare Logpush dataset `audit_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/audit_logs/
// Mapping spec: shared/spec/datasets/audit.md
import { EVENT_OUTCOME, SOURCE_IP, USER_ID } from '../ecs/fields.js';
import { lowerCased } from '../ecs/letter-case.js';
import { date, derived, ip, keyword, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.audit';

export const audit: Dataset = {
  name: 'audit',
  cloudflareId: 'audit_logs',
  scope: 'account',
  defaultPrefix: 'audit_logs',
  defaultTags: ['forwarded', 'cloudflare_logpush-audit'],
  mapping: {
    // Spec: when the time fails to parse, the reference copies the collection time into the namespace too.
    collectionTimeCopy: { key: 'When', field: 'timestamp', whenAbsent: false },
    constants: {
      'event.kind': 'event',
      'event.category': ['authentication'],
      'event.type': ['info'],
    },
    rules: {
      // success/failure, set in derive: a missing ActionResult is a failure too (R2).
      ActionResult: derived,
      ActionType: lowerCased('action.type', 'event.action'),
      ActorEmail: keyword('actor.email', { ecs: 'user.email' }),
      ActorID: keyword('actor.id', { ecs: 'user.id' }),
      ActorIP: ip('actor.ip', { ecs: 'source.ip' }),
      ActorType: move('actor.type'),
      ID: keyword('id', { ecs: 'event.id' }),
      Interface: keyword('interface', { ecs: 'event.provider' }),
      // Carried through as sent (usually objects); pruning cleans inside them too.
      Metadata: move('metadata'),
      NewValue: move('new_value'),
      OldValue: move('old_value'),
      OwnerID: move('owner.id'),
      ResourceID: move('resource.id'),
      ResourceType: move('resource.type'),
      When: date('timestamp', { ecs: '@timestamp' }),
    },
    derive(record, doc) {
      // Only the JSON boolean true is a success: the reference tests `== true`, so "true" is a failure.
      const result = record.ActionResult === true ? 'success' : 'failure';
      doc.setField(EVENT_OUTCOME, result);
      if (doc.keepDuplicates) doc.setNs('action.result', result);
      // related.user holds ActorID only: the reference outputs leave out ActorEmail and OwnerID (R3).
      doc.appendRelated('user', doc.getField(USER_ID));
      doc.appendRelated('ip', doc.getField(SOURCE_IP));
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'event.id': 'keyword',
      'event.outcome': 'keyword',
      'event.provider': 'keyword',
      'source.ip': 'ip',
      'user.email': 'keyword',
      'user.id': 'keyword',
      'related.ip': 'ip[]',
      'related.user': 'keyword[]',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.action.result`]: 'keyword',
      [`${NS}.action.type`]: 'keyword',
      [`${NS}.actor.email`]: 'keyword',
      [`${NS}.actor.id`]: 'keyword',
      [`${NS}.actor.ip`]: 'ip',
      [`${NS}.actor.type`]: 'keyword',
      [`${NS}.id`]: 'keyword',
      [`${NS}.interface`]: 'text',
      [`${NS}.metadata`]: 'flattened',
      [`${NS}.new_value`]: 'flattened',
      [`${NS}.old_value`]: 'flattened',
      [`${NS}.owner.id`]: 'keyword',
      [`${NS}.resource.id`]: 'keyword',
      [`${NS}.resource.type`]: 'keyword',
    },
  },
};
