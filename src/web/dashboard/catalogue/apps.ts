import { ns, outcomeSeries, panelsOf } from './build.js';
import type { Page } from './types.js';

/** Workers trace events and Network Error Logging reports. */
const workers = panelsOf('workers_trace');
const w = (field: string) => ns('workers_trace', field);
export const workersPage: Page = {
  id: 'workers',
  title: 'Workers',
  description: 'Worker invocations: success vs failure over time, response codes, methods, busiest domains and scripts.',
  panels: [
    workers.overTime('outcomes-over-time', 'Invocations: total, success, failure', outcomeSeries('event.outcome', 'success', 'failure', ['Total', 'Success', 'Failure'])),
    workers.top('outcomes', 'Outcome ratio', 'event.outcome', 'donut', 10),
    workers.top('status-codes', 'Top response codes', 'http.response.status_code', 'donut', 10, { labels: ['Status'] }),
    workers.top('methods', 'Top request methods', 'http.request.method', 'bar', 5),
    workers.top('event-types', 'Trigger types', 'event.action', 'bar', 5),
    workers.top('domains', 'Top URL domains', 'url.domain', 'table', 10),
    workers.top('scripts', 'Top scripts', w('script.name'), 'table', 10),
    workers.recent('recent', 'Latest traces', ['event.id', w('script.name'), 'http.request.method', 'http.response.status_code', 'url.original']),
  ],
};

const nel = panelsOf('nel_report');
const n = (field: string) => ns('nel_report', field);
export const nelPage: Page = {
  id: 'nel',
  title: 'NEL',
  description: 'Network errors that browsers report, and from which networks and countries.',
  panels: [
    nel.split('errors-over-time', 'Reports over time, by error type', 'error.type', 5),
    nel.top('error-types', 'Error types', 'error.type', 'donut', 5),
    nel.top('phases', 'Phases', n('phase'), 'donut', 5),
    nel.top('asns', 'Top client networks', [n('client.ip.asn.value'), n('client.ip.asn.description')], 'table', 10, { labels: ['ASN', 'Description'] }),
    nel.map('countries-map', 'Reports by client country', [n('client.ip.country')]),
    nel.top('countries', 'Top client countries', n('client.ip.country'), 'table', 10, { labels: ['Country'] }),
    nel.top('colos', 'Last known good data centre', n('last_known_good.colo.code'), 'bar', 10),
  ],
};
