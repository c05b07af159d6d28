import { DATASET_NAMES } from '../../../datasets/index.js';
import { COUNTRY_ISO, anyOf, eq, ns, panelsOf } from './build.js';
import { DATASET_FIELD, type Condition, type Page } from './types.js';

/**
 * The overview: the headline questions across datasets — how much arrives, which sites get the most
 * traffic and from where, what the edge mitigated, and what Zero Trust denied. Each panel links (in the
 * browser) to the page of its dataset family.
 */
const all = panelsOf(...DATASET_NAMES);
const http = panelsOf('http_request');
const firewall = panelsOf('firewall_event');

/** Resolver decisions that mean Gateway blocked the query (Cloudflare's documented `blocked*` values). */
export const GATEWAY_DNS_BLOCKED = [
  'blockedByCategory', 'blockedByQueryName', 'blockedByAnswerName', 'blockedAlwaysCategory', 'blockedByIP', 'blockedRule',
] as const;

const denial = (dataset: string, ...where: Condition[]): Condition[] => [eq(DATASET_FIELD, dataset), ...where];
const DENIALS = [
  { label: 'Gateway DNS blocked', where: denial('gateway_dns', anyOf(ns('gateway_dns', 'resolver_decision'), GATEWAY_DNS_BLOCKED)) },
  { label: 'Gateway HTTP blocked', where: denial('gateway_http', eq('event.action', 'block')) },
  { label: 'Gateway Network blocked', where: denial('gateway_network', eq('event.action', 'blockedRule')) },
  { label: 'Access denied', where: denial('access_request', eq('event.type', 'denied')) },
];
const zeroTrust = panelsOf('gateway_dns', 'gateway_http', 'gateway_network', 'access_request');

export const overview: Page = {
  id: 'overview',
  title: 'Overview',
  description: 'Headline figures across every dataset: volume, traffic, mitigations and Zero Trust denials.',
  panels: [
    all.split('events-per-dataset', 'Events per dataset over time', DATASET_FIELD, DATASET_NAMES.length, { width: 2 }),
    all.top('events-by-dataset', 'Events per dataset', DATASET_FIELD, 'table', DATASET_NAMES.length, { labels: ['Dataset'] }),
    http.metric('traffic', 'HTTP traffic', [
      { label: 'Requests' },
      { label: 'Bytes served', measure: { op: 'sum', field: ns('http_request', 'edge.response.bytes') }, unit: 'bytes' },
      { label: 'Client IPs', measure: { op: 'distinct', field: 'source.ip' } },
    ]),
    http.top('top-hosts', 'Sites with the most requests', ns('http_request', 'client.request.host'), 'bar', 10, { labels: ['Host'] }),
    http.map('traffic-countries', 'Requests by client country', [COUNTRY_ISO]),
    firewall.top('mitigation-actions', 'Firewall actions', 'event.action', 'donut', 5),
    firewall.split('mitigations-over-time', 'Firewall events over time, by action', 'event.action', 5),
    firewall.top('mitigation-sources', 'Top mitigated source IPs', 'source.ip', 'table', 10),
    firewall.top('mitigation-rules', 'Top firewall rules', 'rule.description', 'table', 10, { labels: ['Rule'] }),
    zeroTrust.buckets('zero-trust-denials', 'Zero Trust denials', DENIALS, 'bar'),
    zeroTrust.overTime('zero-trust-denials-over-time', 'Zero Trust denials over time', DENIALS),
  ],
};
