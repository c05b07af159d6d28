// Cloudflare Logpush dataset `dns_logs` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/dns_logs/
// Mapping spec: shared/spec/datasets/dns.md
import { fieldUnder } from '../ecs/document.js';
import { SOURCE_IP } from '../ecs/fields.js';
import { date, ip, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

/** Read in derive, with its slot (see fieldName). */
const EDNS_SUBNET = fieldUnder('cloudflare_logpush.dns', 'edns.subnet');

export const dns: Dataset = {
  name: 'dns',
  cloudflareId: 'dns_logs',
  scope: 'zone',
  defaultPrefix: 'dns',
  defaultTags: ['forwarded', 'cloudflare_logpush-dns'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
      ColoCode: move('colo.code'),
      EDNSSubnet: ip('edns.subnet'),
      EDNSSubnetLength: long('edns.subnet_length'),
      // Copied verbatim: no lower-casing, no trailing-dot handling (rule 3).
      QueryName: keyword('query.name', { ecs: 'dns.question.name' }),
      // QueryType and ResponseCode stay numeric, namespace only: no dns.question.type / dns.response_code.
      QueryType: long('query.type'),
      ResponseCached: move('response.cached'),
      ResponseCode: long('response.code'),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
    },
    derive(record, doc) {
      // related.ip: source IP, then the EDNS subnet (no related.hosts: the reference never sets it).
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(EDNS_SUBNET));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'dns.question.name': 'keyword',
      'source.ip': 'ip',
      'related.ip': 'ip[]',
      'cloudflare_logpush.dns.timestamp': 'date',
      'cloudflare_logpush.dns.colo.code': 'keyword',
      'cloudflare_logpush.dns.edns.subnet': 'ip',
      'cloudflare_logpush.dns.edns.subnet_length': 'long',
      'cloudflare_logpush.dns.query.name': 'keyword',
      'cloudflare_logpush.dns.query.type': 'long',
      'cloudflare_logpush.dns.response.cached': 'boolean',
      'cloudflare_logpush.dns.response.code': 'long',
      'cloudflare_logpush.dns.source.ip': 'ip',
    },
  },
};
