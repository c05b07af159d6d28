/**
 * `kill -9` of a real `logpush serve` process in the middle of objects, then a restart: every object's
 * events are stored exactly once, for bucket polling and for SQS. Servers: s3rver from npm
 * (test/support/s3rver.ts) and our SQS server (test/support/sqs-server.ts).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runQuery } from '../../src/cli/query.js';
import { yyyymmdd } from '../../src/inputs/listing-plan.js';
import { tempDir } from '../support/collector.js';
import { cloudflareKey, records, waitFor } from '../support/object-inputs.js';
import { s3Event } from '../support/s3-notifications.js';
import { S3RVER_KEY, startS3rver, type TestS3 } from '../support/s3rver.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { startSqsServer, type TestSqs } from '../support/sqs-server.js';

const BIN = join(PROJECT_ROOT, 'bin', 'logpush.js');
const OBJECTS = 6;
const LINES = 2000;

interface Served {
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
  sql(sql: string): Promise<Record<string, unknown>[]>;
}

/** Starts `logpush serve` with a configuration file and resolves once its API listens. */
async function serve(dataDir: string, config: Record<string, unknown>): Promise<Served> {
  const file = join(dataDir, 'config.json');
  writeFileSync(file, JSON.stringify({ ...config, store: { retention_days: 100_000 } }));
  const child = spawn(process.execPath, [BIN, 'serve', '-c', file, '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--api-listen', '127.0.0.1:0'], {
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const api = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.includes('"API listening"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    child,
    exited,
    async sql(sql) {
      return (await runQuery({ api, sql })).rows;
    },
  };
}

const stored = async (served: Served) => Number((await served.sql('SELECT count(*) AS n FROM dns'))[0]!.n);

describe('kill -9 while reading objects', () => {
  let s3: TestS3;
  let sqs: TestSqs;
  before(async () => {
    s3 = await startS3rver({ buckets: ['crash'] });
    sqs = await startSqsServer();
    for (let i = 0; i < OBJECTS; i++) {
      await s3.put('crash', cloudflareKey('dns/', yyyymmdd(new Date()), i, `o${i}`), gzipSync(records('dns', LINES, 100 + i)));
    }
  });
  after(async () => {
    await sqs.close();
    await s3.close();
  });
  const connection = { endpoint: '', path_style: true, access_key_id: S3RVER_KEY, secret_access_key: S3RVER_KEY };

  for (const mode of ['polling', 'sqs'] as const) {
    it(`stores every object exactly once after a kill -9 during ${mode}`, { timeout: 180_000 }, async () => {
      const dir = tempDir('logpush-object-crash-');
      const queue = `crash-${mode}`;
      if (mode === 'sqs') {
        const keys = Array.from({ length: OBJECTS }, (_, i) => cloudflareKey('dns/', yyyymmdd(new Date()), i, `o${i}`));
        for (let i = 0; i < OBJECTS; i += 2) sqs.send(queue, s3Event('crash', keys.slice(i, i + 2)));
      }
      const base = { ...connection, endpoint: s3.endpoint, batch_lines: 100 };
      const config =
        mode === 'polling'
          ? { s3: { ...base, non_aws_bucket_name: 'crash', bucket_list_interval: '200ms', number_of_workers: 2, datasets: { dns: {} } } }
          : { sqs: { ...base, queue_url: sqs.queueUrl(queue), wait_time: 1, visibility_timeout: 2, number_of_workers: 2 } };
      try {
        const first = await serve(dir.path, config);
        // Kill once some, but not all, chunks are durable: objects are caught half-way.
        const atKill = await waitFor('some stored chunks', async () => {
          const n = await stored(first);
          return n >= 500 ? n : undefined;
        }, 60_000);
        first.child.kill('SIGKILL');
        await first.exited;
        assert.ok(atKill < OBJECTS * LINES, 'killed before everything was stored');

        const second = await serve(dir.path, config);
        await waitFor('every event', async () => (await stored(second)) >= OBJECTS * LINES, 120_000);
        if (mode === 'sqs') await waitFor('an empty queue', () => sqs.remaining(queue).length === 0, 30_000);
        else await waitFor('every object done', async () => Number((await second.sql("SELECT count(*) AS n FROM object_state WHERE status = 'done'"))[0]!.n) === OBJECTS);
        const rows = await second.sql('SELECT count(*) AS n, count(DISTINCT _batch_id) AS batches, count(DISTINCT (_batch_id, _line)) AS distinct_lines FROM dns');
        assert.deepEqual(rows[0], { n: OBJECTS * LINES, batches: (OBJECTS * LINES) / 100, distinct_lines: OBJECTS * LINES });
        second.child.kill('SIGTERM');
        await second.exited;
      } finally {
        dir.remove();
      }
    });
  }
});
