/**
 * Percentile panels over integer fields are computed from a histogram of (bucket, value) counts instead of
 * quantile_cont; on a real DuckDB store they must give exactly what quantile_cont gives, bucket by bucket:
 * many buckets, buckets of one row, repeated values, and values spread wide.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mapLineFlat, requireMappedDataset, type FlatDocument } from '../../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../../src/generate/index.js';
import { DuckDbStore } from '../../../src/outputs/duckdb/store.js';
import { findPage } from '../../../src/web/dashboard/catalogue/index.js';
import { runPanel } from '../../../src/web/dashboard/query/panel-data.js';
import { tempDir } from '../../support/collector.js';
import { referenceContext } from '../../support/map-context.js';

const END_MS = Date.UTC(2026, 0, 1);
const FIELD = 'cloudflare_logpush.http_request.origin.response.duration.ms';

describe('integer percentiles', () => {
  const dir = tempDir();
  let store: DuckDbStore;
  before(async () => {
    const dataset = requireMappedDataset('http_request');
    store = await DuckDbStore.open(dir.path, [dataset]);
    const ctx = referenceContext();
    const docs: FlatDocument[] = generateLines(generatorFor('http_request'), { count: 3000, seed: 9, endMs: END_MS, spanMs: 6 * 3_600_000 })
      .map((line) => mapLineFlat(dataset, line, ctx));
    // Repeated values, a very wide one, and a lone row far from the others (a bucket of one).
    docs.forEach((doc, i) => {
      if (i % 7 === 0) doc.set(FIELD, 100);
      if (i === 11) doc.set(FIELD, 9_000_000_000);
    });
    docs[0]!.set('@timestamp', new Date(END_MS - 23 * 3_600_000).toISOString()).set(FIELD, 5);
    await store.write({ dataset: 'http_request', id: 'p', source: 'test', receivedAt: new Date(END_MS), documents: docs, deadLetters: [] });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('equal quantile_cont in every bucket', async () => {
    const panel = findPage('http')!.panels.find((p) => p.id === 'origin-time')!;
    assert.equal(panel.kind, 'percentiles');
    const scope = { range: { fromMs: END_MS - 86_400_000, toMs: END_MS + 1 }, filters: [] };
    const result = await runPanel(store, panel, scope);
    assert.equal(result.error, undefined);
    assert.equal(result.data?.type, 'timeseries');
    const data = result.data;
    if (data?.type !== 'timeseries' || panel.kind !== 'percentiles') return;
    const quantiles = panel.percentiles.map((p) => Number(p) / 100);
    const expected = await store.query(`SELECT epoch_ms("@timestamp") // $b * $b AS bucket, quantile_cont("${FIELD}", [${quantiles.join(', ')}]) AS p
      FROM http_request WHERE "${FIELD}" IS NOT NULL GROUP BY 1 ORDER BY 1`, { b: BigInt(data.bucketMs) });
    assert.ok(expected.rows.length > 10, 'several buckets');
    let compared = 0;
    for (const row of expected.rows) {
      const at = data.buckets.indexOf(Number(row.bucket));
      assert.ok(at >= 0, `bucket ${row.bucket}`);
      assert.deepEqual(data.series.map((s) => s.values[at]), (row.p as number[]).map(Number), `bucket ${row.bucket}`);
      compared++;
    }
    // Buckets without rows stay empty.
    const empty = data.buckets.filter((b) => !expected.rows.some((r) => Number(r.bucket) === b));
    for (const b of empty) assert.ok(data.series.every((s) => s.values[data.buckets.indexOf(b)] === null));
    assert.equal(compared, expected.rows.length);
  });
});
