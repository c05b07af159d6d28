import { COUNTRY_ISO, ns, panelsOf } from './build.js';
import type { Page } from './types.js';

/** Authoritative DNS (`dns`) and DNS Firewall (`dns_firewall`) logs. */
const dns = panelsOf('dns');
const fw = panelsOf('dns_firewall');
const d = (field: string) => ns('dns', field);
const f = (field: string) => ns('dns_firewall', field);

export const dnsPage: Page = {
  id: 'dns',
  title: 'DNS',
  group: 'DNS',
  description: 'Authoritative DNS: most-queried names, who queries, and which answers dominate.',
  panels: [
    dns.overTime('queries-over-time', 'Queries over time'),
    dns.top('response-codes', 'Response codes', d('response.code'), 'donut', 5, { labels: ['RCODE'] }),
    dns.top('query-names', 'Top query names', 'dns.question.name', 'table', 10),
    dns.top('source-ips', 'Top source IPs', 'source.ip', 'table', 10),
    dns.top('edns-subnets', 'Top EDNS client subnets', d('edns.subnet'), 'table', 10),
    dns.top('name-type-code', 'Top query name, type and response code', ['dns.question.name', d('query.type'), d('response.code')], 'table', 10, { labels: ['Name', 'Type', 'RCODE'], width: 2 }),
    dns.top('colos', 'Answering data centres', d('colo.code'), 'bar', 10),
  ],
};

export const dnsFirewallPage: Page = {
  id: 'dns-firewall',
  title: 'DNS Firewall',
  group: 'DNS',
  description: 'DNS Firewall: query volume and size, names, response codes, clusters and source countries.',
  panels: [
    fw.overTime('queries-over-time', 'Queries over time'),
    fw.overTime('query-size-over-time', 'Query size over time', [{ label: 'Query bytes', measure: { op: 'sum', field: f('question.size') } }], { unit: 'bytes', width: 1 }),
    fw.top('query-names', 'Top query names', 'dns.question.name', 'table', 10),
    fw.top('response-codes', 'Response codes', 'dns.response_code', 'donut', 5, { labels: ['RCODE'] }),
    fw.top('response-reasons', 'Response reasons', f('response.reason'), 'donut', 5),
    fw.top('clusters', 'Top cluster IDs', f('cluster_id'), 'table', 10),
    fw.top('countries', 'Top source countries', 'source.geo.country_name', 'table', 10, { labels: ['Country'] }),
    fw.map('countries-map', 'Queries by source country', [COUNTRY_ISO]),
  ],
};
