import { DuckDBTimestampValue, type DuckDBValue } from '@duckdb/node-api';
import { findDataset, isMapped, type DatasetName } from '../../../datasets/index.js';
import { columnFor, quoteIdent, type Column } from '../../../outputs/duckdb/columns.js';
import { DATASET_FIELD } from '../catalogue/types.js';

/**
 * What the dashboard knows about a dataset's columns: the same field list the store built its table
 * from, so a field is queryable exactly when the table has a column for it.
 */
const cache = new Map<DatasetName, Map<string, Column>>();

export function columnsOfDataset(dataset: DatasetName): Map<string, Column> {
  let columns = cache.get(dataset);
  if (columns === undefined) {
    const definition = findDataset(dataset);
    columns = new Map();
    if (definition !== undefined && isMapped(definition)) {
      for (const [field, type] of Object.entries(definition.mapping.fields)) columns.set(field, columnFor(field, type));
    }
    cache.set(dataset, columns);
  }
  return columns;
}

export function columnOf(dataset: DatasetName, field: string): Column | undefined {
  return columnsOfDataset(dataset).get(field);
}

/** A dataset name as an SQL string literal; names come from our registry (`[a-z_]+`), never from users. */
export const datasetLiteral = (dataset: DatasetName) => `'${dataset}'`;

/** The SQL expression of a field in one dataset's table: the column, the table name, or NULL when absent. */
export function fieldExpr(dataset: DatasetName, field: string): string {
  if (field === DATASET_FIELD) return datasetLiteral(dataset);
  return columnOf(dataset, field) === undefined ? 'NULL' : quoteIdent(field);
}

/** Whether a field can be grouped or filtered on (JSON and geo-point columns cannot). */
export function isComparable(column: Column): boolean {
  return column.kind !== 'json' && column.kind !== 'geo';
}

/** Collects bound parameters: user-supplied values never become SQL text. */
export class Params {
  readonly values: Record<string, DuckDBValue> = {};
  private next = 0;

  add(value: DuckDBValue): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

export const timestampValue = (ms: number) => new DuckDBTimestampValue(BigInt(Math.trunc(ms)) * 1000n);

/**
 * Converts a value (typed in the catalogue, or text from a URL filter) to the column's type. Returns
 * undefined when it cannot be one (a word for a number column), so callers can refuse or match nothing.
 */
export function toColumnValue(column: Column, value: string | number | boolean): DuckDBValue | undefined {
  switch (column.kind) {
    case 'text':
      return String(value);
    case 'long': {
      const text = String(value).trim();
      return /^-?\d{1,18}$/.test(text) ? BigInt(text) : undefined;
    }
    case 'double': {
      const number = typeof value === 'number' ? value : Number(String(value).trim());
      return String(value).trim() !== '' && Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return undefined;
    case 'date': {
      const ms = typeof value === 'number' ? value : Date.parse(String(value));
      return Number.isFinite(ms) ? timestampValue(ms) : undefined;
    }
    default:
      return undefined;
  }
}
