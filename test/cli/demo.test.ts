/**
 * `logpush demo` sends realistic events of every dataset through a running collector's Logpush HTTP
 * endpoint, with the configured secret header, and they land in the store with recent timestamps.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { mappedDatasets } from '../../src/datasets/index.js';
import { startTestCollector, tempDir, type TestCollector } from '../support/collector.js';
import { PROJECT_ROOT } from '../support/shared.js';

const BIN = join(PROJECT_ROOT, 'bin', 'logpush.js');

describe('logpush demo', () => {
  let collector: TestCollector;
  const dir = tempDir();
  before(async () => {
    collector = await startTestCollector({ config: { 'http.secret_header': 'X-Demo-Secret', 'http.secret_value': 'demo-secret-1' } });
  });
  after(async () => {
    await collector.dispose();
    dir.remove();
  });

  it('sends every dataset through the ingest endpoint with the secret header from the configuration', async () => {
    const config = join(dir.path, 'logpush.yaml');
    writeFileSync(config, 'http:\n  secret_header: X-Demo-Secret\n  secret_value: demo-secret-1\n');
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'demo', '-c', config, '--ingest', collector.ingestUrl!, '--scale', '0.01', '--hours', '2'], {
      encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.match(stdout, /sent \d+ demo events/);
    const rows = await collector.sql(`SELECT dataset, count(*) AS batches, min(source) AS source FROM ingest_batches GROUP BY dataset`);
    assert.equal(rows.length, mappedDatasets().length);
    for (const row of rows) assert.match(String(row.source), /^http:\//);
    const old = await collector.sql(`SELECT count(*) AS n FROM http_request WHERE "@timestamp" < TIMESTAMP '${new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 19)}'`);
    assert.equal(Number(old[0]!.n), 0, 'every event is within the last two hours');
  });

  it('fails clearly when the endpoint refuses the push', async () => {
    await assert.rejects(
      promisify(execFile)(process.execPath, [BIN, 'demo', '--ingest', collector.ingestUrl!, '--scale', '0.01'], { encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } }),
      (error: Error & { stderr: string }) => /answered 401/.test(error.stderr),
    );
  });
});
