/**
 * Dictionary keys of IP columns on a real DuckDB file: every stored IP has the key of its text in
 * `key_values`, one id per distinct text across fields and datasets, densely numbered; a rolled-back batch
 * leaves no ids behind; rows of an older store (no key column) are keyed when it opens; and dashboard
 * panels grouped by key give exactly what grouping by the text gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { mapLineFlat, requireMappedDataset, type DatasetName, type FlatDocument } from '../../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../../src/generate/index.js';
import { KeyDictionary } from '../../../src/outputs/duckdb/key-dictionary.js';
import { DATABASE_FILE, DuckDbStore } from '../../../src/outputs/duckdb/store.js';
import type { DeadLetter, OutputBatch } from '../../../src/outputs/output.js';
import { findPage } from '../../../src/web/dashboard/catalogue/index.js';
import { runPanel } from '../../../src/web/dashboard/query/panel-data.js';
import { tempDir } from '../../support/collector.js';
import { referenceContext } from '../../support/map-context.js';

const DATASETS = [requireMappedDataset('http_request'), requireMappedDataset('firewall_event')];
const RECEIVED = new Date('2026-01-01T00:00:00Z');

function documents(dataset: DatasetName, count: number, seed: number): FlatDocument[] {
  const mapping = requireMappedDataset(dataset);
  return generateLines(generatorFor(dataset), { count, seed, endMs: RECEIVED.getTime(), spanMs: 3_600_000 }).map((line) => mapLineFlat(mapping, line, referenceContext()));
}

const batchOf = (dataset: DatasetName, id: string, docs: FlatDocument[], deadLetters: DeadLetter[] = []): OutputBatch => ({
  dataset, id, source: 'test', receivedAt: RECEIVED, documents: docs, deadLetters,
});

/** Rows whose key does not match the dictionary entry of their text (or is missing): should be none. */
async function mismatches(store: DuckDbStore, table: string, field: string): Promise<number> {
  const result = await store.query(`SELECT count(*) AS n FROM ${table} t LEFT JOIN key_values k ON k.id = t."_key.${field}"
    WHERE t."${field}" IS DISTINCT FROM k.value`);
  return Number(result.rows[0]!.n);
}

async function dictionary(store: DuckDbStore): Promise<{ n: number; distinct: number; max: number }> {
  const result = await store.query('SELECT count(*) AS n, count(DISTINCT value) AS distinct, max(id) AS max FROM key_values');
  const row = result.rows[0]!;
  return { n: Number(row.n), distinct: Number(row.distinct), max: Number(row.max) };
}

