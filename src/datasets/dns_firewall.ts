// Cloudflare Logpush dataset `dns_firewall_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/dns_firewall_logs/
// Mapping spec: shared/spec/datasets/dns_firewall.md
import { dnsTypeName } from '../ecs/dns-types.js';
import { fieldUnder } from '../ecs/document.js';
import { DESTINATION_IP, DNS_QUESTION_TYPE, DNS_RESPONSE_CODE, NETWORK_TRANSPORT, SOURCE_IP } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { boolean, date, ip, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.dns_firewall';
// Read in derive: names with their slots, looked up once (see fieldName).
const EDNS_SUBNET = fieldUnder(NS, 'edns.subnet');
const UPSTREAM_RESPONSE_CODE = fieldUnder(NS, 'upstream.response_code');
const QUESTION_TCP = fieldUnder(NS, 'question.tcp');

export const dns_firewall: Dataset = {
  name: 'dns_firewall',
  cloudflareId: 'dns_firewall_logs',
  scope: 'account',
  defaultPrefix: 'dns_firewall',
  defaultTags: ['forwarded', 'cloudflare_logpush-dns_firewall'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
      // Response codes stay numeric text ("0", "3"), never NOERROR/NXDOMAIN (rule 4).
      ClientResponseCode: keyword('response.code', { ecs: 'dns.response_code' }),
      ClusterID: move('cluster_id'),
      ColoCode: move('colo.code'),
      EDNSSubnet: ip('edns.subnet'),
      EDNSSubnetLength: long('edns.subnet_length'),
      QueryDO: boolean('question.dnssec_ok'),
      QueryName: keyword('question.name', { ecs: 'dns.question.name' }),
      QueryRD: boolean('question.recursion_desired'),
      QuerySize: long('question.size'),
      QueryTCP: boolean('question.tcp'),
      // The namespace keeps the code as sent; dns.question.type gets its name in derive (rule 3).
      QueryType: move('question.type'),
      ResponseCached: boolean('response.cached'),
      ResponseCachedStale: boolean('response.cached_stale'),
      ResponseReason: move('response.reason'),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
      // Unlike source.ip, the namespace copy of the upstream IP is always kept.
      UpstreamIP: ip('upstream.ip', { ecs: 'destination.ip', keep: true }),
      UpstreamResponseCode: keyword('upstream.response_code'),
      UpstreamResponseTimeMs: long('upstream.response_time_ms'),
    },
    derive(record, doc, ctx) {
      doc.setField(DNS_QUESTION_TYPE, dnsTypeName(record.QueryType));
      // ClientResponseCode wins (its rule already wrote dns.response_code); the upstream code is the fallback.
      if (doc.getField(DNS_RESPONSE_CODE) === undefined) doc.setField(DNS_RESPONSE_CODE, doc.getField(UPSTREAM_RESPONSE_CODE));
      const tcp = doc.getField(QUESTION_TCP);
      if (typeof tcp === 'boolean') doc.setField(NETWORK_TRANSPORT, tcp ? 'tcp' : 'udp');
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(EDNS_SUBNET), doc.getField(DESTINATION_IP));
    },
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'dns.question.name': 'keyword',
      'dns.question.type': 'keyword',
      'dns.response_code': 'keyword',
      'network.transport': 'keyword',
      'source.ip': 'ip',
      ...geoFields('source'),
      'destination.ip': 'ip',
      ...geoFields('destination'),
      'related.ip': 'ip[]',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.cluster_id`]: 'keyword',
      [`${NS}.colo.code`]: 'keyword',
      [`${NS}.edns.subnet`]: 'ip',
      [`${NS}.edns.subnet_length`]: 'long',
      [`${NS}.question.dnssec_ok`]: 'boolean',
      [`${NS}.question.name`]: 'keyword',
      [`${NS}.question.recursion_desired`]: 'boolean',
      [`${NS}.question.size`]: 'long',
      [`${NS}.question.tcp`]: 'boolean',
      [`${NS}.question.type`]: 'long',
      [`${NS}.response.cached`]: 'boolean',
      [`${NS}.response.cached_stale`]: 'boolean',
      [`${NS}.response.code`]: 'keyword',
      [`${NS}.response.reason`]: 'keyword',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.upstream.ip`]: 'ip',
      [`${NS}.upstream.response_code`]: 'keyword',
      [`${NS}.upstream.response_time_ms`]: 'long',
    },
  },
};
