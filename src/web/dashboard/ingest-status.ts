import type { Metrics } from '../../metrics.js';
import { quoteIdent } from '../../outputs/duckdb/columns.js';
import type { DeadLettersResponse, IngestStatus } from './api-types.js';
import { Params, timestampValue } from './query/fields.js';
import type { QueryRunner } from './query/panel-data.js';

/**
 * The ingest status page: per dataset and per input, what arrived (from `ingest_batches`, the durable
 * record of every stored batch), how fast lately, what was dead-lettered (`dead_letters`), and which
 * requests were refused (the Prometheus counters; they reset when the process restarts).
 *
 * Times come from `received_at`, which is written from the JavaScript clock in UTC like every other
 * timestamp; `stored_at` is DuckDB's `now()` in its session time zone and is not compared here.
 */
const WINDOW_SECS = 300;
const iso = (value: unknown) => (typeof value === 'string' ? value : null);
const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export async function ingestStatus(store: QueryRunner, metrics: Metrics, tables: readonly string[], now = Date.now()): Promise<IngestStatus> {
  const params = new Params();
  const since = params.add(timestampValue(now - WINDOW_SECS * 1000));
  const batches = await store.query(
    `SELECT dataset, split_part(source, ':', 1) AS input, source, count(*) AS batches, sum(events) AS events,
       coalesce(sum(events) FILTER (WHERE received_at >= ${since}), 0) AS recent, max(received_at) AS last, sum(dead_letters) AS dead
     FROM ingest_batches GROUP BY ALL ORDER BY dataset, source`,
    params.values,
  );
  const dead = await store.query('SELECT dataset, count(*) AS n FROM dead_letters GROUP BY dataset');
  const counts = tables.length === 0
    ? { rows: [] }
    : await store.query(tables.map((t) => `SELECT '${t}' AS dataset, count(*) AS n FROM ${quoteIdent(t)}`).join(' UNION ALL '));

  const rejections = (await metrics.rejected.get()).values
    .map((v) => ({ dataset: String(v.labels.dataset ?? 'unknown'), code: String(v.labels.code ?? 'unknown'), count: v.value }))
    .filter((r) => r.count > 0);
  const stored = new Map(counts.rows.map((r) => [String(r.dataset), num(r.n)]));
  const deadByDataset = new Map(dead.rows.map((r) => [String(r.dataset), num(r.n)]));

  const datasets = tables.map((dataset) => {
    const rows = batches.rows.filter((r) => r.dataset === dataset);
    const recent = rows.reduce((sum, r) => sum + num(r.recent), 0);
    const last = rows.map((r) => iso(r.last)).filter((t): t is string => t !== null).sort().at(-1) ?? null;
    return {
      dataset,
      storedEvents: stored.get(dataset) ?? 0,
      batches: rows.reduce((sum, r) => sum + num(r.batches), 0),
      recentEvents: recent,
      eventsPerSec: recent / WINDOW_SECS,
      lastBatchAt: last,
      deadLetters: deadByDataset.get(dataset) ?? 0,
      errors: rejections.filter((r) => r.dataset === dataset).reduce((sum, r) => sum + r.count, 0),
    };
  });
  const inputs = batches.rows.map((r) => ({
    input: String(r.input),
    source: String(r.source),
    batches: num(r.batches),
    events: num(r.events),
    recentEvents: num(r.recent),
    eventsPerSec: num(r.recent) / WINDOW_SECS,
    lastBatchAt: iso(r.last),
    deadLetters: num(r.dead),
  }));
  return { now: new Date(now).toISOString(), windowSecs: WINDOW_SECS, datasets, inputs, rejections };
}

/** Dead letters, newest first, with the reason and the raw line (cut at 4 KiB for the page). */
export async function deadLetters(store: QueryRunner, options: { dataset?: string; offset: number; limit: number }): Promise<DeadLettersResponse> {
  const params = new Params();
  const where = options.dataset === undefined ? 'TRUE' : `dataset = ${params.add(options.dataset)}`;
  const total = await store.query(`SELECT count(*) AS n FROM dead_letters WHERE ${where}`, params.values);
  const rows = await store.query(
    `SELECT received_at, dataset, source, batch_id, line, reason, left(raw, 4096) AS raw FROM dead_letters WHERE ${where}
     ORDER BY received_at DESC, batch_id, line LIMIT ${Math.trunc(options.limit)} OFFSET ${Math.trunc(options.offset)}`,
    params.values,
  );
  return {
    total: num(total.rows[0]?.n),
    offset: options.offset,
    rows: rows.rows.map((r) => ({
      receivedAt: String(r.received_at), dataset: (r.dataset as string | null) ?? null, source: String(r.source),
      batchId: (r.batch_id as string | null) ?? null, line: num(r.line), reason: String(r.reason), raw: String(r.raw ?? ''),
    })),
  };
}
