import { COUNTRY_ISO, ns, panelsOf } from './build.js';
import type { Page } from './types.js';

/**
 * HTTP traffic (`http_request`): the reference dashboard's seven distributions, plus what section 5 of
 * the dashboards spec says it lacks: top hosts, status codes, cache status, bytes served and origin time.
 */
const p = panelsOf('http_request');
const f = (field: string) => ns('http_request', field);

export const httpTraffic: Page = {
  id: 'http',
  title: 'HTTP traffic',
  description: 'Requests through the Cloudflare edge: which sites, from where, how they were answered.',
  panels: [
    p.metric('totals', 'Totals', [
      { label: 'Requests' },
      { label: 'Bytes served', measure: { op: 'sum', field: f('edge.response.bytes') }, unit: 'bytes' },
      { label: 'Client IPs', measure: { op: 'distinct', field: 'source.ip' } },
      { label: 'Hosts', measure: { op: 'distinct', field: f('client.request.host') } },
    ], { width: 3 }),
    p.overTime('requests-over-time', 'Requests over time'),
    p.overTime('bytes-over-time', 'Bytes served over time', [{ label: 'Bytes served', measure: { op: 'sum', field: f('edge.response.bytes') } }], { unit: 'bytes', width: 1 }),
    p.top('top-hosts', 'Sites with the most requests', f('client.request.host'), 'table', 10, { labels: ['Host'] }),
    p.top('top-hosts-bytes', 'Sites by bytes served', f('client.request.host'), 'bar', 10, { labels: ['Host'], measure: { op: 'sum', field: f('edge.response.bytes') }, unit: 'bytes' }),
    p.top('status-codes', 'Response status codes', 'http.response.status_code', 'bar', 10, { labels: ['Status'] }),
    p.map('countries-map', 'Requests by client country', [COUNTRY_ISO]),
    p.top('countries', 'Top client countries', COUNTRY_ISO, 'table', 10, { labels: ['Country'] }),
    p.top('methods', 'Request methods', 'http.request.method', 'donut', 5),
    p.top('device-types', 'Client device types', f('client.device.type'), 'donut', 5),
    p.top('cache-status', 'Cache status', f('cache.status'), 'donut', 5),
    p.top('ip-classes', 'Client IP classes', f('client.ip_class'), 'bar', 10),
    p.top('waf-profiles', 'WAF profiles', f('waf.profile'), 'donut', 5),
    p.top('rate-limit-actions', 'Edge rate-limit actions', f('edge.rate.limit.action'), 'donut', 5),
    p.top('mtls-status', 'Client mTLS auth status', f('client.mtls.auth.status'), 'bar', 10),
    p.percentiles('origin-time', 'Origin response time (ms)', f('origin.response.duration.ms'), { width: 2 }),
    p.top('top-source-ips', 'Top client IPs', 'source.ip', 'table', 10),
    p.top('top-asns', 'Top client networks (ASN)', 'source.as.number', 'table', 10, { labels: ['ASN'] }),
    p.top('top-paths', 'Top paths', [f('client.request.host'), 'url.path'], 'table', 10, { labels: ['Host', 'Path'], width: 2 }),
    p.recent('recent', 'Latest requests', [f('client.request.host'), 'source.ip', 'destination.ip', 'source.as.number', 'http.request.method', 'url.path', 'http.response.status_code']),
  ],
};
