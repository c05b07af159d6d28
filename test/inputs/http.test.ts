/**
 * The Logpush HTTP destination against a real collector on loopback with a real DuckDB file: the status
 * codes Cloudflare sees, and what reaches the store.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { mapContexts } from '../../src/collector.js';
import { loadConfig } from '../../src/config/load.js';
import { mappedDatasets } from '../../src/datasets/index.js';
import { createIngestHandler } from '../../src/inputs/http.js';
import { createMetrics } from '../../src/metrics.js';
import { DuckDbStore } from '../../src/outputs/duckdb/store.js';
import type { Output } from '../../src/outputs/output.js';
import { Pipeline } from '../../src/pipeline.js';
import { startTestCollector, tempDir, type TestCollector } from '../support/collector.js';
import { sharedFixtureDir } from '../support/shared.js';

const DNS_LOG = () => readFileSync(join(sharedFixtureDir('dns'), 'test-pipeline-dns.log'), 'utf8');
const count = async (c: TestCollector, table: string) => Number((await c.sql(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('HTTP destination', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({
      config: { 'http.secret_header': 'X-Logpush-Secret', 'http.secret_value': 's3cret', 'http.max_body_bytes': 64 * 1024, 'http.max_decompressed_bytes': 256 * 1024 },
    });
  });
  after(() => collector.dispose());
  const auth = { 'x-logpush-secret': 's3cret' };

  it('answers 401 and stores nothing when the secret is wrong or missing', async () => {
    const wrong = await collector.post('/dns', DNS_LOG(), { headers: { 'x-logpush-secret': 'nope' } });
    assert.equal(wrong.status, 401);
    const missing = await collector.post('/dns', DNS_LOG());
    assert.equal(missing.status, 401);
    assert.equal(await count(collector, 'dns'), 0);
  });

  it('stores a gzip batch and answers 200 once it is committed', async () => {
    const response = await collector.post('/dns', DNS_LOG(), { headers: auth });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { message: 'success', events: 3, dead_letters: 0, duplicate: false });
    assert.equal(await count(collector, 'dns'), 3);
  });

  it('stores the same batch once when Cloudflare sends it again', async () => {
    const again = await collector.post('/dns', DNS_LOG(), { headers: auth });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
    // Also through an alias path: the batch identity is the dataset and the content, not the path.
    assert.equal((await collector.post('/cloudflare_logpush/dns', DNS_LOG(), { headers: auth })).status, 200);
    assert.equal(await count(collector, 'dns'), 3);
  });

  it('accepts plain NDJSON without Content-Encoding and recognises gzip by its magic bytes', async () => {
    const line = DNS_LOG().split('\n')[0]!.replace('MRS', 'AMS');
    assert.equal((await collector.post('/dns_logs', line, { gzip: false, headers: auth })).status, 200);
    const sniffed = await fetch(`${collector.ingestUrl}/dns`, { method: 'POST', body: gzipSync(line.replace('AMS', 'CDG')), headers: auth });
    assert.equal(sniffed.status, 200);
    assert.equal(await count(collector, 'dns'), 5);
  });

  it('answers 400 for corrupt gzip and keeps the body in dead_letters', async () => {
    const garbage = Buffer.concat([gzipSync('{"a":1}\n').subarray(0, 12), Buffer.from('not really gzip')]);
    const response = await fetch(`${collector.ingestUrl}/dns`, { method: 'POST', body: garbage, headers: { ...auth, 'content-encoding': 'gzip' } });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: string }).error, /not valid gzip/);
    const rows = await collector.sql("SELECT reason, raw FROM dead_letters WHERE line = 0");
    assert.equal(rows.length, 1);
    assert.equal(Buffer.from(rows[0]!.raw as string, 'base64').equals(garbage), true);
  });

  it('stores the good lines of a mixed batch and dead-letters each bad one with its reason', async () => {
    const good = DNS_LOG().split('\n')[0]!.replace('MRS', 'LHR');
    const body = [good, '{"QueryName": broken', '[1,2,3]', good.replace('LHR', 'FRA')].join('\n');
    const response = await collector.post('/dns', body, { headers: auth });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { message: 'success', events: 2, dead_letters: 2, duplicate: false });
    const letters = await collector.sql("SELECT line, reason, raw FROM dead_letters WHERE line > 0 ORDER BY line");
    assert.deepEqual(letters.map((l) => [l.line, l.raw]), [[2, '{"QueryName": broken'], [3, '[1,2,3]']]);
    assert.match(letters[0]!.reason as string, /not valid JSON/);
    assert.equal(letters[1]!.reason, 'not a JSON object');
    assert.equal(await count(collector, "dns WHERE \"cloudflare_logpush.dns.colo.code\" IN ('LHR', 'FRA')"), 2);
  });

  it('answers 413 over the compressed limit and over the decompressed limit (a gzip bomb)', async () => {
    const big = await fetch(`${collector.ingestUrl}/dns`, { method: 'POST', body: Buffer.alloc(100 * 1024, 1), headers: auth });
    assert.equal(big.status, 413);
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20)); // 1 MiB of spaces, about 1 KiB compressed
    const response = await fetch(`${collector.ingestUrl}/dns`, { method: 'POST', body: bomb, headers: { ...auth, 'content-encoding': 'gzip' } });
    assert.equal(response.status, 413);
  });

  it("answers 200 to Cloudflare's validation request without storing it", async () => {
    const before = await count(collector, 'dns');
    assert.equal((await collector.post('/dns', '{"content":"tests"}', { headers: auth })).status, 200);
    assert.equal((await collector.post('/dns', '{"content":"tests"}', { gzip: false, headers: auth })).status, 200);
    assert.equal(await count(collector, 'dns'), before);
    assert.match(await (await fetch(`${collector.apiUrl}/metrics`)).text(), /logpush_validation_requests_total\{dataset="dns"\} 2/);
  });

  it('answers 404 for an unknown path, 405 for GET on an ingest path, 415 for an unknown encoding', async () => {
    assert.equal((await collector.post('/nope', DNS_LOG(), { headers: auth })).status, 404);
    assert.equal((await fetch(`${collector.ingestUrl}/dns`)).status, 405);
    const br = await fetch(`${collector.ingestUrl}/dns`, { method: 'POST', body: 'x', headers: { ...auth, 'content-encoding': 'br' } });
    assert.equal(br.status, 415);
    assert.equal((await fetch(`${collector.ingestUrl}/health`)).status, 200);
  });

  it('answers 400 for a body that is not text at all', async () => {
    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]);
    assert.equal((await collector.post('/dns', binary, { gzip: false, headers: auth })).status, 400);
  });
});

describe('HTTP destination under load', () => {
  it('answers 503 with Retry-After while the bounded write queue is full, and stores exactly what it accepted', async () => {
    const dir = tempDir();
    const store = await DuckDbStore.open(dir.path, mappedDatasets());
    // A real store behind a gate: the first batch stays in flight until the test opens the gate.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: Output = { ...store, name: 'gated', write: async (batch) => { await gate; return store.write(batch); }, writeDeadLetters: (l) => store.writeDeadLetters(l), close: () => store.close() };
    const config = loadConfig({ env: {} });
    const metrics = createMetrics();
    const pipeline = new Pipeline({ output: gated, contextFor: mapContexts(config), metrics, maxQueuedBatches: 1, maxLineBytes: 1 << 20 });
    const handler = createIngestHandler({ config: config.http, datasets: config.datasets, pipeline, output: gated, metrics, logger: pino({ level: 'silent' }) });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dns`;
    try {
      const first = fetch(url, { method: 'POST', body: gzipSync(DNS_LOG()) });
      while (!pipeline.full) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await fetch(url, { method: 'POST', body: gzipSync(DNS_LOG().replace(/MRS/g, 'AMS')) });
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '10');
      open();
      assert.equal((await first).status, 200);
      const rows = await store.query('SELECT count(*) AS n FROM dns');
      assert.equal(rows.rows[0]!.n, 3);
    } finally {
      server.close();
      await store.close();
      dir.remove();
    }
  });
});

describe('HTTPS destination', () => {
  it('serves the Logpush endpoint over TLS with a configured certificate', async () => {
    const dir = tempDir('logpush-tls-');
    const cert = join(dir.path, 'cert.pem');
    const key = join(dir.path, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const collector = await startTestCollector({ config: { 'http.ssl': { certificate: cert, key } } });
    try {
      assert.match(collector.ingestUrl!, /^https:/);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${collector.ingestUrl}/dns`, { method: 'POST', ca: readFileSync(cert), headers: { 'content-encoding': 'gzip' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(gzipSync(DNS_LOG()));
      });
      assert.equal(status, 200);
      assert.equal(await count(collector, 'dns'), 3);
    } finally {
      await collector.dispose();
      dir.remove();
    }
  });
});
