import { COUNTRY_ISO, anyOf, eq, ns, outcomeSeries, panelsOf } from './build.js';
import type { Page } from './types.js';

/**
 * Zero Trust overview and the three Gateway pages. Maps fall back from GeoIP (`source.geo.*`) to the
 * country code Cloudflare itself sends, so they work without a GeoIP database.
 */
const ZERO_TRUST = ['access_request', 'audit', 'casb', 'device_posture', 'gateway_dns', 'gateway_http', 'gateway_network', 'network_session'] as const;
const zt = panelsOf(...ZERO_TRUST);
const dnsNs = (field: string) => ns('gateway_dns', field);
const httpNs = (field: string) => ns('gateway_http', field);
const netNs = (field: string) => ns('gateway_network', field);

export const ZERO_TRUST_COUNTRIES = [
  COUNTRY_ISO, 'client.geo.country_iso_code', dnsNs('source_id.country_code'), httpNs('source_ip.country_code'), netNs('source_ip.country_code'),
];

export const zeroTrustOverview: Page = {
  id: 'zero-trust',
  title: 'Zero Trust overview',
  group: 'Zero Trust',
  description: 'Across Access, Audit, CASB, Device posture, Gateway and Network sessions: event types, success rate, IPs, hosts and locations.',
  panels: [
    zt.split('events-over-time', 'Events per dataset over time', '_dataset', ZERO_TRUST.length),
    zt.top('event-types', 'Type of events', 'event.type', 'donut', 10),
    zt.top('outcomes', 'Success rate of actions', 'event.outcome', 'donut', 2),
    zt.top('ips', 'Top IP addresses', 'related.ip', 'table', 10),
    zt.top('hosts', 'Top host names', 'host.name', 'table', 10),
    zt.map('countries-map', 'Where traffic comes from', ZERO_TRUST_COUNTRIES),
  ],
};

const dns = panelsOf('gateway_dns');
export const gatewayDnsPage: Page = {
  id: 'gateway-dns',
  title: 'Gateway DNS',
  group: 'Zero Trust',
  description: 'Resolver decisions, policies, top and failing domains, categories and countries.',
  panels: [
    dns.overTime('requests-over-time', 'DNS requests over time (success vs failure)', outcomeSeries('event.outcome', 'success', 'failure', ['Total', 'Successful', 'Failed'])),
    dns.top('decisions', 'Resolver decisions', dnsNs('resolver_decision'), 'donut', 10),
    dns.top('policies', 'Most hit policies', dnsNs('policy.name'), 'bar', 5),
    dns.top('categories', 'Top domain categories', dnsNs('question.category.names'), 'table', 10),
    dns.top('query-names', 'Top queried domains', 'dns.question.name', 'table', 10),
    dns.top('failing-names', 'Top failing domains', 'dns.question.name', 'table', 10, { where: [eq('event.outcome', 'failure')] }),
    dns.map('countries-map', 'Requests by country', [COUNTRY_ISO, dnsNs('source_id.country_code')]),
    dns.top('countries', 'Top countries', dnsNs('source_id.country_code'), 'table', 10, { labels: ['Country'] }),
    dns.top('users', 'Top users', 'user.email', 'table', 10),
  ],
};

const http = panelsOf('gateway_http');
export const gatewayHttpPage: Page = {
  id: 'gateway-http',
  title: 'Gateway HTTP',
  group: 'Zero Trust',
  description: 'Allowed vs denied requests, actions, domains, user agents, accounts, methods and countries.',
  panels: [
    http.overTime('requests-over-time', 'HTTP requests: total, allowed, denied', [{ label: 'Total' }, { label: 'Allowed', where: [eq('event.type', 'allowed')] }, { label: 'Denied', where: [eq('event.type', 'denied')] }]),
    http.top('actions', 'Actions', 'event.action', 'donut', 10),
    http.top('domains', 'Top requested domains', 'url.domain', 'table', 10),
    http.top('user-agents', 'Top user agents', 'user_agent.original', 'table', 10),
    http.top('accounts', 'Top account IDs', httpNs('account_id'), 'table', 10),
    http.top('methods', 'HTTP methods', 'http.request.method', 'bar', 10),
    http.top('blocked-domains', 'Top blocked domains', 'url.domain', 'table', 10, { where: [eq('event.action', 'block')] }),
    http.map('countries-map', 'Requests by country', [COUNTRY_ISO, httpNs('source_ip.country_code')]),
    http.top('countries', 'Top countries', httpNs('source_ip.country_code'), 'table', 10, { labels: ['Country'] }),
  ],
};

const net = panelsOf('gateway_network');
export const gatewayNetworkPage: Page = {
  id: 'gateway-network',
  title: 'Gateway Network',
  group: 'Zero Trust',
  description: 'Network sessions through Gateway: actions, transports, SNIs, policies, users and countries.',
  panels: [
    net.overTime('sessions-over-time', 'Network sessions over time'),
    net.top('actions', 'Actions', 'event.action', 'donut', 10),
    net.buckets('transports', 'Transport protocol', [
      { label: 'TCP', where: [anyOf('network.transport', ['tcp', 'TCP'])] },
      { label: 'UDP', where: [anyOf('network.transport', ['udp', 'UDP'])] },
    ]),
    net.top('snis', 'Top server name indications (SNI)', 'tls.client.server_name', 'table', 10),
    net.top('policies', 'Top policy names', netNs('policy.name'), 'table', 10),
    net.top('users', 'Top user emails', 'user.email', 'table', 10),
    // Upstream's map filtered on gateway_dns by mistake; this one reads gateway_network.
    net.map('countries-map', 'Sessions by country', [COUNTRY_ISO, netNs('source_ip.country_code')]),
    net.top('countries', 'Top countries', netNs('source_ip.country_code'), 'table', 10, { labels: ['Country'] }),
  ],
};
