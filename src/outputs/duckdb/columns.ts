import {
  BIGINT, BOOLEAN, DOUBLE, LIST, STRUCT, TIMESTAMP, VARCHAR,
  DuckDBListValue, DuckDBStructValue, DuckDBTimestampValue, listValue, structValue,
  type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import type { EcsFieldType, FieldList } from '../../datasets/index.js';

/**
 * How ECS fields become typed DuckDB columns and back. Each field of a dataset's field list is one
 * column named by its dotted ECS name. A value that does not fit its column's type exactly (a string
 * where the list says long, an unknown field Cloudflare added) goes to the `_extra` JSON column instead,
 * so every document reads back exactly as it was written.
 */
type Kind = 'text' | 'long' | 'double' | 'boolean' | 'date' | 'geo' | 'json';

export interface Column {
  readonly field: string;
  readonly kind: Kind;
  readonly array: boolean;
  /** A scalar IP field: it has a dictionary key column for fast grouping (see key-dictionary.ts). */
  readonly keyed: boolean;
  readonly sqlType: string;
  readonly duckType: DuckDBType;
}

const KIND: Record<string, Kind> = {
  keyword: 'text', constant_keyword: 'text', wildcard: 'text', match_only_text: 'text', text: 'text', ip: 'text',
  long: 'long', double: 'double', float: 'double', boolean: 'boolean', date: 'date', geo_point: 'geo',
  flattened: 'json', object: 'json',
};
const SQL: Record<Kind, string> = {
  text: 'VARCHAR', long: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'TIMESTAMP',
  geo: 'STRUCT(lat DOUBLE, lon DOUBLE)', json: 'JSON',
};
const GEO = STRUCT({ lat: DOUBLE, lon: DOUBLE });
const DUCK: Record<Kind, DuckDBType> = { text: VARCHAR, long: BIGINT, double: DOUBLE, boolean: BOOLEAN, date: TIMESTAMP, geo: GEO, json: VARCHAR };

export function columnFor(field: string, type: EcsFieldType): Column {
  const array = type.endsWith('[]');
  const base = array ? type.slice(0, -2) : type;
  const kind = KIND[base]!;
  return {
    field,
    kind,
    array,
    keyed: !array && base === 'ip',
    sqlType: array ? `${SQL[kind]}[]` : SQL[kind],
    duckType: array ? LIST(DUCK[kind]) : DUCK[kind],
  };
}

export function columnsOf(fields: FieldList): Column[] {
  return Object.entries(fields).map(([field, type]) => columnFor(field, type));
}

/** Our documents' date format; anything else in a date field is kept verbatim in `_extra`. */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function scalarToDuck(kind: Kind, value: unknown): DuckDBValue | undefined {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'long':
      return Number.isSafeInteger(value) ? BigInt(value as number) : undefined;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'date':
      return typeof value === 'string' && ISO_MS.test(value) ? new DuckDBTimestampValue(BigInt(Date.parse(value)) * 1000n) : undefined;
    case 'geo': {
      const point = value as { lat?: unknown; lon?: unknown } | null;
      if (point === null || typeof point !== 'object' || Object.keys(point).length !== 2) return undefined;
      return typeof point.lat === 'number' && typeof point.lon === 'number' ? structValue({ lat: point.lat, lon: point.lon }) : undefined;
    }
    case 'json':
      return value !== null && typeof value === 'object' ? JSON.stringify(value) : undefined;
  }
}

/** The DuckDB value for a document value, or undefined when it does not fit the column (→ `_extra`). */
export function toDuckValue(column: Column, value: unknown): DuckDBValue | undefined {
  if (!column.array) return scalarToDuck(column.kind, value);
  if (!Array.isArray(value)) return undefined;
  const items: DuckDBValue[] = [];
  for (const element of value) {
    const item = scalarToDuck(column.kind, element);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return listValue(items);
}

function scalarFromDuck(kind: Kind, value: DuckDBValue): unknown {
  switch (kind) {
    case 'long':
      return Number(value as bigint);
    case 'date':
      return new Date(Number((value as DuckDBTimestampValue).micros / 1000n)).toISOString();
    case 'geo': {
      const entries = (value as DuckDBStructValue).entries;
      return { lat: entries.lat, lon: entries.lon };
    }
    case 'json':
      return JSON.parse(value as string);
    default:
      return value;
  }
}

/** The document value of a stored column value (the inverse of `toDuckValue`). */
export function fromDuckValue(column: Column, value: DuckDBValue): unknown {
  if (value === null) return undefined;
  if (!column.array) return scalarFromDuck(column.kind, value);
  return (value as DuckDBListValue).items.map((item) => scalarFromDuck(column.kind, item));
}

/** Quotes an identifier for SQL (`source.ip` → `"source.ip"`). */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
