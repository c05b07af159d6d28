import { COUNTRY_ISO, eq, ns, panelsOf } from './build.js';
import type { Page } from './types.js';

/** Network services: Network Analytics (Magic Transit / DDoS), Magic IDS and Spectrum. */
const group = 'Network';

const na = panelsOf('network_analytics');
const n = (field: string) => ns('network_analytics', field);
export const networkAnalyticsPage: Page = {
  id: 'network-analytics',
  title: 'Network Analytics',
  group,
  description: 'Packet samples: direction, why/where/by what they were mitigated, outcome, countries and IP pairs.',
  panels: [
    na.split('verdicts-over-time', 'Samples over time, by verdict', n('verdict'), 5),
    na.top('directions', 'Direction', 'network.direction', 'donut', 5),
    na.top('outcomes', 'Outcome', 'event.outcome', 'donut', 5),
    na.top('mitigation-reasons', 'Mitigation reason', n('mitigation.reason'), 'donut', 5),
    na.top('mitigation-scopes', 'Mitigation scope', n('mitigation.scope'), 'donut', 5),
    na.top('mitigation-systems', 'Mitigation system', n('mitigation.system'), 'donut', 5),
    na.top('protocol-states', 'Protocol state', n('protocol_state'), 'donut', 5),
    na.map('source-countries-map', 'Samples by source country', [n('source.country')]),
    na.top('source-countries', 'Top source countries', n('source.country'), 'table', 10, { labels: ['Country'] }),
    na.top('destination-countries', 'Top destination countries', n('destination.country'), 'table', 10, { labels: ['Country'] }),
    na.top('ip-pairs', 'Top source → destination IPs', ['source.ip', 'destination.ip'], 'table', 10, { labels: ['Source IP', 'Destination IP'] }),
    na.top('attack-vectors', 'Attack vectors', n('attack.vector'), 'bar', 10),
  ],
};

const ids = panelsOf('magic_ids');
const m = (field: string) => ns('magic_ids', field);
export const magicIdsPage: Page = {
  id: 'magic-ids',
  title: 'Magic IDS',
  group,
  description: 'Detections over time (passed vs blocked), signatures that fire most, sources, destinations and ports.',
  panels: [
    ids.overTime('detections-over-time', 'Detections: total, passed, blocked', [{ label: 'Total' }, { label: 'Passed', where: [eq('event.action', 'pass')] }, { label: 'Blocked', where: [eq('event.action', 'block')] }]),
    ids.top('actions', 'Action ratio', 'event.action', 'donut', 10),
    ids.top('ports', 'Top destination ports', 'destination.port', 'donut', 5),
    ids.top('signatures', 'Top signatures', [m('signature.message'), m('signature.id')], 'table', 10, { labels: ['Signature', 'ID'], width: 2 }),
    ids.top('source-ips', 'Top source IPs', 'source.ip', 'table', 10),
    ids.top('destination-ips', 'Top destination IPs', 'destination.ip', 'table', 10),
    ids.recent('recent', 'Latest detections', ['event.action', m('signature.message'), 'source.ip', 'destination.ip', m('colo.city')]),
  ],
};

const spectrum = panelsOf('spectrum_event');
const sp = (field: string) => ns('spectrum_event', field);
export const spectrumPage: Page = {
  id: 'spectrum',
  title: 'Spectrum',
  group,
  description: 'Spectrum connections: actions, source countries, IP-firewall matches, TLS on both sides.',
  panels: [
    spectrum.overTime('bytes-over-time', 'Bytes over time', [
      { label: 'Client → origin', measure: { op: 'sum', field: 'source.bytes' } }, { label: 'Origin → client', measure: { op: 'sum', field: 'destination.bytes' } },
    ], { unit: 'bytes' }),
    spectrum.top('actions', 'Actions', 'event.action', 'bar', 10),
    spectrum.map('countries-map', 'Connections by source country', [COUNTRY_ISO]),
    spectrum.top('countries', 'Top source countries', COUNTRY_ISO, 'table', 10, { labels: ['Country'] }),
    spectrum.top('ip-firewall', 'Client matched IP firewall', sp('client.matched_ip_firewall'), 'bar', 10),
    spectrum.top('client-tls', 'Client TLS protocol and version', ['tls.version_protocol', 'tls.version'], 'table', 10, { labels: ['Protocol', 'Version'] }),
    spectrum.top('origin-tls-protocols', 'Origin TLS protocol', sp('origin.tls.protocol'), 'bar', 10),
    spectrum.top('client-tls-status', 'Client TLS status', sp('client.tls.status'), 'bar', 10),
    spectrum.top('origin-tls-status', 'Origin TLS status', sp('origin.tls.status'), 'bar', 10),
    spectrum.recent('recent', 'Latest connections', ['event.action', 'source.ip', 'destination.ip', sp('client.protocol'), 'destination.port']),
  ],
};