describe('DuckDB key dictionary', () => {
  const dir = tempDir();
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(dir.path, DATASETS);
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('keys every IP column by one dense dictionary shared across batches, fields and datasets', async () => {
    await store.write(batchOf('http_request', 'h1', documents('http_request', 300, 1)));
    await store.write(batchOf('http_request', 'h2', documents('http_request', 300, 2)));
    await store.write(batchOf('firewall_event', 'f1', documents('firewall_event', 300, 3)));
    for (const [table, field] of [['http_request', 'source.ip'], ['firewall_event', 'source.ip']] as const) {
      assert.equal(await mismatches(store, table, field), 0, `${table}.${field}`);
    }
    const { n, distinct, max } = await dictionary(store);
    assert.equal(n, distinct, 'one id per text');
    assert.equal(max, n, 'ids 1..n without gaps');
    const sources = await store.query(`SELECT count(DISTINCT ip) AS n FROM (
      SELECT "source.ip" AS ip FROM http_request UNION ALL SELECT "source.ip" FROM firewall_event) WHERE ip IS NOT NULL`);
    assert.ok(Number(sources.rows[0]!.n) > 0 && Number(sources.rows[0]!.n) <= n);
  });

  it('forgets the ids of a batch that is rolled back', async () => {
    const before = await dictionary(store);
    const docs = documents('http_request', 20, 4).map((doc, i) => new Map(doc).set('source.ip', `2001:db8::${i.toString(16)}`));
    // A dead letter whose line number is not an integer fails inside the batch's transaction.
    const broken: DeadLetter = { receivedAt: RECEIVED, dataset: 'http_request', source: 'test', batchId: 'bad', line: 1.5, reason: 'x', raw: 'x' };
    await assert.rejects(store.write(batchOf('http_request', 'bad', docs, [broken])));
    assert.deepEqual(await dictionary(store), before);
    await store.write(batchOf('http_request', 'good', docs));
    const after = await dictionary(store);
    assert.equal(after.max, after.n, 'numbering continues without a gap');
    assert.ok(after.n >= before.n + 20);
    assert.equal(await mismatches(store, 'http_request', 'source.ip'), 0);
  });

  it('groups top-N and distinct counts by key exactly as by text, ties included', async () => {
    // Many IPs seen the same number of times, so that the 10th place is a tie broken by the text.
    const tied = documents('http_request', 60, 5).map((doc, i) => new Map(doc).set('source.ip', `10.0.${i % 30}.${(i * 7) % 30}`).set('@timestamp', '2025-12-31T23:30:00.000Z'));
    await store.write(batchOf('http_request', 'tied', tied));
    const panels = findPage('http')!.panels;
    const scope = { range: { fromMs: RECEIVED.getTime() - 86_400_000, toMs: RECEIVED.getTime() + 1 }, filters: [] };
    const top = await runPanel(store, panels.find((p) => p.id === 'top-source-ips')!, scope);
    const expected = await store.query(`SELECT "source.ip" AS ip, count(*) AS n, sum(count(*)) OVER () AS total FROM http_request
      WHERE "source.ip" IS NOT NULL AND "@timestamp" >= $from AND "@timestamp" < $to GROUP BY 1 ORDER BY n DESC, ip LIMIT 10`,
    { from: new Date(scope.range.fromMs).toISOString(), to: new Date(scope.range.toMs).toISOString() });
    assert.equal(top.data?.type, 'terms');
    if (top.data?.type !== 'terms') return;
    assert.deepEqual(top.data.rows.map((r) => [r.keys[0], r.value]), expected.rows.map((r) => [r.ip, Number(r.n)]));
    assert.equal(top.data.total, Number(expected.rows[0]!.total));

    const totals = await runPanel(store, panels.find((p) => p.id === 'totals')!, scope);
    const distinct = await store.query(`SELECT count(DISTINCT "source.ip") AS n FROM http_request WHERE "@timestamp" >= $from AND "@timestamp" < $to`,
      { from: new Date(scope.range.fromMs).toISOString(), to: new Date(scope.range.toMs).toISOString() });
    assert.equal(totals.data?.type, 'metric');
    if (totals.data?.type !== 'metric') return;
    assert.equal(totals.data.values.find((v) => v.label === 'Client IPs')!.value, Number(distinct.rows[0]!.n));
  });

  it('looks values up in the table once the dictionary outgrows its cache', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      const resolve = async (keys: KeyDictionary, values: string[]) => {
        const ids = await keys.resolve(db, values);
        keys.committed(ids);
        return values.map((v) => ids.get(v));
      };
      const small = await KeyDictionary.open(db, 3);
      assert.deepEqual(await resolve(small, ['a', 'b']), [1, 2]);
      assert.deepEqual(await resolve(small, ['c', 'd', 'a']), [3, 4, 1], 'beyond the limit the cache starts over');
      assert.deepEqual(await resolve(small, ['b', 'e', 'd']), [2, 5, 4], 'evicted values are found in the table');
      // Reopened: too big to load whole, so every miss is looked up; small enough, and it is loaded.
      assert.deepEqual(await resolve(await KeyDictionary.open(db, 3), ['e', 'a', 'f']), [5, 1, 6]);
      assert.deepEqual(await resolve(await KeyDictionary.open(db, 100), ['f', 'c', 'g']), [6, 3, 7]);
      const rows = await db.runAndReadAll('SELECT count(*), count(DISTINCT value), max(id) FROM key_values');
      assert.deepEqual(rows.getRows()[0]!.map(Number), [7, 7, 7]);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });

  it('keys the rows of an older store, which had no key columns, when it opens', async () => {
    const old = tempDir();
    try {
      let second = await DuckDbStore.open(old.path, DATASETS);
      await second.write(batchOf('http_request', 'old', documents('http_request', 200, 6)));
      await second.close();
      const instance = await DuckDBInstance.create(`${old.path}/${DATABASE_FILE}`);
      const db = await instance.connect();
      const keys = await db.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'http_request' AND column_name LIKE '\\_key.%' ESCAPE '\\'");
      assert.ok(keys.currentRowCount >= 2);
      for (const [name] of keys.getRows()) await db.run(`ALTER TABLE http_request DROP COLUMN "${String(name)}"`);
      await db.run('DELETE FROM key_values');
      db.closeSync();
      instance.closeSync();

      second = await DuckDbStore.open(old.path, DATASETS);
      try {
        assert.equal(await mismatches(second, 'http_request', 'source.ip'), 0);
        assert.equal(await mismatches(second, 'http_request', 'destination.ip'), 0);
        const { n, distinct, max } = await dictionary(second);
        assert.ok(n > 0);
        assert.equal(n, distinct);
        assert.equal(max, n);
        // New batches continue the numbering and reuse the ids of known values.
        await second.write(batchOf('http_request', 'new', documents('http_request', 200, 6)));
        assert.equal(await mismatches(second, 'http_request', 'source.ip'), 0);
        assert.equal((await dictionary(second)).n, n, 'the same records add no new values');
      } finally {
        await second.close();
      }
    } finally {
      old.remove();
    }
  });
});
