import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { workers_trace } from '../../src/datasets/workers_trace.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = workers_trace as MappedDataset;
const WT = 'cloudflare_logpush.workers_trace';
const EVENT = { RayID: '7e9ab8407cddceb5', Request: { URL: 'https://w.example.workers.dev/', Method: 'GET' }, Response: { Status: 200 } };
const BASE = { Event: EVENT, EventTimestampMs: 1689851028562, EventType: 'fetch', Outcome: 'ok', ScriptName: 'basic' };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
const noDuplicates = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] };

describe('workers_trace mapping', () => {
  const timestamps: [string, unknown, string][] = [
    ['an integer', 1689851028562, '2023-07-20T11:03:48.562Z'],
    ['an integer string', '1689851028562', '2023-07-20T11:03:48.562Z'],
    ['RFC 3339', '2023-07-20T11:03:48.562Z', '2023-07-20T11:03:48.562Z'],
    ['ISO 8601 with a +hhmm offset', '2023-07-20T13:03:48+0200', '2023-07-20T11:03:48.000Z'],
    // No unit detection: a seconds value is still read as milliseconds (rule 2).
    ['Unix seconds, read as milliseconds', 1689852946, '1970-01-20T13:24:12.946Z'],
  ];
  for (const [name, value, expected] of timestamps) {
    it(`reads EventTimestampMs given as ${name}`, () => {
      const doc = map({ ...BASE, EventTimestampMs: value });
      assert.equal(doc['@timestamp'], expected);
      assert.equal(doc[`${WT}.timestamp`], expected);
    });
  }

  it('notes an unparseable EventTimestampMs and leaves @timestamp unset', () => {
    const doc = map({ ...BASE, EventTimestampMs: 'yesterday' });
    assert.deepEqual(doc['error.message'], ['cannot convert "yesterday" to date for timestamp']);
    assert.equal(doc['@timestamp'], undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
  });

  const outcomes: [string, { outcome?: string; type: string[] }][] = [
    ['ok', { outcome: 'success', type: ['info'] }],
    ['exception', { outcome: 'failure', type: ['info', 'error'] }],
    ['exceededCpu', { type: ['info'] }],
    ['canceled', { type: ['info'] }],
    ['OK', { type: ['info'] }],
  ];
  for (const [outcome, expected] of outcomes) {
    it(`maps Outcome "${outcome}" to event.outcome ${expected.outcome ?? '(none)'} and event.type ${expected.type.join('+')}`, () => {
      const doc = map({ ...BASE, Outcome: outcome });
      assert.equal(doc['event.outcome'], expected.outcome);
      assert.deepEqual(doc['event.type'], expected.type);
      assert.equal(doc[`${WT}.outcome`], outcome);
    });
  }

  it('does not change the constant event.type of later documents', () => {
    map({ ...BASE, Outcome: 'exception' });
    assert.deepEqual(map(BASE)['event.type'], ['info']);
  });

  it('snake_cases the keys of nested objects, including objects directly in arrays', () => {
    const doc = map({
      ...BASE,
      Event: { ...EVENT, Request: { ...EVENT.Request, Headers: { 'X-Forwarded-For': '1.2.3.4' }, CF: { isEUCountry: '1', clientTcpRtt: 5 } } },
      Logs: [{ Level: 'log', Message: [{ UserID: 7 }], TimestampMs: 1 }, [{ KeepMe: true }]],
      ScriptVersion: { ID: 'v1', Tag: 'release' },
    });
    assert.deepEqual(doc[`${WT}.event`], {
      ray_id: '7e9ab8407cddceb5',
      request: { url: 'https://w.example.workers.dev/', method: 'GET', headers: { 'x-forwarded-for': '1.2.3.4' }, cf: { is_eucountry: '1', client_tcp_rtt: 5 } },
      response: { status: 200 },
    });
    assert.deepEqual(doc[`${WT}.logs`], [{ level: 'log', message: [{ user_id: 7 }], timestamp_ms: 1 }, [{ KeepMe: true }]]);
    assert.deepEqual(doc[`${WT}.script.version`], { id: 'v1', tag: 'release' });
  });

  it('lets the later of two keys that snake_case alike win', () => {
    const doc = map({ ...BASE, ScriptVersion: { tagName: 'a', TagName: 'b' } });
    assert.deepEqual(doc[`${WT}.script.version`], { tag_name: 'b' });
  });

  it('keeps only the namespace fields without duplicates, dropping an emptied event object', () => {
    const doc = map({ ...BASE, CPUTimeMs: 3, WallTimeMs: 12, Exceptions: [], Logs: [] }, noDuplicates);
    assert.deepEqual(toNested(doc), {
      '@timestamp': '2023-07-20T11:03:48.562Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['web'], type: ['info'], action: 'fetch', outcome: 'success', id: '7e9ab8407cddceb5' },
      http: { request: { method: 'GET' }, response: { status_code: 200 } },
      url: { domain: 'w.example.workers.dev', original: 'https://w.example.workers.dev/', path: '/', scheme: 'https' },
      cloudflare_logpush: { workers_trace: { script: { name: 'basic' } } },
      tags: ['forwarded'],
    });
  });

  it('keeps the event members that are not copied to ECS without duplicates', () => {
    const doc = map({ ...BASE, Event: { ...EVENT, Request: { ...EVENT.Request, Path: '/x' } } }, noDuplicates);
    assert.deepEqual(doc[`${WT}.event`], { request: { path: '/x' } });
  });

  it('decomposes a URL with port, query, fragment and user info', () => {
    const url = 'https://me:secret@api.example.com:8443/v1/file.tar.gz?a=1#top';
    const doc = map({ ...BASE, Event: { ...EVENT, Request: { URL: url, Method: 'GET' } } });
    assert.deepEqual(toNested(doc).url, {
      domain: 'api.example.com', extension: 'gz', fragment: 'top', original: url, password: 'secret', path: '/v1/file.tar.gz',
      port: 8443, query: 'a=1', scheme: 'https', user_info: 'me:secret', username: 'me',
    });
  });

  it('notes a URL that does not parse and writes no url fields', () => {
    const doc = map({ ...BASE, Event: { ...EVENT, Request: { URL: 'http://exa mple.com/', Method: 'GET' } } });
    assert.deepEqual(doc['error.message'], ['cannot parse "http://exa mple.com/" as a URL for url.*']);
    assert.equal(toNested(doc).url, undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal(doc['http.request.method'], 'GET');
  });

  it('copies event members to ECS without converting them', () => {
    const doc = map({ ...BASE, Event: { ...EVENT, Response: { Status: '404' } } });
    assert.equal(doc['http.response.status_code'], '404');
  });

  it('maps a scheduled event, which has no request, without ECS copies or errors', () => {
    const doc = map({ ...BASE, EventType: 'scheduled', Event: { Cron: '*/5 * * * *', ScheduledTime: 1689851028000 } });
    assert.deepEqual(doc[`${WT}.event`], { cron: '*/5 * * * *', scheduled_time: 1689851028000 });
    assert.equal(doc['event.action'], 'scheduled');
    for (const field of ['event.id', 'http.request.method', 'url.original']) assert.equal(doc[field], undefined);
    assert.equal(doc['error.message'], undefined);
  });

  it('maps nothing for a missing EventType, without an error', () => {
    const doc = map({ ...BASE, EventType: undefined });
    assert.equal(doc['event.action'], undefined);
    assert.equal(doc[`${WT}.type`], undefined);
    assert.equal(doc['error.message'], undefined);
  });

  it('drops CPUTimeMs and WallTimeMs, which the reference does not map', () => {
    const doc = map({ ...BASE, CPUTimeMs: 3, WallTimeMs: 12 });
    assert.deepEqual(Object.keys(doc).filter((f) => /cpu|wall/i.test(f)), []);
  });

  it('keeps "N/A" values and drops empty arrays', () => {
    const doc = map({ ...BASE, DispatchNamespace: 'N/A', Exceptions: [], ScriptTags: [] });
    assert.equal(doc[`${WT}.dispatch_namespace`], 'N/A');
    assert.equal(doc[`${WT}.exceptions`], undefined);
    assert.equal(doc[`${WT}.script.tags`], undefined);
  });
});
