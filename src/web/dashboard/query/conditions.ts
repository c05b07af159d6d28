import type { DatasetName } from '../../../datasets/index.js';
import { quoteIdent } from '../../../outputs/duckdb/columns.js';
import { DATASET_FIELD, type Condition } from '../catalogue/types.js';
import { columnOf, isComparable, toColumnValue, type Params } from './fields.js';

/**
 * WHERE clauses: the catalogue's fixed conditions and the user's `field:value` filters, per dataset.
 * Filters follow Kibana's semantics on multi-dataset pages: `field = value` on a table without that
 * field matches nothing, and `NOT field = value` matches everything there.
 */
export interface Filter {
  readonly field: string;
  readonly value: string;
  readonly negate: boolean;
}

/** A request the dashboard refuses (unknown field, bad value): answered 400 (or `status`) with the message. */
export class DashboardRequestError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

/** Parses `field:value` (or `-field:value` for "is not"); the field is everything before the first colon. */
export function parseFilter(text: string): Filter {
  const negate = text.startsWith('-');
  const body = negate ? text.slice(1) : text;
  const colon = body.indexOf(':');
  if (colon <= 0) throw new DashboardRequestError(`a filter is field:value, got "${text}"`);
  return { field: body.slice(0, colon), value: body.slice(colon + 1), negate };
}

/**
 * Refuses filters on fields that none of the datasets has, or that cannot be compared (JSON, geo), or
 * whose value does not fit the column type where the field exists.
 */
export function validateFilters(filters: readonly Filter[], datasets: readonly DatasetName[]): void {
  for (const filter of filters) {
    const columns = datasets.map((d) => columnOf(d, filter.field)).filter((c) => c !== undefined);
    if (columns.length === 0) {
      throw new DashboardRequestError(`unknown field "${filter.field}" for ${datasets.join(', ')}`);
    }
    for (const column of columns) {
      if (!isComparable(column)) throw new DashboardRequestError(`field "${filter.field}" cannot be filtered on`);
      if (toColumnValue(column, filter.value) === undefined) {
        throw new DashboardRequestError(`"${filter.value}" is not a valid ${column.kind} value for ${filter.field}`);
      }
    }
  }
}

function equalsSql(dataset: DatasetName, field: string, value: string | number | boolean, params: Params): string {
  const column = columnOf(dataset, field);
  if (column === undefined || !isComparable(column)) return 'FALSE';
  const converted = toColumnValue(column, value);
  if (converted === undefined) return 'FALSE';
  const placeholder = params.add(converted);
  return column.array ? `list_contains(${quoteIdent(field)}, ${placeholder})` : `${quoteIdent(field)} = ${placeholder}`;
}

/** One catalogue condition for one dataset's table. */
export function conditionSql(dataset: DatasetName, condition: Condition, params: Params): string {
  if (condition.field === DATASET_FIELD) {
    if ('equals' in condition) return condition.equals === dataset ? 'TRUE' : 'FALSE';
    if ('in' in condition) return condition.in.includes(dataset) ? 'TRUE' : 'FALSE';
    return 'FALSE';
  }
  if ('equals' in condition) return equalsSql(dataset, condition.field, condition.equals, params);
  if ('in' in condition) {
    const parts = condition.in.map((value) => equalsSql(dataset, condition.field, value, params)).filter((p) => p !== 'FALSE');
    return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
  }
  const column = columnOf(dataset, condition.field);
  const bound = column === undefined ? undefined : toColumnValue(column, condition.gte);
  if (column === undefined || column.array || bound === undefined) return 'FALSE';
  return `${quoteIdent(condition.field)} >= ${params.add(bound)}`;
}

export function conditionsSql(dataset: DatasetName, conditions: readonly Condition[] | undefined, params: Params): string[] {
  return (conditions ?? []).map((c) => conditionSql(dataset, c, params));
}

/** A user filter for one dataset's table. */
export function filterSql(dataset: DatasetName, filter: Filter, params: Params): string {
  const match = equalsSql(dataset, filter.field, filter.value, params);
  // IS NOT TRUE: a NULL (missing) value is "not equal", as in Kibana.
  return filter.negate ? `(${match}) IS NOT TRUE` : match;
}
