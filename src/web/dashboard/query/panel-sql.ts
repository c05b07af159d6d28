import type { DuckDBValue } from '@duckdb/node-api';
import type { DatasetName } from '../../../datasets/index.js';
import { quoteIdent } from '../../../outputs/duckdb/columns.js';
import { KEY_TABLE, keyColumnName } from '../../../outputs/duckdb/key-dictionary.js';
import type { Condition, Measure, Panel } from '../catalogue/types.js';
import { conditionsSql, filterSql, type Filter } from './conditions.js';
import { columnOf, datasetLiteral, fieldExpr, Params, timestampValue } from './fields.js';
import { bucketSizeMs, type TimeRange } from './time-range.js';

/**
 * One panel → one SQL statement. Each dataset of the panel contributes a SELECT of the few columns the
 * panel needs, bounded by the time range and filtered; the union of those is aggregated once. Only bound
 * parameters carry values; the only text spliced in comes from the catalogue (field names, quoted) or is
 * computed here (bucket sizes, percentiles, limits: numbers).
 */
export interface Scope {
  readonly range: TimeRange;
  readonly filters: readonly Filter[];
}

export interface PanelQuery {
  readonly sql: string;
  readonly params: Record<string, DuckDBValue>;
  /** The time-series bucket size, for kinds that have one. */
  readonly bucketMs?: number;
}

type Select = (dataset: DatasetName, params: Params) => string[];

const stringLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
const int = (n: number) => String(Math.trunc(n));

function whereSql(dataset: DatasetName, panel: Panel, scope: Scope, params: Params): string {
  return [
    `"@timestamp" >= ${params.add(timestampValue(scope.range.fromMs))}`,
    `"@timestamp" < ${params.add(timestampValue(scope.range.toMs))}`,
    ...conditionsSql(dataset, panel.where, params),
    ...scope.filters.map((f) => filterSql(dataset, f, params)),
  ].join(' AND ');
}

function unionSql(datasets: readonly DatasetName[], panel: Panel, scope: Scope, params: Params, select: Select): string {
  return datasets
    .map((d) => `SELECT ${select(d, params).join(', ')} FROM ${quoteIdent(d)} WHERE ${whereSql(d, panel, scope, params)}`)
    .join(' UNION ALL ');
}

/** A grouping key: array fields count once per element (unnest), as a terms aggregation does. */
function keyExpr(dataset: DatasetName, field: string): string {
  return columnOf(dataset, field)?.array === true ? `unnest(${quoteIdent(field)})` : fieldExpr(dataset, field);
}

