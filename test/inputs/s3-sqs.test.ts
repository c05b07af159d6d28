/**
 * S3 notifications through SQS. Servers: our SQS server (test/support/sqs-server.ts, the AWS JSON
 * protocol of @aws-sdk/client-sqs, with visibility timeouts and receive counts) and s3rver from npm for
 * the bucket (test/support/s3rver.ts), with our proxy (test/support/s3-proxy.ts) to slow downloads down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { startTestCollector } from '../support/collector.js';
import { count, metric, records, waitFor } from '../support/object-inputs.js';
import { eventBridge, s3Event, snsWrapped, testEvent } from '../support/s3-notifications.js';
import { startS3Proxy, type TestProxy } from '../support/s3-proxy.js';
import { S3RVER_KEY, startS3rver, type TestS3 } from '../support/s3rver.js';
import { startSqsServer, type TestSqs } from '../support/sqs-server.js';

describe('S3 notifications through SQS', () => {
  let s3: TestS3;
  let sqs: TestSqs;
  let proxy: TestProxy;
  before(async () => {
    s3 = await startS3rver({ buckets: ['logs'] });
    sqs = await startSqsServer();
    proxy = await startS3Proxy(s3.endpoint);
  });
  after(async () => {
    await proxy.close();
    await sqs.close();
    await s3.close();
  });

  const section = (queue: string, extra: Record<string, unknown> = {}) => ({
    sqs: {
      queue_url: sqs.queueUrl(queue),
      endpoint: s3.endpoint,
      path_style: true,
      access_key_id: S3RVER_KEY,
      secret_access_key: S3RVER_KEY,
      wait_time: 1,
      visibility_timeout: 5,
      ...extra,
    },
  });

  it('reads plain, SNS-wrapped, EventBridge and URL-encoded notifications, ignores the test event, and deletes each message', async () => {
    const keys = ['dns/20260101/a.log.gz', 'dns/dt=20260101/b c.log.gz', 'firewall_event/20260101/d.log.gz', 'dns/20260101/e.log.gz'];
    for (const [i, key] of keys.entries()) await s3.put('logs', key, gzipSync(records(key.startsWith('dns') ? 'dns' : 'firewall_event', 2, i + 1)));
    const queue = 'forms';
    sqs.send(queue, testEvent('logs'));
    sqs.send(queue, s3Event('logs', [keys[0]!, keys[1]!]));
    sqs.send(queue, snsWrapped(s3Event('logs', [keys[2]!])));
    sqs.send(queue, eventBridge('logs', keys[3]!));
    const collector = await startTestCollector({ config: section(queue) });
    try {
      await waitFor('an empty queue', () => sqs.remaining(queue).length === 0);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 6);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM firewall_event'), 2);
      const sources = (await collector.sql('SELECT source FROM ingest_batches ORDER BY source')).map((r) => r.source);
      assert.deepEqual(sources, keys.map((k) => `s3://logs/${k}`).sort());
      assert.equal(await metric(collector, 'logpush_sqs_messages_total', { outcome: 'deleted' }), 4);
    } finally {
      await collector.dispose();
    }
  });

  it('leaves a message whose object failed; it comes back and is deleted once every object is stored, without duplicates', async () => {
    await s3.put('logs', 'dns/20260102/ok.log.gz', gzipSync(records('dns', 3, 11)));
    await s3.put('logs', 'dns/20260102/later.log.gz', gzipSync(records('dns', 2, 12)));
    // The proxy cuts every download of the second object until the test lifts the rule: a failure that
    // lasts exactly as long as the test wants (a bucket created later raced the collector's next read).
    proxy.rules.cut = { pathIncludes: 'later.log.gz', bytes: 0, times: Number.MAX_SAFE_INTEGER };
    const queue = 'retry';
    sqs.send(queue, s3Event('logs', ['dns/20260102/ok.log.gz', 'dns/20260102/later.log.gz']));
    const collector = await startTestCollector({ config: section(queue, { visibility_timeout: 1, endpoint: proxy.url }) });
    try {
      await waitFor('the readable object', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 3);
      await waitFor('a second receive', () => sqs.remaining(queue)[0]!.receiveCount >= 2);
      assert.equal(sqs.remaining(queue).length, 1, 'the message stays while one of its objects cannot be read');
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 3);
      proxy.rules.cut = undefined;
      await waitFor('an empty queue', () => sqs.remaining(queue).length === 0, 30_000);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 5);
      assert.ok((await metric(collector, 'logpush_duplicate_batches_total')) >= 1, 'the first object was read again and recognised');
    } finally {
      proxy.rules.cut = undefined;
      await collector.dispose();
    }
  });

  it('extends the visibility while a slow object is read, so the message is never received twice', async () => {
    await s3.put('logs', 'dns/20260103/slow.log', records('dns', 3000, 13));
    proxy.rules.delayMs = 150;
    const queue = 'slow';
    sqs.send(queue, s3Event('logs', ['dns/20260103/slow.log']));
    const before = sqs.stats.extensions;
    const collector = await startTestCollector({ config: section(queue, { visibility_timeout: 1, endpoint: proxy.url }) });
    try {
      await waitFor('an empty queue', () => sqs.remaining(queue).length === 0, 60_000);
      assert.ok(sqs.stats.extensions - before >= 2, `visibility extended ${sqs.stats.extensions - before} times`);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 3000);
      assert.equal(await metric(collector, 'logpush_sqs_messages_total', { outcome: 'received' }), 1);
    } finally {
      proxy.rules.delayMs = undefined;
      await collector.dispose();
    }
  });

  it('counts a message that keeps failing as poison but leaves it to the redrive policy', async () => {
    const queue = 'poison';
    sqs.send(queue, s3Event('no-such-bucket', ['dns/20260104/x.log.gz']));
    const collector = await startTestCollector({ config: section(queue, { visibility_timeout: 1, max_receive_count: 2 }) });
    try {
      await waitFor('a poison count', async () => (await metric(collector, 'logpush_sqs_messages_total', { outcome: 'poison' })) >= 1, 30_000);
      assert.equal(sqs.remaining(queue).length, 1, 'never deleted');
    } finally {
      await collector.dispose();
    }
  });

  it('dead-letters a corrupt object, an unroutable key and a body that is no notification, then deletes their messages', async () => {
    await s3.put('logs', 'dns/20260105/corrupt.log.gz', Buffer.concat([gzipSync(records('dns', 20, 14)).subarray(0, 30), Buffer.from('not deflate')]));
    await s3.put('logs', 'elsewhere/20260105/x.log.gz', gzipSync(records('dns', 1, 15)));
    const queue = 'bad';
    sqs.send(queue, s3Event('logs', ['dns/20260105/corrupt.log.gz']));
    sqs.send(queue, s3Event('logs', ['elsewhere/20260105/x.log.gz']));
    sqs.send(queue, '{"hello":"world"}');
    const collector = await startTestCollector({ config: section(queue) });
    try {
      await waitFor('an empty queue', () => sqs.remaining(queue).length === 0);
      const letters = await collector.sql('SELECT source, reason FROM dead_letters ORDER BY reason');
      assert.equal(letters.length, 3);
      assert.deepEqual(
        letters.map((l) => [String(l.source).replace(/#.*/, '#id'), String(l.reason).slice(0, 40)]),
        [
          ['s3://logs/dns/20260105/corrupt.log.gz', 'ERR_BODY_NOT_GZIP: object is not valid g'],
          ['s3://logs/elsewhere/20260105/x.log.gz', 'no dataset routes this key (check the sq'],
          [`${sqs.queueUrl(queue)}#id`, 'not an S3 event notification (no Records'],
        ],
      );
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 0);
    } finally {
      await collector.dispose();
    }
  });

  it('releases a message being read when the collector stops', async () => {
    await s3.put('logs', 'dns/20260106/slow.log', records('dns', 2000, 16));
    proxy.rules.delayMs = 200;
    const queue = 'release';
    sqs.send(queue, s3Event('logs', ['dns/20260106/slow.log']));
    const releases = sqs.stats.releases;
    const collector = await startTestCollector({ config: section(queue, { endpoint: proxy.url, visibility_timeout: 30 }) });
    try {
      await waitFor('the message in flight', () => sqs.remaining(queue)[0]?.receiveCount === 1);
      await collector.stop();
      assert.equal(sqs.stats.releases - releases, 1);
      assert.equal(sqs.remaining(queue).length, 1, 'not deleted: it is visible again for another consumer');
    } finally {
      proxy.rules.delayMs = undefined;
      await collector.dispose();
    }
  });

  it('has two collectors on one queue ingest every object exactly once between them', { timeout: 120_000 }, async () => {
    const queue = 'shared';
    const keys = Array.from({ length: 30 }, (_, i) => `dns/20260107/${String(i).padStart(2, '0')}.log.gz`);
    for (const [i, key] of keys.entries()) {
      await s3.put('logs', key, gzipSync(records('dns', 20, 200 + i)));
      sqs.send(queue, s3Event('logs', [key]));
    }
    const staleBefore = sqs.stats.staleDeletes;
    const config = section(queue, { number_of_workers: 2 });
    const [a, b] = await Promise.all([startTestCollector({ config }), startTestCollector({ config })]);
    try {
      await waitFor('an empty queue', () => sqs.remaining(queue).length === 0, 60_000);
      const sourcesOf = async (c: typeof a) => (await c.sql("SELECT source FROM ingest_batches WHERE source LIKE '%/20260107/%'")).map((r) => String(r.source));
      const [fromA, fromB] = [await sourcesOf(a), await sourcesOf(b)];
      assert.ok(fromA.length > 0 && fromB.length > 0, `both collectors took work (${fromA.length} + ${fromB.length})`);
      assert.deepEqual([...fromA, ...fromB].sort(), keys.map((k) => `s3://logs/${k}`), 'every object stored once, by one of the two');
      const events = (await count(a, 'SELECT count(*) AS n FROM dns')) + (await count(b, 'SELECT count(*) AS n FROM dns'));
      assert.equal(events, 30 * 20);
      assert.equal(sqs.stats.staleDeletes - staleBefore, 0, 'no message was deleted by a consumer that had lost it');
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});

