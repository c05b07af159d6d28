import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetName } from '../../src/datasets/index.js';
import { mappedDatasets } from '../../src/datasets/index.js';
import { columnsOf, toDuckValue, type Column } from '../../src/outputs/duckdb/columns.js';
import type { Condition, Measure, Panel } from '../../src/web/dashboard/catalogue/types.js';
import { PROJECT_ROOT } from './shared.js';

/**
 * An independent model of what each dashboard panel should show, computed in plain JavaScript from the
 * golden documents (test/fixtures/<dataset>/*-expected.json: the reference mapping of the shared
 * fixtures) rather than with SQL. A collector configured like the reference context stores exactly
 * these documents, so panel numbers must equal what this computes.
 *
 * Results are normalised to three shapes that the API answer and the rendered page are also reduced to:
 * groups (key → value), series (label → bucket → value) and values (label → number).
 */
export type Doc = Record<string, unknown>;
export interface OracleFilter { readonly field: string; readonly value: string; readonly negate: boolean }
export interface OracleScope { readonly fromMs: number; readonly toMs: number; readonly filters: readonly OracleFilter[] }

export type Normalised =
  | { readonly shape: 'groups'; readonly rows: Map<string, number>; readonly limit?: number }
  | { readonly shape: 'series'; readonly series: Map<string, Map<number, number>> }
  | { readonly shape: 'values'; readonly values: Map<string, number | null> }
  | { readonly shape: 'rows'; readonly count: number };

const columns = new Map<DatasetName, Map<string, Column>>(mappedDatasets().map((d) => [d.name, new Map(columnsOf(d.mapping.fields).map((c) => [c.field, c]))]));

/** Flattens a nested golden document to the store's columns: a path stops at the first declared field. */
function flatten(dataset: DatasetName, nested: Doc): Doc {
  const fields = columns.get(dataset)!;
  const flat: Doc = {};
  const walk = (node: Doc, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const column = fields.get(path);
      // A value that does not fit its column's type is kept aside (`_extra`) and invisible to panels.
      if (column !== undefined) {
        if (toDuckValue(column, value) !== undefined) flat[path] = value;
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value as Doc, path);
    }
  };
  walk(nested, '');
  flat._dataset = dataset;
  return flat;
}

/** The golden documents of every dataset, flattened, tagged with their dataset. */
export function goldenDocuments(): Doc[] {
  return mappedDatasets().flatMap((d) => {
    const dir = join(PROJECT_ROOT, 'test', 'fixtures', d.name);
    return readdirSync(dir).filter((f) => f.endsWith('-expected.json'))
      .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')).expected as Doc[]).map((doc) => flatten(d.name, doc)));
  });
}

const str = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
const valuesOf = (doc: Doc, field: string): unknown[] => {
  const value = doc[field];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
};
const has = (doc: Doc, field: string) => field === '_dataset' || columns.get(doc._dataset as DatasetName)!.has(field);

function holds(doc: Doc, c: Condition): boolean {
  if (!has(doc, c.field)) return false;
  const values = valuesOf(doc, c.field);
  if ('equals' in c) return values.some((v) => str(v) === str(c.equals));
  if ('in' in c) return values.some((v) => c.in.map(str).includes(str(v)));
  return values.some((v) => typeof v === 'number' && v >= c.gte);
}

function matchesFilter(doc: Doc, f: OracleFilter): boolean {
  const match = has(doc, f.field) && valuesOf(doc, f.field).some((v) => str(v) === f.value);
  return f.negate ? !match : match;
}

/** The documents a panel reads: its datasets, the time range, its conditions and the page filters. */
export function docsOf(panel: Panel, docs: readonly Doc[], scope: OracleScope): Doc[] {
  return docs.filter((doc) => {
    if (!panel.datasets.includes(doc._dataset as DatasetName)) return false;
    const time = typeof doc['@timestamp'] === 'string' ? Date.parse(doc['@timestamp'] as string) : Number.NaN;
    if (!(time >= scope.fromMs && time < scope.toMs)) return false;
    return (panel.where ?? []).every((c) => holds(doc, c)) && scope.filters.every((f) => matchesFilter(doc, f));
  });
}

