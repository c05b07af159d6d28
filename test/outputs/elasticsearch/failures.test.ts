/**
 * The Elasticsearch output when the cluster misbehaves: whole-request 429/5xx, connection resets before
 * and after the bulk was applied, per-item 429s, a mapping error, 413, an outage. In every case each
 * document ends up indexed exactly once or dead-lettered with the cluster's reason, and `write` resolves
 * only then (or rejects as retryable).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mappedDatasets } from '../../../src/datasets/index.js';
import { isPermanent, RetryableError } from '../../../src/errors.js';
import { generateLines, generatorFor } from '../../../src/generate/index.js';
import { applySetup, planSetup } from '../../../src/outputs/elasticsearch/setup.js';
import { createClusterClient } from '../../../src/outputs/elasticsearch/client.js';
import { EsTestServer } from '../../support/es-server.js';
import { batchOf, clusterConfig, settledWithin, startOutput } from '../../support/es-output.js';

const lines = (count: number, seed: number) => generateLines(generatorFor('http_request'), { count, seed });

describe('Elasticsearch output under failures', () => {
  let server: EsTestServer;
  let namespace = 0;
  before(async () => {
    server = await EsTestServer.start();
  });
  after(() => server.close());
  /** A fresh data stream per test, so that counts are exact. */
  const stream = () => `f${++namespace}`;
  const indexed = (ns: string) => server.documents(`logs-cloudflare_logpush.http_request-${ns}`);
  const originals = (ns: string) => indexed(ns).map((d: any) => d.event.original).sort();

  it('retries whole requests after 429, 500, 503 and connection resets, and indexes each document exactly once', async () => {
    const ns = stream();
    const input = lines(40, 1);
    server.faults.push({ kind: 'status', status: 429 }, { kind: 'status', status: 503 }, { kind: 'reset-before' }, { kind: 'reset-after' }, { kind: 'status', status: 500 });
    const before = server.bulks.length;
    const { output, deadLetters } = startOutput(server, { namespace: ns });
    // Not a duplicate: the 409s after the reset answer our own attempt that the cluster had applied.
    assert.deepEqual(await output.write(batchOf('http_request', input)), { duplicate: false });
    await output.close();
    assert.equal(server.faults.length, 0);
    assert.deepEqual(originals(ns), [...input].sort());
    assert.equal(deadLetters.letters.length, 0);
    assert.equal(output.stats.retries, 5);
    assert.deepEqual({ indexed: output.stats.indexed, duplicates: output.stats.duplicates }, { indexed: 40, duplicates: 0 });
    // reset-before and the statuses send nothing to the index: 2 bulks reach it (reset-after, then 409s).
    assert.equal(server.bulks.length - before, 2);
  });

  it('resends only the documents that got 429 in a partial failure', async () => {
    const ns = stream();
    const input = lines(30, 2);
    const refused = new Set<string>();
    server.itemFault = (source, id) => {
      if (!source.event.original.includes('"EdgeResponseStatus":2') || refused.has(id)) return undefined;
      refused.add(id);
      return { status: 429, type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' };
    };
    const before = server.bulks.length;
    const { output } = startOutput(server, { namespace: ns });
    try {
      await output.write(batchOf('http_request', input));
    } finally {
      server.itemFault = undefined;
      await output.close();
    }
    assert.ok(refused.size > 0 && refused.size < 30, `some but not all items refused (${refused.size})`);
    assert.deepEqual(server.bulks.slice(before).map((b) => b.items), [30, refused.size]);
    assert.deepEqual(originals(ns), [...input].sort());
  });

  it('dead-letters a document with a mapping error, with the cluster\'s reason, and indexes the rest', async () => {
    const client = createClusterClient(clusterConfig(server));
    await applySetup(client, await planSetup(client, clusterConfig(server), mappedDatasets()));
    await client.close();
    const ns = stream();
    const input = lines(5, 3);
    const batch = batchOf('http_request', input);
    // An object where the template maps a keyword: refused even with ignore_malformed, as by Elasticsearch.
    batch.documents[2]!.set('url.domain', { nested: 'object' });
    const { output, deadLetters } = startOutput(server, { namespace: ns });
    assert.deepEqual(await output.write(batch), { duplicate: false });
    await output.close();
    assert.equal(indexed(ns).length, 4);
    assert.equal(deadLetters.letters.length, 1);
    const letter = deadLetters.letters[0]!;
    assert.equal(letter.raw, input[2]);
    assert.equal(letter.line, 3);
    assert.equal(letter.batchId, batch.id);
    assert.match(letter.reason, /^elasticsearch rejected the document: 400 mapper_parsing_exception: failed to parse field \[url\.domain\] of type \[keyword\]/);
  });

  it('splits a request the cluster finds too large (413) and delivers both halves', async () => {
    const ns = stream();
    server.faults.push({ kind: 'status', status: 413 });
    const before = server.bulks.length;
    const { output } = startOutput(server, { namespace: ns });
    await output.write(batchOf('http_request', lines(9, 4)));
    await output.close();
    assert.deepEqual(server.bulks.slice(before).map((b) => b.items), [5, 4]);
    assert.equal(indexed(ns).length, 9);
  });

  it('keeps write pending while the cluster is unreachable, and delivers once it is back', async () => {
    const ns = stream();
    const { output } = startOutput(server, { namespace: ns });
    await server.pause();
    const written = output.write(batchOf('http_request', lines(6, 5)));
    try {
      assert.equal(await settledWithin(written, 150), false);
      assert.ok(output.stats.retries >= 2, `retried while down (${output.stats.retries})`);
    } finally {
      await server.resume();
    }
    assert.deepEqual(await written, { duplicate: false });
    await output.close();
    assert.equal(indexed(ns).length, 6);
  });

  it('gives up after retry_timeout_secs with a retryable error; the resend indexes nothing twice', async () => {
    const ns = stream();
    const input = lines(4, 6);
    server.outage = { kind: 'status', status: 503 };
    const { output } = startOutput(server, { namespace: ns, retry_timeout_secs: 1 });
    try {
      const error = await output.write(batchOf('http_request', input)).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RetryableError && error.code === 'ERR_OUTPUT_UNAVAILABLE', String(error));
      assert.equal(isPermanent(error), false);
    } finally {
      server.outage = undefined;
    }
    assert.deepEqual(await output.write(batchOf('http_request', input)), { duplicate: false });
    assert.deepEqual(await output.write(batchOf('http_request', input)), { duplicate: true });
    await output.close();
    assert.equal(indexed(ns).length, 4);
  });

  it('answers pending batches retry when it closes, without waiting for the cluster', async () => {
    server.outage = { kind: 'reset-before' };
    const { output } = startOutput(server, { namespace: stream(), backoff_initial_ms: 10_000, backoff_max_ms: 10_000 });
    try {
      const written = output.write(batchOf('http_request', lines(3, 7)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await output.close();
      const error = await written.then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RetryableError && error.code === 'ERR_OUTPUT_CLOSED', String(error));
      assert.ok(Date.now() - started < 2000);
      await assert.rejects(output.write(batchOf('http_request', lines(1, 8))), /closed/);
      await output.close();
    } finally {
      server.outage = undefined;
    }
  });

  it('fails over to the next host when one is down', async () => {
    const ns = stream();
    const dead = await EsTestServer.start();
    await dead.close();
    const { output } = startOutput(server, { namespace: ns, hosts: [dead.url, server.url] });
    await output.write(batchOf('http_request', lines(3, 9)));
    await output.write(batchOf('http_request', lines(3, 10)));
    await output.close();
    assert.equal(indexed(ns).length, 6);
  });
});
