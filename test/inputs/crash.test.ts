/**
 * Durability: the server is killed with SIGKILL while clients push; after a restart every batch that got
 * a 200 is in the store (and nothing is stored twice when the unanswered ones are sent again).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generateLines } from '../../src/generate/index.js';
import { generateDns } from '../../src/generate/dns.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { tempDir } from '../support/collector.js';
import { runQuery } from '../../src/cli/query.js';

const BIN = join(PROJECT_ROOT, 'bin', 'logpush.js');

/** Starts `logpush serve` and resolves with its ingest URL once it listens. */
function serve(dataDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--api-listen', '127.0.0.1:0'], {
    // NODE_TEST_CONTEXT would make the child talk the test runner's protocol instead of serving.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, LOGPUSH_STORE__RETENTION_DAYS: '100000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)","datasets"/.exec(log);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
}

it('keeps every acknowledged batch across a kill -9', { timeout: 120_000 }, async () => {
  const dir = tempDir('logpush-crash-');
  try {
    const batches = Array.from({ length: 200 }, (_, i) =>
      gzipSync(generateLines(generateDns, { count: 50, seed: i + 1, endMs: Date.UTC(2026, 0, 1) }).join('\n')),
    );
    const { child, url, exited } = await serve(dir.path);
    const acknowledged = new Set<number>();
    let next = 0;
    const sender = async () => {
      while (next < batches.length) {
        const i = next++;
        try {
          const response = await fetch(`${url}/dns`, { method: 'POST', body: batches[i], headers: { 'content-encoding': 'gzip' } });
          if (response.status === 200) acknowledged.add(i);
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = [sender(), sender(), sender()];
    while (acknowledged.size < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await Promise.all(senders);
    await exited;
    assert.ok(acknowledged.size < batches.length, 'the kill happened while batches were still being sent');

    // Restart, resend everything (as Cloudflare resends what was not acknowledged), and check.
    const restarted = await serve(dir.path);
    for (const body of batches) {
      const response = await fetch(`${restarted.url}/dns`, { method: 'POST', body, headers: { 'content-encoding': 'gzip' } });
      assert.equal(response.status, 200);
    }
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    const stored = await runQuery({ dataDir: dir.path, sql: 'SELECT count(*) AS events, count(DISTINCT _batch_id) AS batches FROM dns' });
    assert.deepEqual(stored.rows[0], { events: batches.length * 50, batches: batches.length });
  } finally {
    dir.remove();
  }
});

it('has every acknowledged batch present right after the restart', { timeout: 120_000 }, async () => {
  const dir = tempDir('logpush-crash-');
  try {
    const batches = Array.from({ length: 100 }, (_, i) =>
      gzipSync(generateLines(generateDns, { count: 20, seed: 1000 + i, endMs: Date.UTC(2026, 0, 1) }).join('\n')),
    );
    const { child, url, exited } = await serve(dir.path);
    const acknowledged: number[] = [];
    let next = 0;
    const sender = async () => {
      while (next < batches.length) {
        const i = next++;
        try {
          const response = await fetch(`${url}/dns`, { method: 'POST', body: batches[i], headers: { 'content-encoding': 'gzip' } });
          if (response.status === 200) acknowledged.push(i);
        } catch {
          return;
        }
      }
    };
    const senders = [sender(), sender()];
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await Promise.all(senders);
    await exited;
    const stored = await runQuery({ dataDir: dir.path, sql: 'SELECT count(*) AS n FROM dns GROUP BY _batch_id' });
    assert.ok(stored.rows.length >= acknowledged.length, `${stored.rows.length} batches stored, ${acknowledged.length} acknowledged`);
    assert.ok(stored.rows.every((row) => row.n === 20), 'no batch is stored partially');
  } finally {
    dir.remove();
  }
});
