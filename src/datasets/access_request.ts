// Cloudflare Logpush dataset `access_requests` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/access_requests/
// Mapping spec: shared/spec/datasets/access_request.md
import { INVALID, describeValue, toBoolean } from '../ecs/convert.js';
import { CLIENT_IP, EVENT_TYPE, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { geoFields } from '../ecs/geoip.js';
import { replaceGeo } from '../ecs/geo-replace.js';
import { upperCased } from '../ecs/letter-case.js';
import { custom, date, ip, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.access_request';

export const access_request: Dataset = {
  name: 'access_request',
  cloudflareId: 'access_requests',
  scope: 'account',
  defaultPrefix: 'access_request',
  defaultTags: ['forwarded', 'cloudflare_logpush-access_request'],
  mapping: {
    // Spec: when the time fails to parse, the reference copies the collection time into the namespace too.
    collectionTimeCopy: { key: 'CreatedAt', field: 'timestamp', whenAbsent: false },
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['access'],
    },
    rules: {
      Action: keyword('action', { ecs: 'event.action' }),
      // No ECS twin, yet still a duplicate (P3); it extends event.type (R2): nothing when it fails to convert.
      Allowed: custom((value, doc) => {
        const allowed = toBoolean(value);
        if (allowed === INVALID) return doc.error(`cannot convert ${describeValue(value)} to boolean for allowed`);
        if (allowed === undefined) return;
        if (doc.keepDuplicates) doc.setNs('allowed', allowed);
        doc.setField(EVENT_TYPE, ['access', allowed ? 'allowed' : 'denied']);
      }),
      // Copied verbatim even when it carries a path (`…cloudflareaccess.com/warp`).
      AppDomain: keyword('app.domain', { ecs: 'url.domain' }),
      AppUUID: move('app.uuid'),
      Connection: move('connection'),
      // Upper-cased into client.geo, which a GeoIP hit then replaces whole (R4, in derive).
      Country: upperCased('country', 'client.geo.country_iso_code'),
      CreatedAt: date('timestamp', { ecs: '@timestamp' }),
      Email: keyword('user.email', { ecs: 'user.email' }),
      IPAddress: ip('client.ip', { ecs: 'client.ip' }),
      PurposeJustificationPrompt: move('request.prompt'),
      PurposeJustificationResponse: move('request.response'),
      RayID: keyword('ray.id', { ecs: 'event.id' }),
      TemporaryAccessApprovers: move('temp_access.approvers'),
      TemporaryAccessDuration: long('temp_access.duration'),
      UserUID: keyword('user.id', { ecs: 'user.id' }),
    },
    derive(record, doc, ctx) {
      // related.user: UserUID, Email, then each approver in order (R3).
      doc.appendRelatedAll('user', [doc.getField(USER_ID), doc.getField(USER_EMAIL), ...[record.TemporaryAccessApprovers].flat()]);
      doc.appendRelated('ip', doc.getField(CLIENT_IP));
      replaceGeo(doc, 'client', doc.getField(CLIENT_IP), ctx.geoip);
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'event.id': 'keyword',
      'client.ip': 'ip',
      ...geoFields('client'),
      'url.domain': 'keyword',
      'user.email': 'keyword',
      'user.id': 'keyword',
      'related.ip': 'ip[]',
      'related.user': 'keyword[]',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.action`]: 'keyword',
      [`${NS}.allowed`]: 'boolean',
      [`${NS}.app.domain`]: 'keyword',
      [`${NS}.app.uuid`]: 'keyword',
      [`${NS}.client.ip`]: 'ip',
      [`${NS}.connection`]: 'keyword',
      [`${NS}.country`]: 'keyword',
      [`${NS}.ray.id`]: 'keyword',
      [`${NS}.request.prompt`]: 'keyword',
      [`${NS}.request.response`]: 'keyword',
      [`${NS}.temp_access.approvers`]: 'keyword[]',
      [`${NS}.temp_access.duration`]: 'long',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
    },
  },
};
