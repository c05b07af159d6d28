/**
 * The dashboard's JSON endpoints other than panels: search (field filters, free text, paging, the whole
 * document), ingest status with dead letters, and the demo through the real ingest path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeadLettersResponse, IngestStatus, SearchResponse } from '../../../src/web/dashboard/api-types.js';
import { searchableColumns } from '../../../src/web/dashboard/search.js';
import type { TestCollector } from '../../support/collector.js';
import { FIXTURE_RANGE, startFixtureCollector } from '../../support/dashboard-fixtures.js';
import { goldenDocuments, type Doc } from '../../support/dashboard-oracle.js';

const range = { from: String(FIXTURE_RANGE.fromMs), to: String(FIXTURE_RANGE.toMs) };

describe('search, documents and ingest status', () => {
  let collector: TestCollector;
  const docs = goldenDocuments();
  const http = docs.filter((d) => d._dataset === 'http_request');
  before(async () => {
    collector = await startFixtureCollector();
  });
  after(() => collector.dispose());

  const get = async <T>(path: string, query: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
    const response = await fetch(`${collector.apiUrl}${path}?${params}`);
    return { status: response.status, body: (await response.json()) as T & { error?: string } };
  };

  it('finds documents by a field value and opens the whole document', async () => {
    const ip = String(http[0]!['source.ip']);
    const expected = http.filter((d) => d['source.ip'] === ip).length;
    const { status, body } = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', f: `source.ip:${ip}` });
    assert.equal(status, 200, body.error);
    assert.equal(body.total, expected);
    assert.equal(body.rows.length, expected);
    const doc = await get<Record<string, any>>('/api/document', { dataset: 'http_request', batch: body.rows[0]!.batch, line: String(body.rows[0]!.line) });
    assert.equal(doc.status, 200);
    assert.equal(doc.body.source.ip, ip);
    assert.equal(typeof doc.body['@timestamp'], 'string');
  });

  it('finds documents by free text in the main text fields, ignoring case', async () => {
    const text = 'XYZ.example';
    const fields = searchableColumns('http_request');
    const matches = (d: Doc) => fields.some((f) => typeof d[f] === 'string' && (d[f] as string).toLowerCase().includes(text.toLowerCase()));
    const expected = http.filter(matches).length;
    assert.ok(expected > 0 && expected < http.length, `the text should match some documents, not all (${expected} of ${http.length})`);
    const { body } = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', q: text });
    assert.equal(body.total, expected);
    const none = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', q: "%' OR 1=1 --" });
    assert.equal(none.body.total, 0);
  });

  it('pages through results sorted by time, either way', async () => {
    const all = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', limit: '500' });
    assert.equal(all.body.total, http.length);
    const times = all.body.rows.map((r) => r.time ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
    const page2 = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', limit: '2', offset: '2' });
    assert.deepEqual(page2.body.rows.map((r) => `${r.batch}#${r.line}`), all.body.rows.slice(2, 4).map((r) => `${r.batch}#${r.line}`));
    const oldest = await get<SearchResponse>('/api/search', { ...range, dataset: 'http_request', sort: 'asc', limit: '500' });
    assert.deepEqual(oldest.body.rows.map((r) => r.time ?? ''), [...times].reverse());
  });

  it('refuses unknown datasets and fields', async () => {
    assert.equal((await get('/api/search', { ...range, dataset: 'nope' })).status, 400);
    assert.equal((await get('/api/search', { ...range, dataset: 'http_request', f: 'user.email:x' })).status, 400);
    assert.equal((await get('/api/document', { dataset: 'http_request', batch: 'nope', line: '1' })).status, 404);
  });

  it('reports per dataset and input what arrived, and the dead letters with reasons and raw lines', async () => {
    const bad = await collector.post('/dns_logs', '{"Timestamp":"2023-01-01T00:00:00Z"}\nthis is not json\n');
    assert.equal(bad.status, 200);
    const { body } = await get<IngestStatus>('/api/ingest', {});
    for (const dataset of new Set(docs.map((d) => String(d._dataset)))) {
      const row = body.datasets.find((d) => d.dataset === dataset)!;
      const stored = docs.filter((d) => d._dataset === dataset).length + (dataset === 'dns' ? 1 : 0);
      assert.equal(row.storedEvents, stored, dataset);
      assert.ok(row.batches >= 1 && row.lastBatchAt !== null, dataset);
      assert.ok(row.eventsPerSec > 0, `${dataset} arrived within the last five minutes`);
    }
    assert.equal(body.datasets.find((d) => d.dataset === 'dns')!.deadLetters, 1);
    assert.ok(body.inputs.some((i) => i.input === 'http' && i.source === 'http:/dns_logs' && i.deadLetters === 1));
    const letters = await get<DeadLettersResponse>('/api/ingest/dead-letters', {});
    assert.equal(letters.body.total, 1);
    assert.equal(letters.body.rows[0]!.raw, 'this is not json');
    assert.match(letters.body.rows[0]!.reason, /not valid JSON/);
    assert.equal(letters.body.rows[0]!.line, 2);
  });
});
