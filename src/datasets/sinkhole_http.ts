// Cloudflare Logpush dataset `sinkhole_http_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/sinkhole_http_logs/
// Mapping spec: shared/spec/datasets/sinkhole_http.md
import type { DocumentBuilder } from '../ecs/document.js';
import { describeValue, isBlank } from '../ecs/convert.js';
import { DESTINATION_IP, HOST_NAME, SOURCE_IP, USER_AGENT_ORIGINAL, USER_NAME } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { custom, date, derived, ip, long, move } from '../ecs/rules.js';
import { splitText } from '../ecs/split-text.js';
import { setUrlParts, URL_FIELDS } from '../ecs/url.js';
import { setParsedUserAgent, USER_AGENT_FIELDS, type UserAgentParser } from '../ecs/user-agent.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.sinkhole_http';

const bodyBytes = long('request.body.bytes', { ecs: 'http.request.body.bytes' });

/**
 * `user_agent.*` as Elasticsearch's processor writes them here: unlike `setUserAgent`, the string is
 * parsed even when empty, giving name and device "Other" (rule 9).
 */
function setSinkholeUserAgent(doc: DocumentBuilder, userAgent: unknown, parser: UserAgentParser): void {
  if (typeof userAgent !== 'string') return;
  doc.setField(USER_AGENT_ORIGINAL, userAgent);
  setParsedUserAgent(doc, userAgent, parser);
}

export const sinkhole_http: Dataset = {
  name: 'sinkhole_http',
  cloudflareId: 'sinkhole_http_logs',
  scope: 'account',
  defaultPrefix: 'sinkhole_http',
  defaultTags: ['forwarded', 'cloudflare_logpush-sinkhole_http'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      AccountID: move('account_id'),
      Body: move('request.body.content', { ecs: 'http.request.body.content' }),
      // The reference converts without an empty-string guard, so "" is an error here (rule 3).
      BodyLength: custom((value, doc, record, ctx) => {
        if (value === '') doc.error(`cannot convert "" to long for request.body.bytes`);
        else bodyBytes.apply(value, doc, record, ctx);
      }),
      DestAddr: ip('destination.ip', { ecs: 'destination.ip' }),
      Headers: splitText('request.headers', '\n'),
      Host: move('host.name', { ecs: 'host.name' }),
      Method: move('request.method', { ecs: 'http.request.method' }),
      Password: move('request.password'), // namespace only, never copied to ECS
      R2Path: move('r2path'),
      Referrer: move('request.referrer', { ecs: 'http.request.referrer' }),
      SinkholeID: move('sinkhole_id'),
      SrcAddr: ip('source.ip', { ecs: 'source.ip' }),
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
      // A duplicate with no ECS twin: without preserve_duplicate_custom_fields the URI is lost, as in the reference.
      URI: custom((value, doc) => {
        if (doc.keepDuplicates) doc.setNs('request.uri', value);
      }),
      URL: derived,
      UserAgent: derived,
      Username: move('user.name', { ecs: 'user.name' }),
    },
    derive(record, doc, ctx) {
      const url = record.URL;
      if (!isBlank(url)) {
        if (doc.keepDuplicates) doc.setNs('request.url', url);
        if (!setUrlParts(doc, url)) doc.error(`cannot parse ${describeValue(url)} as a URL for url.*`);
      }
      if (doc.keepDuplicates) doc.setNs('user_agent', record.UserAgent);
      setSinkholeUserAgent(doc, record.UserAgent, ctx.userAgent);

      // GeoIP only for the sides that have an address (the reference aborts on a missing one, rule 5).
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);

      doc.appendRelated('ip', doc.getField(DESTINATION_IP), doc.getField(SOURCE_IP));
      doc.appendRelated('hosts', doc.getField(HOST_NAME));
      doc.appendRelated('user', doc.getField(USER_NAME));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'destination.ip': 'ip',
      ...geoFields('destination'),
      'source.ip': 'ip',
      ...geoFields('source'),
      'host.name': 'keyword',
      'http.request.body.bytes': 'long',
      'http.request.body.content': 'wildcard',
      'http.request.method': 'keyword',
      'http.request.referrer': 'keyword',
      'user.name': 'keyword',
      ...URL_FIELDS,
      ...USER_AGENT_FIELDS,
      'related.ip': 'ip[]',
      'related.hosts': 'keyword[]',
      'related.user': 'keyword[]',
      [`${NS}.account_id`]: 'keyword',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.r2path`]: 'keyword',
      [`${NS}.request.body.bytes`]: 'long',
      [`${NS}.request.body.content`]: 'keyword',
      [`${NS}.request.headers`]: 'keyword[]',
      [`${NS}.request.method`]: 'keyword',
      [`${NS}.request.password`]: 'keyword',
      [`${NS}.request.referrer`]: 'keyword',
      [`${NS}.request.uri`]: 'keyword',
      [`${NS}.request.url`]: 'keyword',
      [`${NS}.sinkhole_id`]: 'keyword',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.user.name`]: 'keyword',
      [`${NS}.user_agent`]: 'keyword',
    },
    pruneNotAvailable: true,
  },
};