function aggregate(measure: Measure | undefined, docs: readonly Doc[]): number | null {
  if (measure === undefined || measure.op === 'count') return docs.length;
  const values = docs.map((d) => d[measure.field]).filter((v): v is number => typeof v === 'number');
  if (measure.op === 'distinct') return new Set(docs.map((d) => d[measure.field]).filter((v) => v !== undefined && v !== null).map(str)).size;
  if (values.length === 0) return null;
  if (measure.op === 'sum') return values.reduce((a, b) => a + b, 0);
  if (measure.op === 'max') return Math.max(...values);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** DuckDB's quantile_cont: linear interpolation between the closest ranks. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const timeOf = (doc: Doc) => Date.parse(doc['@timestamp'] as string);
const bucketOf = (doc: Doc, bucketMs: number) => Math.floor(timeOf(doc) / bucketMs) * bucketMs;

function groupBy(docs: readonly Doc[], key: (doc: Doc) => string[]): Map<string, Doc[]> {
  const groups = new Map<string, Doc[]>();
  for (const doc of docs) for (const k of key(doc)) groups.set(k, [...(groups.get(k) ?? []), doc]);
  return groups;
}

/** Every combination of the fields' values (arrays expand); none when a field is missing. */
function keysOf(doc: Doc, fields: readonly string[]): string[] {
  let combos: string[][] = [[]];
  for (const field of fields) {
    const values = field === '_dataset' ? [doc._dataset] : valuesOf(doc, field);
    combos = combos.flatMap((combo) => values.map((v) => [...combo, str(v)]));
  }
  return combos.map((c) => c.join('\u0001'));
}

/** What a panel should show. `bucketMs` is the bucket size the server chose (checked separately). */
export function expectPanel(panel: Panel, all: readonly Doc[], scope: OracleScope, bucketMs: number): Normalised {
  const docs = docsOf(panel, all, scope);
  switch (panel.kind) {
    case 'metric':
      return { shape: 'values', values: new Map(panel.values.map((v) => [v.label, aggregate(v.measure, docs.filter((d) => (v.where ?? []).every((c) => holds(d, c))))])) };
    case 'buckets':
      return { shape: 'groups', rows: new Map(panel.buckets.map((b) => [b.label, docs.filter((d) => b.where.every((c) => holds(d, c))).length])) };
    case 'terms':
      return { shape: 'groups', limit: panel.limit, rows: new Map([...groupBy(docs, (d) => keysOf(d, panel.fields))].map(([k, g]) => [k, aggregate(panel.measure, g) ?? 0])) };
    case 'map': {
      const key = (d: Doc) => {
        const field = panel.fields.find((f) => has(d, f) && valuesOf(d, f).length > 0);
        return field === undefined ? [] : [`${field}\u0001${str(d[field])}`];
      };
      return { shape: 'groups', limit: 300, rows: new Map([...groupBy(docs, key)].map(([k, g]) => [k, g.length])) };
    }
    case 'timeseries':
      return { shape: 'series', series: new Map(panel.series.map((s) => {
        const matching = docs.filter((d) => (s.where ?? []).every((c) => holds(d, c)));
        const buckets = [...groupBy(matching, (d) => [String(bucketOf(d, bucketMs))])].map(([b, g]) => [Number(b), aggregate(s.measure, g) ?? 0] as const);
        return [s.label, new Map(buckets.filter(([, v]) => v !== 0))];
      })) };
    case 'split-timeseries': {
      const totals = [...groupBy(docs, (d) => keysOf(d, [panel.field]))].map(([k, g]) => [k, g.length] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const top = new Set(totals.slice(0, panel.limit).map(([k]) => k));
      const series = new Map<string, Map<number, number>>();
      for (const doc of docs) {
        for (const key of keysOf(doc, [panel.field])) {
          const label = top.has(key) ? key : 'Other';
          const bucket = bucketOf(doc, bucketMs);
          const map = series.get(label) ?? new Map<number, number>();
          map.set(bucket, (map.get(bucket) ?? 0) + 1);
          series.set(label, map);
        }
      }
      return { shape: 'series', series };
    }
    case 'percentiles': {
      const withValue = docs.filter((d) => typeof d[panel.field] === 'number');
      const byBucket = groupBy(withValue, (d) => [String(bucketOf(d, bucketMs))]);
      return { shape: 'series', series: new Map(panel.percentiles.map((p) => [`p${p}`, new Map([...byBucket].map(([b, g]) => [Number(b), quantile(g.map((d) => d[panel.field] as number), p / 100)]))])) };
    }
    case 'recent':
      return { shape: 'rows', count: Math.min(panel.limit, docs.length) };
  }
}
