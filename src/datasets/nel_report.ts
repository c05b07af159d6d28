// Cloudflare Logpush dataset `nel_reports` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/nel_reports/
// Mapping spec: shared/spec/datasets/nel_report.md
import { date, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

export const nel_report: Dataset = {
  name: 'nel_report',
  cloudflareId: 'nel_reports',
  scope: 'zone',
  defaultPrefix: 'nel_report',
  defaultTags: ['forwarded', 'cloudflare_logpush-nel_report'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
      // The NEL report type (`network-error`, `dns.name_not_resolved`…) is the one ECS field (rule 3);
      // error.message stays for pipeline problems only.
      Type: keyword('error.type', { ecs: 'error.type' }),
      // The client's network stays in the namespace: the dataset has no client IP, so no source.* (rule 3).
      ClientIPASN: long('client.ip.asn.value'),
      ClientIPASNDescription: move('client.ip.asn.description'),
      ClientIPCountry: move('client.ip.country'),
      LastKnownGoodColoCode: move('last_known_good.colo.code'),
      Phase: move('phase'),
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'error.type': 'keyword',
      'cloudflare_logpush.nel_report.timestamp': 'date',
      'cloudflare_logpush.nel_report.error.type': 'keyword',
      'cloudflare_logpush.nel_report.client.ip.asn.value': 'long',
      'cloudflare_logpush.nel_report.client.ip.asn.description': 'keyword',
      'cloudflare_logpush.nel_report.client.ip.country': 'keyword',
      'cloudflare_logpush.nel_report.last_known_good.colo.code': 'keyword',
      'cloudflare_logpush.nel_report.phase': 'keyword',
    },
  },
};
