/**
 * The Elasticsearch output inside a real collector: back-pressure from a down cluster reaches the HTTP
 * input as 503, dead letters land in the DuckDB store when Elasticsearch is the only output, and with
 * both outputs configured a batch is in both.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EsTestServer } from '../../support/es-server.js';
import { startTestCollector } from '../../support/collector.js';
import { sharedFixtureDir } from '../../support/shared.js';

const DNS_LOG = () => readFileSync(join(sharedFixtureDir('dns'), 'test-pipeline-dns.log'), 'utf8');
const esOutput = (server: EsTestServer) => ({ type: 'elasticsearch', hosts: [server.url], backoff_initial_ms: 5, backoff_max_ms: 20, flush_interval_ms: 0 });

describe('collector with an Elasticsearch output', () => {
  it('answers 503 while the cluster is down and the queue is full, and 200 once the batch is indexed', async () => {
    const server = await EsTestServer.start();
    server.outage = { kind: 'status', status: 503 };
    const collector = await startTestCollector({ config: { outputs: [esOutput(server)], 'store.max_queued_batches': 1 } });
    try {
      const first = collector.post('/dns', DNS_LOG());
      while (!collector.pipeline.full) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await collector.post('/dns', DNS_LOG().replace(/MRS/g, 'AMS'));
      assert.equal(refused.status, 503);
      assert.ok(refused.headers.get('retry-after'));
      assert.equal(server.documents().length, 0);
      server.outage = undefined;
      assert.equal((await first).status, 200);
      assert.equal((await collector.post('/dns', DNS_LOG().replace(/MRS/g, 'AMS'))).status, 200);
      assert.equal(server.documents('logs-cloudflare_logpush.dns-default').length, 6);
    } finally {
      await collector.dispose();
      await server.close();
    }
  });

  it('keeps unreadable lines and documents the cluster refuses in DuckDB dead_letters, and no documents in DuckDB', async () => {
    const server = await EsTestServer.start();
    server.itemFault = (source) => source.dns?.question?.name === 'refused.example'
      ? { status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [dns.question.name]' }
      : undefined;
    const collector = await startTestCollector({ config: { outputs: [esOutput(server)] } });
    try {
      const good = DNS_LOG().split('\n')[0]!;
      const refused = good.replace('"example.com"', '"refused.example"');
      assert.notEqual(refused, good);
      const response = await collector.post('/dns', [good, '{"broken', refused].join('\n'));
      assert.equal(response.status, 200);
      assert.equal(server.documents().length, 1);
      const letters = await collector.sql('SELECT line, reason, raw FROM dead_letters ORDER BY line');
      assert.deepEqual(letters.map((l) => l.raw), ['{"broken', refused]);
      assert.match(letters[0]!.reason as string, /not valid JSON/);
      assert.match(letters[1]!.reason as string, /^elasticsearch rejected the document: 400 mapper_parsing_exception: failed to parse field \[dns\.question\.name\]/);
      assert.equal(Number((await collector.sql('SELECT count(*) AS n FROM dns'))[0]!.n), 0);
    } finally {
      await collector.dispose();
      await server.close();
    }
  });

  it('stores a batch in DuckDB and in Elasticsearch when both are configured', async () => {
    const server = await EsTestServer.start();
    const collector = await startTestCollector({ config: { outputs: [{ type: 'duckdb' }, esOutput(server)] } });
    try {
      assert.equal((await collector.post('/dns', DNS_LOG())).status, 200);
      const again = await collector.post('/dns', DNS_LOG());
      assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
      assert.equal(Number((await collector.sql('SELECT count(*) AS n FROM dns'))[0]!.n), 3);
      assert.equal(server.documents().length, 3);
    } finally {
      await collector.dispose();
      await server.close();
    }
  });
});
