import { COUNTRY_ISO, eq, ns, outcomeSeries, panelsOf } from './build.js';
import type { Page } from './types.js';

/** Access, Audit, CASB, Device posture, Network sessions and Sinkhole HTTP pages (Zero Trust group). */
const group = 'Zero Trust';

const access = panelsOf('access_request');
export const accessPage: Page = {
  id: 'access',
  title: 'Access requests',
  group,
  description: 'Who requests which application, allowed vs denied, and who is denied most.',
  panels: [
    access.overTime('requests-over-time', 'Requests: total, allowed, denied', [{ label: 'Total' }, { label: 'Allowed', where: [eq('event.type', 'allowed')] }, { label: 'Denied', where: [eq('event.type', 'denied')] }]),
    access.top('actions', 'Actions', 'event.action', 'donut', 5),
    access.top('users', 'Top user emails', 'user.email', 'table', 10),
    access.top('denied-users', 'Top denied users', ['user.email', 'user.id'], 'table', 10, { where: [eq('event.type', 'denied')], labels: ['Email', 'User ID'] }),
    access.top('client-ips', 'Top client IPs', 'client.ip', 'table', 10),
    // Upstream labels this column "App UUID"; it is the application's domain.
    access.top('domains', 'Top application domains', 'url.domain', 'table', 10),
    access.map('countries-map', 'Requests by client country', ['client.geo.country_iso_code']),
  ],
};

const audit = panelsOf('audit');
export const auditPage: Page = {
  id: 'audit',
  title: 'Audit',
  group,
  description: 'Who changed what: actions, resource types, activity over time, most active actors.',
  panels: [
    audit.overTime('events-over-time', 'Audit events over time', outcomeSeries('event.outcome', 'success', 'failure', ['Total', 'Succeeded', 'Failed'])),
    audit.top('resource-types', 'Resource types', ns('audit', 'resource.type'), 'donut', 5),
    audit.top('actions', 'Actions', 'event.action', 'donut', 5),
    audit.top('actors', 'Top actors', 'user.email', 'table', 10),
    audit.top('interfaces', 'Interfaces', 'event.provider', 'donut', 5),
    audit.recent('recent', 'Latest audit events', ['event.action', 'user.email', ns('audit', 'resource.id'), ns('audit', 'new_value'), ns('audit', 'old_value'), ns('audit', 'metadata')]),
  ],
};

const casb = panelsOf('casb');
const c = (field: string) => ns('casb', field);
const severity = (level: number) => [eq('event.severity', level)];
export const casbPage: Page = {
  id: 'casb',
  title: 'CASB findings',
  group,
  description: 'How many distinct findings, their severity mix and trend, affected assets and finding types.',
  panels: [
    casb.metric('findings', 'CASB findings', [{ label: 'Distinct findings', measure: { op: 'distinct', field: 'event.id' } }, { label: 'Events' }]),
    casb.buckets('severity', 'Severity', [
      { label: 'Low', where: severity(1) }, { label: 'Medium', where: severity(2) }, { label: 'High', where: severity(3) },
      { label: 'Critical', where: [{ field: 'event.severity', gte: 4 }] },
    ]),
    casb.overTime('findings-over-time', 'Findings over time by severity', [
      { label: 'Total' }, { label: 'Low', where: severity(1) }, { label: 'Medium', where: severity(2) }, { label: 'High', where: severity(3) }, { label: 'Critical', where: [{ field: 'event.severity', gte: 4 }] },
    ]),
    casb.top('assets', 'Top assets', c('asset.name'), 'table', 10),
    casb.top('finding-types', 'Top finding types', c('finding.type.name'), 'table', 10),
    casb.top('integrations', 'Integrations', c('integration.name'), 'donut', 5),
    casb.recent('recent', 'Latest findings', [c('asset.id'), c('asset.name'), c('finding.type.name'), 'event.severity']),
  ],
};

