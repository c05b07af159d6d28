/**
 * The NDJSON output: the `logpush transform` line format, to stdout or files; rotation by size and by
 * age; gzip files that stay readable batch by batch; files never reused across runs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { outputSchema, type NdjsonOutputConfig } from '../../src/config/outputs.js';
import { toNested } from '../../src/ecs/document.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { NdjsonOutput } from '../../src/outputs/ndjson.js';
import { tempDir } from '../support/collector.js';
import { batchOf } from '../support/es-output.js';

const config = (overrides: Record<string, unknown>) => outputSchema.parse({ type: 'ndjson', ...overrides }) as NdjsonOutputConfig;
const dnsBatch = (count: number, seed: number) => batchOf('dns', generateLines(generatorFor('dns'), { count, seed }), { id: `dns:${seed}` });
const expectedLines = (batches: ReturnType<typeof dnsBatch>[]) => batches.flatMap((b) => b.documents.map((d) => JSON.stringify(toNested(d))));

describe('NDJSON output', () => {
  it('writes one nested document per line to stdout, in batch order', async () => {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk) => (text += chunk));
    const output = new NdjsonOutput(config({}), stdout);
    const batches = [dnsBatch(3, 1), dnsBatch(2, 2)];
    await Promise.all(batches.map((b) => output.write(b)));
    await output.close();
    assert.deepEqual(text.trimEnd().split('\n'), expectedLines(batches));
  });

  it('rotates files by size without splitting a batch, one series per dataset', async () => {
    const dir = tempDir();
    try {
      const output = new NdjsonOutput(config({ path: dir.path, rotate_max_bytes: 4000 }));
      const batches = [1, 2, 3, 4, 5, 6].map((seed) => dnsBatch(3, seed));
      for (const b of batches) await output.write(b);
      await output.write(batchOf('firewall_event', generateLines(generatorFor('firewall_event'), { count: 2, seed: 1 })));
      await output.close();
      const files = readdirSync(dir.path).sort();
      const dns = files.filter((f) => f.startsWith('dns-'));
      assert.ok(dns.length >= 2, `rotated: ${files.join(', ')}`);
      assert.equal(files.filter((f) => f.startsWith('firewall_event-')).length, 1);
      for (const f of dns) assert.match(f, /^dns-\d{8}T\d{6}Z-\d+\.ndjson$/);
      const byName = (a: string, b: string) => Number(a.split('-').pop()!.split('.')[0]) - Number(b.split('-').pop()!.split('.')[0]);
      const lines = dns.sort(byName).flatMap((f) => readFileSync(join(dir.path, f), 'utf8').trimEnd().split('\n'));
      assert.deepEqual(lines, expectedLines(batches));
      for (const f of dns) {
        const size = readFileSync(join(dir.path, f)).length;
        // A file passes the limit only when a single batch alone is larger.
        assert.ok(size <= 4000 || readFileSync(join(dir.path, f), 'utf8').trimEnd().split('\n').length === 3, `${f}: ${size} bytes`);
      }
    } finally {
      dir.remove();
    }
  });

  it('rotates files by age', async () => {
    const dir = tempDir();
    let now = Date.parse('2026-01-01T00:00:00Z');
    try {
      const output = new NdjsonOutput(config({ path: dir.path, rotate_interval_secs: 60 }), undefined, () => now);
      await output.write(dnsBatch(1, 1));
      now += 30_000;
      await output.write(dnsBatch(1, 2));
      now += 31_000;
      await output.write(dnsBatch(1, 3));
      await output.close();
      assert.deepEqual(readdirSync(dir.path).sort(), ['dns-20260101T000000Z-1.ndjson', 'dns-20260101T000101Z-2.ndjson']);
      assert.equal(readFileSync(join(dir.path, 'dns-20260101T000000Z-1.ndjson'), 'utf8').trimEnd().split('\n').length, 2);
    } finally {
      dir.remove();
    }
  });

  it('gzips files as one member per batch, readable as a whole, and never appends to an existing file', async () => {
    const dir = tempDir();
    const now = Date.parse('2026-01-01T00:00:00Z');
    try {
      // A file left by an earlier run with the same name must not be touched.
      writeFileSync(join(dir.path, 'dns-20260101T000000Z-1.ndjson.gz'), 'torn');
      const output = new NdjsonOutput(config({ path: dir.path, gzip: true }), undefined, () => now);
      const batches = [dnsBatch(2, 1), dnsBatch(2, 2)];
      for (const b of batches) await output.write(b);
      await output.close();
      assert.equal(readFileSync(join(dir.path, 'dns-20260101T000000Z-1.ndjson.gz'), 'utf8'), 'torn');
      const text = gunzipSync(readFileSync(join(dir.path, 'dns-20260101T000000Z-2.ndjson.gz'))).toString('utf8');
      assert.deepEqual(text.trimEnd().split('\n'), expectedLines(batches));
    } finally {
      dir.remove();
    }
  });

  it('keeps dead letters handed to it in a dead_letters series and refuses writes once closed', async () => {
    const dir = tempDir();
    try {
      const output = new NdjsonOutput(config({ path: dir.path }));
      await output.writeDeadLetters([{ dataset: 'dns', batchId: 'b', source: 's', line: 2, reason: 'not JSON', raw: '{x', receivedAt: new Date(0) }]);
      await output.close();
      const [file] = readdirSync(dir.path);
      assert.match(file!, /^dead_letters-/);
      assert.deepEqual(JSON.parse(readFileSync(join(dir.path, file!), 'utf8')), { dataset: 'dns', batchId: 'b', source: 's', line: 2, reason: 'not JSON', raw: '{x', receivedAt: '1970-01-01T00:00:00.000Z' });
      await assert.rejects(output.write(dnsBatch(1, 1)), /closed/);
    } finally {
      dir.remove();
    }
  });
});
