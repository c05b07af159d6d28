import { DuckDbStore } from '../outputs/duckdb/store.js';
import { rowToDocument, type QueryResult } from '../outputs/duckdb/values.js';
import { mappedDatasets } from '../datasets/index.js';

/** `logpush query`: SQL over the store, through a running server's API or directly on the files. */
export interface QueryOptions {
  readonly sql: string;
  readonly api?: string;
  readonly token?: string;
  readonly dataDir?: string;
}

export async function runQuery(options: QueryOptions): Promise<QueryResult> {
  if (options.api !== undefined) {
    const response = await fetch(new URL('/api/query', options.api), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify({ sql: options.sql }),
    });
    const body = (await response.json()) as QueryResult & { error?: string };
    if (!response.ok) throw new Error(`the API answered ${response.status}: ${body.error ?? 'no reason given'}`);
    return body;
  }
  const store = await DuckDbStore.open(options.dataDir ?? './data', mappedDatasets());
  try {
    return await store.queryReadOnly(options.sql);
  } finally {
    await store.close();
  }
}

/** json: one document per line (dotted names nested, nulls omitted, `_extra` merged). */
export function formatJson(result: QueryResult): string {
  return result.rows.map((row) => `${JSON.stringify(rowToDocument(row))}\n`).join('');
}

/** table: aligned columns for a terminal, long values cut. */
export function formatTable(result: QueryResult): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const rows = result.rows.map((row) => result.columns.map((c) => cell(row[c])));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(result.columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `(${rows.length} rows)`].join('\n') + '\n';
}
