import type { DuckDBValue } from '@duckdb/node-api';
import type { QueryResult } from '../../../outputs/duckdb/values.js';
import type { PanelData, PanelResult, Scalar } from '../api-types.js';
import type { Panel } from '../catalogue/types.js';
import { DashboardRequestError } from './conditions.js';
import { panelQuery, type Scope } from './panel-sql.js';
import { bucketSizeMs, bucketStarts } from './time-range.js';

/** What the dashboard needs of the store: read-only SQL with bound parameters. */
export interface QueryRunner {
  query(sql: string, params?: Record<string, DuckDBValue>): Promise<QueryResult>;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : value === null || value === undefined ? 0 : Number(value));
const scalar = (value: unknown): Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);

/** Empty data of a panel whose datasets lack its fields, so every panel renders (as "no data"). */
function emptyData(panel: Panel, scope: Scope): PanelData {
  return shape(panel, scope, { columns: [], rows: [] }, undefined);
}

/** Spreads per-bucket rows over every bucket of the range (missing buckets: `missing`). */
function alignBuckets(scope: Scope, bucketMs: number, rows: readonly Record<string, unknown>[], read: (row: Record<string, unknown>) => (number | null)[], width: number, missing: number | null) {
  const buckets = bucketStarts(scope.range, bucketMs);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const columns = Array.from({ length: width }, () => new Array<number | null>(buckets.length).fill(missing));
  for (const row of rows) {
    const i = index.get(num(row.bucket));
    if (i === undefined) continue;
    read(row).forEach((value, s) => {
      columns[s]![i] = value;
    });
  }
  return { buckets, columns };
}

function shape(panel: Panel, scope: Scope, result: QueryResult, bucketMs: number | undefined): PanelData {
  const rows = result.rows;
  const bucket = bucketMs ?? bucketSizeMs(scope.range);
  switch (panel.kind) {
    case 'metric':
      return { type: 'metric', values: panel.values.map((v, i) => ({ label: v.label, value: rows[0] === undefined || rows[0][`m${i}`] === null ? (v.measure === undefined || v.measure.op === 'count' ? 0 : null) : num(rows[0][`m${i}`]), unit: v.unit ?? panel.unit })) };
    case 'timeseries': {
      const { buckets, columns } = alignBuckets(scope, bucket, rows, (r) => panel.series.map((_, i) => num(r[`s${i}`])), panel.series.length, 0);
      return { type: 'timeseries', bucketMs: bucket, buckets, series: panel.series.map((s, i) => ({ label: s.label, values: columns[i]! })) };
    }
    case 'percentiles': {
      const { buckets, columns } = alignBuckets(scope, bucket, rows, (r) => panel.percentiles.map((_, i) => {
        const value = (r.p as unknown[] | null)?.[i];
        return value === null || value === undefined ? null : num(value);
      }), panel.percentiles.length, null);
      return { type: 'timeseries', bucketMs: bucket, buckets, series: panel.percentiles.map((p, i) => ({ label: `p${p}`, values: columns[i]! })) };
    }
    case 'split-timeseries': {
      // Series in order of their total, "Other" last.
      const totals = new Map<string | null, number>();
      for (const row of rows) totals.set(row.k as string | null, (totals.get(row.k as string | null) ?? 0) + num(row.value));
      const labels = [...totals.entries()].sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))).map(([k]) => k);
      const { buckets, columns } = alignBuckets(scope, bucket, [], () => [], labels.length, 0);
      const bucketIndex = new Map(buckets.map((b, i) => [b, i]));
      for (const row of rows) {
        const i = bucketIndex.get(num(row.bucket));
        if (i !== undefined) columns[labels.indexOf(row.k as string | null)]![i] = num(row.value);
      }
      return { type: 'timeseries', bucketMs: bucket, buckets, series: labels.map((k, s) => ({ label: k ?? 'Other', values: columns[s]! })) };
    }
    case 'terms':
      return {
        type: 'terms',
        fields: panel.fields,
        rows: rows.map((r) => ({ keys: panel.fields.map((_, i) => scalar(r[`k${i}`])), value: num(r.value) })),
        total: rows.length === 0 ? (panel.measure === undefined || panel.measure.op === 'count' || panel.measure.op === 'sum' ? 0 : null) : rows[0]!.total === null ? null : num(rows[0]!.total),
      };
    case 'buckets':
      return {
        type: 'buckets',
        rows: panel.buckets.map((b, i) => {
          const only = b.where.length === 1 ? b.where[0]! : undefined;
          const filter = only !== undefined && 'equals' in only && only.field !== '_dataset' ? { field: only.field, value: only.equals } : undefined;
          return { label: b.label, value: rows[0] === undefined ? 0 : num(rows[0][`b${i}`]), ...(filter === undefined ? {} : { filter }) };
        }),
      };
    case 'map':
      return { type: 'map', rows: rows.map((r) => ({ field: String(r.kf), key: String(r.k0), value: num(r.value) })) };
    case 'recent':
      return {
        type: 'recent',
        columns: panel.columns,
        rows: rows.map((r) => ({
          dataset: String(r._dataset), batch: String(r._batch_id), line: num(r._line), time: (r._time as string | null) ?? null,
          values: panel.columns.map((_, i) => r[`c${i}`] ?? null),
        })),
      };
  }
}

/** Runs one panel; a failing query becomes an error on that panel only, not on the whole page. */
export async function runPanel(store: QueryRunner, panel: Panel, scope: Scope): Promise<PanelResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const query = panelQuery(panel, scope);
    const data = query === undefined ? emptyData(panel, scope) : shape(panel, scope, await store.query(query.sql, query.params), query.bucketMs);
    return { id: panel.id, data, ms: elapsed() };
  } catch (error) {
    if (error instanceof DashboardRequestError) throw error;
    return { id: panel.id, error: (error as Error).message, ms: elapsed() };
  }
}