function seriesCondition(dataset: DatasetName, where: readonly Condition[] | undefined, params: Params): string {
  const parts = conditionsSql(dataset, where, params);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** An aggregate, optionally over the rows where `filter` (a boolean column) holds. */
function aggregate(measure: Measure | undefined, value: string, filter?: string): string {
  const where = filter === undefined ? '' : ` FILTER (WHERE ${filter})`;
  switch (measure?.op ?? 'count') {
    case 'count':
      return `count(*)${where}`;
    case 'distinct':
      return `count(DISTINCT ${value})${where}`;
    default:
      // Sums of BIGINT are HUGEINT; DOUBLE is exact far beyond any byte count we store.
      return `CAST(${measure!.op}(${value})${where} AS DOUBLE)`;
  }
}

/**
 * Whether a field is dictionary-keyed wherever the datasets have it (and at least one has it): then
 * grouping goes by its integer key (see outputs/duckdb/key-dictionary.ts), 5–10× faster on IPs.
 */
function keyedIn(datasets: readonly DatasetName[], field: string): boolean {
  const columns = datasets.map((d) => columnOf(d, field));
  return columns.some((c) => c !== undefined) && columns.every((c) => c === undefined || c.keyed);
}

/** `count(DISTINCT field)` over the rows where `where` holds, by the field's key. */
function distinctByKey(datasets: readonly DatasetName[], field: string, where: readonly Condition[] | undefined, panel: Panel, scope: Scope, params: Params): string {
  const having = datasets.filter((d) => columnOf(d, field) !== undefined);
  const select: Select = (d, p) => [`${quoteIdent(keyColumnName(field))} AS _k`, `${seriesCondition(d, where, p)} AS _s`];
  return `(SELECT count(*) FROM (SELECT _k FROM (${unionSql(having, panel, scope, params, select)}) WHERE _s AND _k IS NOT NULL GROUP BY _k))`;
}

/**
 * `quantile_cont(_v, [quantiles])` per bucket for integer values (durations in ms), exactly, from a
 * histogram: rows are counted per (bucket, value) — a few thousand groups instead of every value kept and
 * sorted per bucket — and each quantile is read off the cumulative counts with quantile_cont's own
 * interpolation (position h = (n − 1)·q between the values at floor(h) and ceil(h), lo·(1 − d) + hi·d).
 * About a quarter faster on 10 M rows.
 */
function integerPercentilesSql(union: string, bucket: number, quantiles: string): string {
  return `WITH h AS (SELECT _t // ${int(bucket)} * ${int(bucket)} AS bucket, _v AS v, count(*) AS c FROM (${union}) WHERE _v IS NOT NULL GROUP BY 1, 2),
    cum AS (SELECT bucket, v, sum(c) OVER (PARTITION BY bucket ORDER BY v ROWS UNBOUNDED PRECEDING) AS upto, sum(c) OVER (PARTITION BY bucket) AS n FROM h),
    q AS (SELECT unnest([${quantiles}]::DOUBLE[]) AS q, unnest(range(${quantiles.split(',').length})) AS i),
    targets AS (SELECT bucket, i, (n - 1)::DOUBLE * q AS h FROM (SELECT DISTINCT bucket, n FROM cum), q),
    picked AS (SELECT t.bucket, t.i, t.h - floor(t.h) AS d,
      (SELECT min(v) FROM cum WHERE cum.bucket = t.bucket AND cum.upto > floor(t.h))::DOUBLE AS lo,
      (SELECT min(v) FROM cum WHERE cum.bucket = t.bucket AND cum.upto > ceil(t.h))::DOUBLE AS hi FROM targets t)
    SELECT bucket, list(CASE WHEN d = 0 THEN lo ELSE lo * (1 - d) + hi * d END ORDER BY i) AS p FROM picked GROUP BY bucket ORDER BY bucket`;
}

const measureField = (measure: Measure | undefined) => (measure === undefined || measure.op === 'count' ? undefined : measure.field);
const epochMs = 'epoch_ms("@timestamp") AS _t';

/** The SQL of a panel, or undefined when none of its datasets has the fields it needs (no data, no query). */
export function panelQuery(panel: Panel, scope: Scope): PanelQuery | undefined {
  const params = new Params();
  const done = (datasets: readonly DatasetName[], select: Select, outer: (union: string) => string, bucketMs?: number) =>
    datasets.length === 0 ? undefined : { sql: outer(unionSql(datasets, panel, scope, params, select)), params: params.values, bucketMs };
  const has = (d: DatasetName, field: string | undefined) => field === undefined || field === '_dataset' || columnOf(d, field) !== undefined;

  switch (panel.kind) {
    case 'metric': {
      const select: Select = (d, p) => panel.values.flatMap((v, i) => [
        `${seriesCondition(d, v.where, p)} AS _s${i}`,
        `${fieldExpr(d, measureField(v.measure) ?? '_dataset')} AS _v${i}`,
      ]);
      const aggs = panel.values.map((v, i) => {
        const field = measureField(v.measure);
        const byKey = v.measure?.op === 'distinct' && field !== undefined && keyedIn(panel.datasets, field);
        return `${byKey ? distinctByKey(panel.datasets, field, v.where, panel, scope, params) : aggregate(v.measure, `_v${i}`, `_s${i}`)} AS m${i}`;
      });
      return done(panel.datasets, select, (u) => `SELECT ${aggs.join(', ')} FROM (${u})`);
    }
    case 'timeseries': {
      const bucket = bucketSizeMs(scope.range);
      const select: Select = (d, p) => [epochMs, ...panel.series.flatMap((s, i) => [
        `${seriesCondition(d, s.where, p)} AS _s${i}`,
        `${fieldExpr(d, measureField(s.measure) ?? '_dataset')} AS _v${i}`,
      ])];
      const aggs = panel.series.map((s, i) => `${aggregate(s.measure, `_v${i}`, `_s${i}`)} AS s${i}`);
      return done(panel.datasets, select, (u) => `SELECT _t // ${int(bucket)} * ${int(bucket)} AS bucket, ${aggs.join(', ')} FROM (${u}) GROUP BY 1 ORDER BY 1`, bucket);
    }
    case 'split-timeseries': {
      const bucket = bucketSizeMs(scope.range);
      const datasets = panel.datasets.filter((d) => has(d, panel.field));
      const select: Select = (d) => [epochMs, `${keyExpr(d, panel.field)} AS k0`];
      // The top values over the whole range name the series; everything else is "Other" (k NULL).
      return done(datasets, select, (u) => `WITH base AS (${u}), top AS (SELECT k0 FROM base WHERE k0 IS NOT NULL GROUP BY k0 ORDER BY count(*) DESC, k0 LIMIT ${int(panel.limit)})
        SELECT _t // ${int(bucket)} * ${int(bucket)} AS bucket, CASE WHEN k0 IN (SELECT k0 FROM top) THEN CAST(k0 AS VARCHAR) END AS k, count(*) AS value
        FROM base WHERE k0 IS NOT NULL GROUP BY 1, 2 ORDER BY 1`, bucket);
    }
    case 'percentiles': {
      const bucket = bucketSizeMs(scope.range);
      const datasets = panel.datasets.filter((d) => has(d, panel.field));
      const select: Select = (d) => [epochMs, `${fieldExpr(d, panel.field)} AS _v`];
      const quantiles = panel.percentiles.map((q) => String(Number(q) / 100)).join(', ');
      const integer = datasets.every((d) => {
        const column = columnOf(d, panel.field);
        return column?.kind === 'long' && !column.array;
      });
      if (integer) {
        return done(datasets, select, (u) => integerPercentilesSql(u, bucket, quantiles), bucket);
      }
      // One quantile_cont with a list sorts each bucket once, instead of once per percentile (2× faster).
      return done(datasets, select, (u) => `SELECT _t // ${int(bucket)} * ${int(bucket)} AS bucket, quantile_cont(_v, [${quantiles}]) AS p FROM (${u}) WHERE _v IS NOT NULL GROUP BY 1 ORDER BY 1`, bucket);
    }
    case 'terms': {
      const datasets = panel.datasets.filter((d) => panel.fields.every((f) => has(d, f)) && has(d, measureField(panel.measure)));
      const keys = panel.fields.map((_, i) => `k${i}`);
      const select: Select = (d) => [
        ...panel.fields.map((f, i) => `${keyExpr(d, f)} AS k${i}`),
        `${fieldExpr(d, measureField(panel.measure) ?? '_dataset')} AS _v`,
      ];
      const value = aggregate(panel.measure, '_v');
      const additive = panel.measure === undefined || panel.measure.op === 'count' || panel.measure.op === 'sum';
      if (panel.fields.length === 1 && keyedIn(datasets, panel.fields[0]!)) {
        // Group by the key; then only the groups that can make the top N (ties at the cut included) get
        // their strings, so that ties still break by the value's text, as below.
        const keySelect: Select = (d) => [`${quoteIdent(keyColumnName(panel.fields[0]!))} AS _k`, `${fieldExpr(d, measureField(panel.measure) ?? '_dataset')} AS _v`];
        return done(datasets, keySelect, (u) => `WITH g AS MATERIALIZED (SELECT _k, ${value} AS value FROM (${u}) WHERE _k IS NOT NULL GROUP BY _k),
          cut AS (SELECT value FROM g ORDER BY value DESC NULLS LAST LIMIT 1 OFFSET ${int(panel.limit - 1)})
          SELECT d.value AS k0, g.value, ${additive ? '(SELECT sum(value) FROM g)' : 'NULL'} AS total
          FROM g JOIN ${KEY_TABLE} d ON d.id = g._k
          WHERE (SELECT value FROM cut) IS NULL OR g.value >= (SELECT value FROM cut)
          ORDER BY g.value DESC NULLS LAST, k0 LIMIT ${int(panel.limit)}`);
      }
      // The total is taken before LIMIT, so "Other" = total − shown rows.
      const total = additive ? `sum(${value}) OVER ()` : 'NULL';
      return done(datasets, select, (u) => `SELECT ${keys.join(', ')}, ${value} AS value, ${total} AS total FROM (${u})
        WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')} GROUP BY ${keys.join(', ')}
        ORDER BY value DESC NULLS LAST, ${keys.join(', ')} LIMIT ${int(panel.limit)}`);
    }
    case 'buckets': {
      const select: Select = (d, p) => panel.buckets.map((b, i) => `${seriesCondition(d, b.where, p)} AS _s${i}`);
      const aggs = panel.buckets.map((_, i) => `${aggregate(undefined, '', `_s${i}`)} AS b${i}`);
      return done(panel.datasets, select, (u) => `SELECT ${aggs.join(', ')} FROM (${u})`);
    }
    case 'map': {
      const datasets = panel.datasets.filter((d) => panel.fields.some((f) => has(d, f)));
      const select: Select = (d) => {
        const fields = panel.fields.filter((f) => has(d, f));
        const which = fields.map((f) => `WHEN ${quoteIdent(f)} IS NOT NULL THEN ${stringLiteral(f)}`).join(' ');
        return [`coalesce(${fields.map(quoteIdent).join(', ')}) AS k0`, `CASE ${which} END AS kf`];
      };
      return done(datasets, select, (u) => `SELECT kf, k0, count(*) AS value FROM (${u}) WHERE k0 IS NOT NULL GROUP BY kf, k0 ORDER BY value DESC, k0 LIMIT 300`);
    }
    case 'recent': {
      const select: Select = (d) => [
        `${datasetLiteral(d)} AS _dataset`, '_batch_id', '_line', '"@timestamp" AS _time',
        ...panel.columns.map((c, i) => `${fieldExpr(d, c)} AS c${i}`),
      ];
      return done(panel.datasets, select, (u) => `SELECT * FROM (${u}) ORDER BY _time DESC, _batch_id, _line LIMIT ${int(panel.limit)}`);
    }
  }
}
