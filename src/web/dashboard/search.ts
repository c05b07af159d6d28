import { findDataset, isMapped, type DatasetName } from '../../datasets/index.js';
import { quoteIdent } from '../../outputs/duckdb/columns.js';
import { rowToDocument } from '../../outputs/duckdb/values.js';
import type { SearchResponse } from './api-types.js';
import { searchColumnsOf } from './catalogue/index.js';
import { DashboardRequestError, filterSql, validateFilters, type Filter } from './query/conditions.js';
import { columnsOfDataset, Params, timestampValue } from './query/fields.js';
import type { QueryRunner } from './query/panel-data.js';
import type { TimeRange } from './query/time-range.js';

/**
 * The search page: one dataset, time range, field filters and free text, newest (or oldest) first, one
 * page of results at a time; each row opens the whole ECS document by its (batch, line) key.
 */
export interface SearchRequest {
  readonly dataset: string;
  readonly range: TimeRange;
  readonly filters: readonly Filter[];
  readonly text: string;
  readonly sort: 'asc' | 'desc';
  readonly offset: number;
  readonly limit: number;
}

/** Free text looks in every plain text column except the raw line (which would match everything). */
const NOT_SEARCHED = new Set(['event.original']);

export function searchableColumns(dataset: DatasetName): string[] {
  return [...columnsOfDataset(dataset).values()]
    .filter((c) => c.kind === 'text' && !c.array && !NOT_SEARCHED.has(c.field))
    .map((c) => c.field);
}

/** The dataset by name, refusing unknown or unmapped ones (their name never reaches SQL otherwise). */
export function requireDataset(name: string | null, tables: ReadonlySet<string>): DatasetName {
  const dataset = name === null ? undefined : findDataset(name);
  if (dataset === undefined || !isMapped(dataset)) throw new DashboardRequestError(`unknown dataset "${name ?? ''}"`);
  if (!tables.has(dataset.name)) throw new DashboardRequestError(`dataset "${dataset.name}" is disabled in the configuration`);
  return dataset.name;
}

function whereSql(dataset: DatasetName, request: SearchRequest, params: Params): string {
  const parts = [
    `"@timestamp" >= ${params.add(timestampValue(request.range.fromMs))}`,
    `"@timestamp" < ${params.add(timestampValue(request.range.toMs))}`,
    ...request.filters.map((f) => filterSql(dataset, f, params)),
  ];
  const text = request.text.trim();
  if (text !== '') {
    // contains() takes the text literally: no LIKE wildcards to escape.
    const haystack = `lower(concat_ws(' ', ${searchableColumns(dataset).map(quoteIdent).join(', ')}))`;
    parts.push(`contains(${haystack}, ${params.add(text.toLowerCase())})`);
  }
  return parts.join(' AND ');
}

export async function search(store: QueryRunner, request: SearchRequest, tables: ReadonlySet<string>): Promise<SearchResponse> {
  const dataset = requireDataset(request.dataset, tables);
  validateFilters(request.filters, [dataset]);
  const columns = searchColumnsOf(dataset);
  const params = new Params();
  const where = whereSql(dataset, request, params);
  const total = await store.query(`SELECT count(*) AS n FROM ${quoteIdent(dataset)} WHERE ${where}`, params.values);
  const order = request.sort === 'asc' ? 'ASC' : 'DESC';
  const rows = await store.query(
    `SELECT _batch_id, _line, "@timestamp" AS _time, ${columns.map((c, i) => `${quoteIdent(c)} AS c${i}`).join(', ')}
     FROM ${quoteIdent(dataset)} WHERE ${where}
     ORDER BY "@timestamp" ${order} NULLS LAST, _batch_id, _line LIMIT ${Math.trunc(request.limit)} OFFSET ${Math.trunc(request.offset)}`,
    params.values,
  );
  return {
    dataset,
    total: Number(total.rows[0]?.n ?? 0),
    offset: request.offset,
    limit: request.limit,
    columns,
    rows: rows.rows.map((r) => ({
      batch: String(r._batch_id), line: Number(r._line), time: (r._time as string | null) ?? null, values: columns.map((_, i) => r[`c${i}`] ?? null),
    })),
  };
}

/** The whole ECS document of one stored event, or undefined when there is none. */
export async function findDocument(store: QueryRunner, dataset: DatasetName, batch: string, line: number): Promise<Record<string, unknown> | undefined> {
  const params = new Params();
  const result = await store.query(
    `SELECT * FROM ${quoteIdent(dataset)} WHERE _batch_id = ${params.add(batch)} AND _line = ${params.add(line)} LIMIT 1`,
    params.values,
  );
  return result.rows[0] === undefined ? undefined : rowToDocument(result.rows[0]);
}