const posture = panelsOf('device_posture');
export const devicePosturePage: Page = {
  id: 'device-posture',
  title: 'Device posture',
  group,
  description: 'Pass/fail of posture checks over time, which checks fail, OS and device-model mix.',
  panels: [
    posture.overTime('results-over-time', 'Results: total, success, failure', outcomeSeries('event.outcome', 'success', 'failure', ['Total', 'Success', 'Failure'])),
    posture.top('results', 'Evaluation results', 'event.outcome', 'donut', 10),
    posture.top('failing-checks', 'Checks that fail', 'rule.name', 'table', 10, { where: [eq('event.outcome', 'failure')] }),
    posture.top('os', 'Device OS', 'host.os.family', 'donut', 10),
    posture.top('models', 'Top device models', ns('device_posture', 'host.model'), 'table', 10),
    posture.top('users', 'Top users', 'user.email', 'table', 10),
  ],
};

const sessions = panelsOf('network_session');
const s = (field: string) => ns('network_session', field);
export const networkSessionsPage: Page = {
  id: 'network-sessions',
  title: 'Network sessions',
  group,
  description: 'Session count, bytes sent and received, countries, and handshake latency percentiles.',
  panels: [
    sessions.metric('totals', 'Sessions and bytes', [
      { label: 'Sessions' },
      { label: 'Bytes sent', measure: { op: 'sum', field: 'source.bytes' }, unit: 'bytes' },
      { label: 'Largest sent', measure: { op: 'max', field: 'source.bytes' }, unit: 'bytes' },
      { label: 'Bytes received', measure: { op: 'sum', field: 'destination.bytes' }, unit: 'bytes' },
      { label: 'Largest received', measure: { op: 'max', field: 'destination.bytes' }, unit: 'bytes' },
    ], { width: 3 }),
    sessions.overTime('sessions-over-time', 'Sessions over time'),
    sessions.top('countries', 'Top countries', 'source.geo.country_name', 'table', 10, { labels: ['Country'] }),
    sessions.map('countries-map', 'Sessions by country', [COUNTRY_ISO]),
    sessions.percentiles('tcp-handshake', 'Client TCP handshake (ms)', s('tcp.client.handshake_time_ms')),
    sessions.percentiles('client-tls-handshake', 'Client TLS handshake (ms)', s('tls.client.handshake_time_ms')),
    sessions.percentiles('origin-tls-handshake', 'Origin TLS handshake (ms)', s('tls.server.handshake_time_ms')),
    sessions.percentiles('rule-evaluation', 'Rule evaluation time (ms)', s('rule_evaluation.time_ms')),
    sessions.top('offramps', 'Off-ramps', s('offramp'), 'donut', 5),
    sessions.top('close-reasons', 'Connection close reasons', s('tcp.connection.close_reason'), 'bar', 10),
  ],
};

const sink = panelsOf('sinkhole_http');
export const sinkholePage: Page = {
  id: 'sinkhole',
  title: 'Sinkhole HTTP',
  group,
  description: 'Requests that hit the sinkhole: volume, body bytes, URLs, user agents, accounts, methods, countries.',
  panels: [
    sink.overTime('requests-over-time', 'Requests over time'),
    sink.overTime('body-bytes-over-time', 'Request body bytes over time', [{ label: 'Body bytes', measure: { op: 'sum', field: 'http.request.body.bytes' } }], { unit: 'bytes', width: 1 }),
    sink.top('domains', 'Top requested domains', 'url.domain', 'table', 10),
    sink.top('user-agents', 'Top user agents', 'user_agent.original', 'table', 10),
    sink.top('accounts', 'Top account IDs', ns('sinkhole_http', 'account_id'), 'table', 10),
    sink.top('methods', 'HTTP methods', 'http.request.method', 'bar', 10),
    sink.map('countries-map', 'Requests by country', [COUNTRY_ISO]),
    sink.top('countries', 'Top countries', 'source.geo.country_name', 'table', 10, { labels: ['Country'] }),
  ],
};
