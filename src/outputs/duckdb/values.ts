import {
  DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue, DuckDBListValue, DuckDBStructValue, DuckDBTimestampValue,
  type DuckDBResultReader, type DuckDBValue,
} from '@duckdb/node-api';

/**
 * Query results as JSON values, whatever the SQL: integers as numbers (as text beyond 2^53),
 * timestamps as ISO 8601 with milliseconds, lists and structs as arrays and objects, JSON columns parsed.
 */
export function toJsonValue(value: DuckDBValue, isJson = false): unknown {
  if (value === null) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string') {
    if (!isJson) return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (typeof value !== 'object') return value;
  if (value instanceof DuckDBTimestampValue) return new Date(Number(value.micros / 1000n)).toISOString();
  if (value instanceof DuckDBListValue) return value.items.map((item) => toJsonValue(item, isJson));
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toJsonValue(v)]));
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBDateValue || value instanceof DuckDBIntervalValue) return value.toString();
  return String(value);
}

export interface QueryResult {
  readonly columns: string[];
  readonly rows: Record<string, unknown>[];
}

export function resultToJson(result: DuckDBResultReader): QueryResult {
  const columns = result.columnNames();
  // JSON columns (and lists of JSON) come back as text: parse them.
  const isJson = result.columnTypes().map((t) => {
    const type = t as { alias?: string; valueType?: { alias?: string } };
    return type.alias === 'JSON' || type.valueType?.alias === 'JSON';
  });
  const rows = result.getRows().map((row) => {
    const out: Record<string, unknown> = {};
    row.forEach((value, i) => {
      out[columns[i]!] = toJsonValue(value, isJson[i]);
    });
    return out;
  });
  return { columns, rows };
}

/**
 * A result row as an ECS document: dotted column names nested, nulls omitted, the `_extra` column's
 * fields merged back, internal `_` columns dropped. `SELECT * FROM http_request` thus gives back the
 * documents exactly as `logpush transform` prints them.
 */
export function rowToDocument(row: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    if (column === '_extra' && typeof value === 'object') Object.assign(flat, value);
    else if (!column.startsWith('_')) flat[column] = value;
  }
  const doc: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = doc;
    for (const part of parts.slice(0, -1)) {
      if (node[part] === null || typeof node[part] !== 'object' || Array.isArray(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return doc;
}
