/**
 * S3 bucket polling against s3rver, the S3-compatible server from npm (run in a child process; see
 * test/support/s3rver.ts), through the real @aws-sdk/client-s3 client with a custom endpoint and path
 * style, the way R2 and other S3-compatible stores are configured. A small proxy of ours
 * (test/support/s3-proxy.ts) sits in front where a test needs faults s3rver cannot make.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { formatJson } from '../../src/cli/query.js';
import { transform } from '../../src/cli/transform.js';
import { mapContexts } from '../../src/collector.js';
import { loadConfig } from '../../src/config/load.js';
import { requireMappedDataset } from '../../src/datasets/index.js';
import { yyyymmdd } from '../../src/inputs/listing-plan.js';
import { startTestCollector, tempDir, type TestCollector } from '../support/collector.js';
import { cloudflareKey, count, inputStatus, metric, records, waitFor } from '../support/object-inputs.js';
import { startS3Proxy, type TestProxy } from '../support/s3-proxy.js';
import { s3Section, startS3rver, type TestS3 } from '../support/s3rver.js';
import { linesOf } from '../support/documents.js';
import { sharedFixtureDir } from '../support/shared.js';

// Today's folder: sweeps of dated folders look back `sweep_horizon` (48 h) from now.
const DAY = yyyymmdd(new Date());

describe('S3 polling', () => {
  let s3: TestS3;
  let proxy: TestProxy;
  before(async () => {
    s3 = await startS3rver({ buckets: ['logs'] });
    proxy = await startS3Proxy(s3.endpoint);
  });
  after(async () => {
    await proxy.close();
    await s3.close();
  });

  it('reads gzip and plain objects once across restarts and skips ownership-challenge and validation objects', async () => {
    const keys = [cloudflareKey('dns/', DAY, 0, 'a1'), cloudflareKey('dns/', DAY, 1, 'b2', '.log'), cloudflareKey('dns/', DAY, 2, 'c3')];
    await s3.put('logs', keys[0]!, gzipSync(records('dns', 5, 1)));
    await s3.put('logs', keys[1]!, records('dns', 4, 2));
    await s3.put('logs', keys[2]!, gzipSync('{"content":"tests"}'));
    await s3.put('logs', 'dns/ownership-challenge-1a2b3c.txt', 'eyJhbGciOiJIUzI1NiJ9.e30.signature');
    const dir = tempDir();
    const config = { data_dir: dir.path, s3: s3Section(proxy.url, 'logs') };
    let collector = await startTestCollector({ config, dataDir: dir.path });
    try {
      await waitFor('the three log objects', async () => (await metric(collector, 'logpush_input_objects_read_total', { input: 's3' })) === 3);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 9);
      assert.equal(await metric(collector, 'logpush_input_objects_skipped_total', { reason: 'not_a_log_file' }) >= 1, true);
      const [status] = await inputStatus(collector);
      assert.equal(status!.state, 'running');
      assert.equal(status!.last_error, null);
      await collector.stop();

      collector = await startTestCollector({ config, dataDir: dir.path });
      await waitFor('a poll after the restart', async () => (await metric(collector, 'logpush_input_objects_skipped_total', { reason: 'done' })) >= 3);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 9);
      assert.equal(await metric(collector, 'logpush_input_objects_read_total', { input: 's3' }), 0);
      const gets = proxy.seen.gets.filter((path) => path.includes(`/logs/dns/${DAY}/`));
      assert.deepEqual(gets.sort(), keys.map((k) => `/logs/${k}`).sort(), 'each object was downloaded exactly once');
    } finally {
      await collector.stop();
      dir.remove();
    }
  });

  it('stores the reference fixtures exactly as `logpush transform` maps them', async () => {
    const fixture = readFileSync(join(sharedFixtureDir('http_request'), 'test-pipeline-http-request.log'));
    await s3.put('logs', cloudflareKey('http_request/', DAY, 5, 'f00d'), gzipSync(fixture));
    const collector = await startTestCollector({ config: { s3: s3Section(s3.endpoint, 'logs', { datasets: { http_request: {} } }) } });
    try {
      await waitFor('the fixture object', async () => (await metric(collector, 'logpush_input_objects_read_total', { input: 's3' })) === 1);
      const stored = linesOf(formatJson(await collector.store.query('SELECT * FROM http_request ORDER BY _line'))).map((l) => JSON.parse(l));
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const ctx = mapContexts(loadConfig({ env: {} }))('http_request');
      await transform({ dataset: requireMappedDataset('http_request'), ctx, input: Readable.from([fixture]), output: out });
      const expected = linesOf(Buffer.concat(chunks).toString('utf8')).map((l) => JSON.parse(l));
      assert.equal(stored.length, linesOf(fixture.toString('utf8')).length);
      assert.deepEqual(stored, expected);
    } finally {
      await collector.dispose();
    }
  });

  it('reads an object that appears late under a lexically earlier key (lookback window and sweep)', async () => {
    const at = (minute: number, hash: string) => cloudflareKey('late/dns/', DAY, minute, hash);
    for (const minute of [10, 20, 30, 40]) await s3.put('logs', at(minute, `k${minute}`), gzipSync(records('dns', 2, minute)));
    // lookback_keys 2: the next tail listing starts after the 2nd-newest key (minute 20); sweeps run every 2 s.
    const config = { s3: s3Section(s3.endpoint, 'logs', { datasets: { dns: { bucket_list_prefix: 'late/dns/' } }, lookback_keys: 2, sweep_interval: '2s' }) };
    const collector = await startTestCollector({ config });
    try {
      await waitFor('the first four objects', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 8);
      await s3.put('logs', at(35, 'late-in-window'), gzipSync(records('dns', 1, 35)));
      await s3.put('logs', at(5, 'late-far-back'), gzipSync(records('dns', 1, 5)));
      await waitFor('both late objects', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 10);
      const sources = (await collector.sql("SELECT DISTINCT source FROM ingest_batches WHERE source LIKE '%late-%' ORDER BY source")).map((r) => r.source);
      assert.deepEqual(sources, [`s3://logs/${at(35, 'late-in-window')}`, `s3://logs/${at(5, 'late-far-back')}`].sort());
    } finally {
      await collector.dispose();
    }
  });

  it('redoes an object whose download broke after some chunks, without storing a line twice', async () => {
    const key = cloudflareKey('cut/dns/', DAY, 0, 'cut');
    const body = records('dns', 1000, 7);
    await s3.put('logs', key, body);
    // Plain text so that the cut lands after some 100-line chunks have been stored.
    proxy.rules.cut = { pathIncludes: 'cut/dns/', bytes: Math.floor(body.length * 0.6), times: 1 };
    const config = { s3: s3Section(proxy.url, 'logs', { datasets: { dns: { bucket_list_prefix: 'cut/dns/' } }, batch_lines: 100 }) };
    const collector = await startTestCollector({ config });
    try {
      await waitFor('the object after a retry', async () => (await metric(collector, 'logpush_input_objects_read_total', { input: 's3' })) === 1, 30_000);
      assert.equal(await metric(collector, 'logpush_input_objects_failed_total', { outcome: 'retry' }), 1);
      const stored = await collector.sql('SELECT count(*) AS n, count(DISTINCT _batch_id) AS batches FROM dns');
      assert.deepEqual(stored[0], { n: 1000, batches: 10 });
      assert.ok((await metric(collector, 'logpush_duplicate_batches_total')) >= 1, 'the chunks stored before the cut were recognised on the re-read');
    } finally {
      proxy.rules.cut = undefined;
      await collector.dispose();
    }
  });

  it('dead-letters a corrupt gzip object with its key and reason and still reads the objects after it', async () => {
    const bad = cloudflareKey('corrupt/dns/', DAY, 0, 'bad');
    const good = cloudflareKey('corrupt/dns/', DAY, 1, 'good');
    await s3.put('logs', bad, Buffer.concat([gzipSync(records('dns', 50, 3)).subarray(0, 40), Buffer.from('garbage that is not deflate')]));
    await s3.put('logs', good, gzipSync(records('dns', 3, 4)));
    const collector = await startTestCollector({ config: { s3: s3Section(s3.endpoint, 'logs', { datasets: { dns: { bucket_list_prefix: 'corrupt/dns/' } } }) } });
    try {
      await waitFor('the good object', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 3);
      const letters = await waitFor('the dead letter', async () => {
        const rows = await collector.sql('SELECT source, reason FROM dead_letters');
        return rows.length > 0 ? rows : undefined;
      });
      assert.equal(letters[0]!.source, `s3://logs/${bad}`);
      assert.match(letters[0]!.reason as string, /ERR_BODY_NOT_GZIP: object is not valid gzip/);
      const state = await collector.sql(`SELECT status FROM object_state WHERE key = '${bad}'`);
      assert.deepEqual(state, [{ status: 'dead' }]);
    } finally {
      await collector.dispose();
    }
  });

  it('goes through proxy_url when one is configured', async () => {
    await s3.put('logs', cloudflareKey('proxied/dns/', DAY, 0, 'p'), gzipSync(records('dns', 2, 9)));
    const before = proxy.seen.forward;
    const config = { s3: s3Section(s3.endpoint, 'logs', { datasets: { dns: { bucket_list_prefix: 'proxied/dns/' } }, proxy_url: proxy.url }) };
    const collector = await startTestCollector({ config });
    try {
      await waitFor('the object', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 2);
      assert.ok(proxy.seen.forward - before >= 2, 'the list and get calls went through the proxy');
    } finally {
      await collector.dispose();
    }
  });
});
