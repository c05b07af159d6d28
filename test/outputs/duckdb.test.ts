/**
 * The embedded store on a real DuckDB file: documents read back exactly as written (typed columns plus
 * `_extra` for what does not fit), batches are idempotent, dead letters are kept, retention removes old rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mappedDatasets, mapLineFlat, requireMappedDataset, type FlatDocument } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { DuckDbStore } from '../../src/outputs/duckdb/store.js';
import { rowToDocument } from '../../src/outputs/duckdb/values.js';
import type { OutputBatch } from '../../src/outputs/output.js';
import { tempDir } from '../support/collector.js';
import { referenceContext } from '../support/map-context.js';

const batchOf = (dataset: string, id: string, documents: FlatDocument[]): OutputBatch => ({
  dataset: requireMappedDataset(dataset).name,
  id,
  source: 'test',
  receivedAt: new Date('2026-01-01T00:00:00Z'),
  documents,
  deadLetters: [],
});

describe('DuckDB store', () => {
  const dir = tempDir();
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(dir.path, mappedDatasets());
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  for (const dataset of mappedDatasets()) {
    it(`reads ${dataset.name} documents back exactly, odd values included`, async () => {
      const ctx = referenceContext();
      const lines = generateLines(generatorFor(dataset.name), { count: 50, seed: 11 });
      // Values of the wrong type for their column, and unknown fields, must survive through `_extra`.
      const base = JSON.parse(lines[0]!);
      const firstKey = Object.keys(base)[0]!;
      lines.push(JSON.stringify({ ...base, [firstKey]: ['an', 'array'], UnknownField: { deep: [1, 'two'] } }));
      lines.push(JSON.stringify({ ...base, [firstKey]: 'Zürich 東京', Extra: 18446744073709551615 }));
      const docs = lines.map((line) => mapLineFlat(dataset, line, ctx));
      const result = await store.write(batchOf(dataset.name, `${dataset.name}:roundtrip`, docs));
      assert.equal(result.duplicate, false);
      const rows = (await store.query(`SELECT * FROM ${dataset.name} WHERE _batch_id = '${dataset.name}:roundtrip' ORDER BY _line`)).rows;
      assert.deepEqual(rows.map(rowToDocument), docs.map(toNested));
    });
  }

  it('skips a batch id it has stored before', async () => {
    const docs = generateLines(generatorFor('dns'), { count: 5 }).map((l) => mapLineFlat(requireMappedDataset('dns'), l, referenceContext()));
    assert.deepEqual(await store.write(batchOf('dns', 'dns:twice', docs)), { duplicate: false });
    assert.deepEqual(await store.write(batchOf('dns', 'dns:twice', docs)), { duplicate: true });
    const count = (await store.query("SELECT count(*) AS n FROM dns WHERE _batch_id = 'dns:twice'")).rows[0]!.n;
    assert.equal(count, 5);
    const batch = (await store.query("SELECT events, dead_letters FROM ingest_batches WHERE batch_id = 'dns:twice'")).rows;
    assert.deepEqual(batch, [{ events: 5, dead_letters: 0 }]);
  });

  it('keeps dead letters with their reason and raw text', async () => {
    await store.writeDeadLetters([{ dataset: 'dns', batchId: 'b1', source: 'test', line: 3, reason: 'not valid JSON', raw: '{oops', receivedAt: new Date() }]);
    const rows = (await store.query("SELECT dataset, line, reason, raw FROM dead_letters WHERE batch_id = 'b1'")).rows;
    assert.deepEqual(rows, [{ dataset: 'dns', line: 3, reason: 'not valid JSON', raw: '{oops' }]);
  });

  it('removes rows older than the retention period and keeps newer ones', async () => {
    const dns = requireMappedDataset('dns');
    const now = Date.UTC(2026, 5, 1);
    const old = generateLines(generatorFor('dns'), { count: 4, endMs: now - 40 * 86_400_000, spanMs: 1000 });
    const recent = generateLines(generatorFor('dns'), { count: 3, endMs: now - 86_400_000, spanMs: 1000, seed: 2 });
    const docs = [...old, ...recent].map((l) => mapLineFlat(dns, l, referenceContext()));
    await store.write(batchOf('dns', 'dns:retention', docs));
    // Everything else in the table is from 2022–2026 and older than 30 days too: count only this batch.
    const removed = await store.deleteOlderThan('dns', 30, new Date(now));
    assert.ok(removed >= 4);
    const left = (await store.query("SELECT count(*) AS n FROM dns WHERE _batch_id = 'dns:retention'")).rows[0]!.n;
    assert.equal(left, 3);
  });

  it('reports a clear error when another process holds the store', async () => {
    const { execFileSync } = await import('node:child_process');
    const module = new URL('../../src/outputs/duckdb/store.ts', import.meta.url).href;
    const script = `const { DuckDbStore } = await import(${JSON.stringify(module)});
      try { await DuckDbStore.open(${JSON.stringify(dir.path)}, []); console.log('opened'); } catch (e) { console.log(e.message); }`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.match(output, /is in use by another process \(a running "logpush serve"\?\); use --api to ask it instead/);
  });
});
