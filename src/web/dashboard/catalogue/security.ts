import { COUNTRY_ISO, ns, panelsOf } from './build.js';
import type { Page } from './types.js';

/** Security events (`firewall_event`): what was mitigated, how, against whom, on which hosts. */
const p = panelsOf('firewall_event');
const f = (field: string) => ns('firewall_event', field);

export const securityEvents: Page = {
  id: 'security',
  title: 'Security events',
  description: 'Firewall events: mitigation actions, sources, rules and the hosts concerned.',
  panels: [
    p.split('actions-over-time', 'Events over time, by action', 'event.action', 5),
    p.top('actions', 'Actions', 'event.action', 'donut', 5),
    p.top('sources', 'Security products (source)', f('source'), 'bar', 10),
    p.top('rules', 'Top rules', 'rule.description', 'table', 10, { labels: ['Rule'] }),
    p.top('rule-ids', 'Top rule IDs', 'rule.id', 'table', 10, { labels: ['Rule ID'] }),
    p.top('ip-classes', 'Client IP classes', f('client.ip_class'), 'bar', 10),
    p.map('countries-map', 'Events by source country', [COUNTRY_ISO]),
    p.top('countries', 'Top source countries', COUNTRY_ISO, 'table', 10, { labels: ['Country'] }),
    p.top('protocols', 'Request protocols', f('client.request.protocol'), 'donut', 5),
    p.top('methods', 'Request methods', 'http.request.method', 'donut', 5),
    p.top('source-ips', 'Top source IPs', 'source.ip', 'table', 10),
    p.top('asns', 'Top source ASNs', ['source.as.number', f('client.asn.description')], 'table', 10, { labels: ['ASN', 'Description'] }),
    p.top('hosts', 'Top requested hosts', f('client.request.host'), 'table', 10, { labels: ['Host'] }),
    p.top('referer-hosts', 'Top referer host and requested host', [f('client.referer.host'), f('client.request.host')], 'table', 10, { labels: ['Referer host', 'Request host'] }),
    p.recent('recent', 'Latest security events', ['event.action', 'source.ip', f('client.request.host'), 'url.path', 'rule.id', 'rule.description']),
  ],
};
