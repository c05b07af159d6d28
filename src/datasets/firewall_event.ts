// Cloudflare Logpush dataset `firewall_events` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/firewall_events/
// Mapping spec: shared/spec/datasets/firewall_event.md
import { SOURCE_IP, URL_DOMAIN, URL_PATH, URL_QUERY, URL_SCHEME } from '../ecs/fields.js';
import { setHttpProtocol } from '../ecs/http-protocol.js';
import { lowerCased } from '../ecs/letter-case.js';
import { date, ip, long, move } from '../ecs/rules.js';
import { setUserAgent, USER_AGENT_FIELDS } from '../ecs/user-agent.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

/** The value when it is a non-empty string (rule 4 copies only those into `url.*`). */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const firewall_event: Dataset = {
  name: 'firewall_event',
  cloudflareId: 'firewall_events',
  scope: 'zone',
  defaultPrefix: 'firewall_event',
  defaultTags: ['forwarded', 'cloudflare_logpush-firewall_event'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      // Always "info": the pipeline derives neither allowed/denied nor event.outcome from Action.
      'event.type': ['info'],
    },
    rules: {
      Datetime: date('timestamp', { ecs: '@timestamp' }),
      // event.action is lower-cased (`managedChallenge` → `managedchallenge`); the namespace copy keeps the case.
      Action: lowerCased('action', 'event.action'),
      ClientASN: long('client.asn.value', { ecs: 'source.as.number' }),
      ClientASNDescription: move('client.asn.description'),
      // Copied verbatim: the pipeline does not upper-case it ("us" stays "us"), and runs no GeoIP (rule 14).
      ClientCountry: move('client.country', { ecs: 'source.geo.country_iso_code' }),
      ClientIP: ip('client.ip', { ecs: 'source.ip' }),
      ClientIPClass: move('client.ip_class'),
      ClientRefererHost: move('client.referer.host'),
      ClientRefererPath: move('client.referer.path'),
      ClientRefererQuery: move('client.referer.query'),
      ClientRefererScheme: move('client.referer.scheme'),
      // The request parts feed url.* in derive (rule 4); their namespace copies are always kept.
      ClientRequestHost: move('client.request.host'),
      ClientRequestMethod: move('client.request.method', { ecs: 'http.request.method' }),
      ClientRequestPath: move('client.request.path'),
      ClientRequestProtocol: move('client.request.protocol'),
      ClientRequestQuery: move('client.request.query'),
      ClientRequestScheme: move('client.request.scheme'),
      ClientRequestUserAgent: move('client.request.user.agent'),
      ContentScanObjResults: move('content_scan.results'),
      ContentScanObjSizes: long('content_scan.sizes'),
      ContentScanObjTypes: move('content_scan.types'),
      Description: move('rule.description', { ecs: 'rule.description' }),
      EdgeColoCode: move('edge.colo.code'),
      EdgeResponseStatus: long('edge.response.status', { ecs: 'http.response.status_code' }),
      FraudUserID: move('fraud.user_id'),
      Kind: move('kind'),
      LeakedCredentialCheckResult: move('leaked_credential_check'),
      MatchIndex: long('match_index'),
      Metadata: move('meta_data'),
      OriginResponseStatus: long('origin.response.status'),
      OriginatorRayID: move('origin.ray.id'),
      RayID: move('ray.id'),
      Ref: move('ref'),
      RuleID: move('rule.id', { ecs: 'rule.id' }),
      Source: move('source'),
      ZoneName: move('zone.name'),
    },
    derive(record, doc, ctx) {
      // Plain copies, no URI parsing and no default scheme; only the query loses one leading "?" (not decoded).
      doc.setField(URL_DOMAIN, text(record.ClientRequestHost));
      doc.setField(URL_PATH, text(record.ClientRequestPath));
      doc.setField(URL_SCHEME, text(record.ClientRequestScheme));
      doc.setField(URL_QUERY, text(record.ClientRequestQuery)?.replace(/^\?/, ''));
      setHttpProtocol(doc, record.ClientRequestProtocol);
      setUserAgent(doc, record.ClientRequestUserAgent, ctx.userAgent);
      doc.appendRelated('ip', doc.getField(SOURCE_IP));
      doc.appendRelated('hosts', record.ClientRefererHost, record.ClientRequestHost);
      doc.appendRelated('user', record.FraudUserID);
    },
    // Rule 13: the final clean-up also drops "N/A" members (not "N/A" array elements, e.g. in related.*).
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'source.ip': 'ip',
      'source.as.number': 'long',
      'source.geo.country_iso_code': 'keyword',
      'http.request.method': 'keyword',
      'http.response.status_code': 'long',
      'http.version': 'keyword',
      'network.protocol': 'keyword',
      'url.domain': 'keyword',
      'url.path': 'wildcard',
      'url.query': 'keyword',
      'url.scheme': 'keyword',
      'rule.id': 'keyword',
      'rule.description': 'keyword',
      'related.ip': 'ip[]',
      'related.hosts': 'keyword[]',
      'related.user': 'keyword[]',
      ...USER_AGENT_FIELDS,
      'cloudflare_logpush.firewall_event.timestamp': 'date',
      'cloudflare_logpush.firewall_event.action': 'keyword',
      'cloudflare_logpush.firewall_event.client.asn.value': 'long',
      'cloudflare_logpush.firewall_event.client.asn.description': 'keyword',
      'cloudflare_logpush.firewall_event.client.country': 'keyword',
      'cloudflare_logpush.firewall_event.client.ip': 'ip',
      'cloudflare_logpush.firewall_event.client.ip_class': 'keyword',
      'cloudflare_logpush.firewall_event.client.referer.host': 'keyword',
      'cloudflare_logpush.firewall_event.client.referer.path': 'keyword',
      'cloudflare_logpush.firewall_event.client.referer.query': 'keyword',
      'cloudflare_logpush.firewall_event.client.referer.scheme': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.host': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.method': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.path': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.protocol': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.query': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.scheme': 'keyword',
      'cloudflare_logpush.firewall_event.client.request.user.agent': 'keyword',
      'cloudflare_logpush.firewall_event.content_scan.results': 'keyword[]',
      'cloudflare_logpush.firewall_event.content_scan.sizes': 'long[]',
      'cloudflare_logpush.firewall_event.content_scan.types': 'keyword[]',
      'cloudflare_logpush.firewall_event.edge.colo.code': 'keyword',
      'cloudflare_logpush.firewall_event.edge.response.status': 'long',
      'cloudflare_logpush.firewall_event.fraud.user_id': 'keyword',
      'cloudflare_logpush.firewall_event.kind': 'keyword',
      'cloudflare_logpush.firewall_event.leaked_credential_check': 'keyword',
      'cloudflare_logpush.firewall_event.match_index': 'long',
      'cloudflare_logpush.firewall_event.meta_data': 'flattened',
      'cloudflare_logpush.firewall_event.origin.ray.id': 'keyword',
      'cloudflare_logpush.firewall_event.origin.response.status': 'long',
      'cloudflare_logpush.firewall_event.ray.id': 'keyword',
      'cloudflare_logpush.firewall_event.ref': 'keyword',
      'cloudflare_logpush.firewall_event.rule.id': 'keyword',
      'cloudflare_logpush.firewall_event.rule.description': 'keyword',
      'cloudflare_logpush.firewall_event.source': 'keyword',
      'cloudflare_logpush.firewall_event.zone.name': 'keyword',
    },
  },
};
