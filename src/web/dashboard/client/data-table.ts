import type { BucketsData, MapData, MetricData, Panel, RecentData, Scalar, TermsData, TimeseriesData, Unit } from '../api-types.js';
import { h } from './dom.js';
import { fieldLabel, formatBucket, formatCell, formatKey, formatNumber, formatTime, unitLabel } from './format.js';

/**
 * The table behind every chart (its text alternative), and the main view of table panels. Each value a
 * user can filter on is a button; raw values sit in data-* attributes for tests and scripts.
 */
export interface TableActions {
  filter(field: string, value: string): void;
  /** The hash link of a dataset's page (for `_dataset` keys). */
  datasetLink(dataset: string): string | undefined;
  open(dataset: string, batch: string, line: number): void;
}

const rawValue = (value: Scalar | unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function keyCell(field: string, value: Scalar, actions: TableActions): HTMLTableCellElement {
  const text = formatKey(value, field);
  if (field === '_dataset') {
    const href = actions.datasetLink(String(value));
    return h('td', { 'data-key': rawValue(value) }, href === undefined ? text : h('a', { href }, text));
  }
  if (value === null) return h('td', { 'data-key': '' }, text);
  return h('td', { 'data-key': rawValue(value) }, h('button', {
    type: 'button', class: 'filter', title: `Filter on ${field} = ${text}`, 'aria-label': `Filter on ${field} = ${text}`,
    onclick: () => actions.filter(field, rawValue(value)),
  }, text));
}

const valueCell = (value: number | null, unit?: Unit) => h('td', { class: 'num', 'data-value': value === null ? '' : String(value) }, formatNumber(value, unit));

function table(caption: string, headers: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return h('table', { class: 'data', 'data-role': 'data' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: i === headers.length - 1 ? 'num' : undefined }, t)))),
    h('tbody', {}, rows.length > 0 ? rows : [h('tr', { class: 'empty' }, h('td', { colspan: headers.length }, 'No data in this time range'))]));
}

export function termsTable(panel: Panel & { kind: 'terms' }, data: TermsData, actions: TableActions): HTMLTableElement {
  const measure = panel.measure === undefined || panel.measure.op === 'count' ? unitLabel(panel.unit) : `${panel.measure.op} of ${fieldLabel(panel.measure.field)}`;
  const rows = data.rows.map((r) => h('tr', {}, r.keys.map((k, i) => keyCell(data.fields[i]!, k, actions)), valueCell(r.value, panel.unit)));
  const shown = data.rows.reduce((sum, r) => sum + r.value, 0);
  if (data.total !== null && data.total > shown && data.rows.length > 0) {
    rows.push(h('tr', { class: 'other', 'data-other': '' }, h('td', { colspan: data.fields.length }, 'Other'), valueCell(data.total - shown, panel.unit)));
  }
  return table(`${panel.title}: top ${panel.limit}`, [...(panel.labels ?? data.fields.map(fieldLabel)), measure], rows);
}

export function timeseriesTable(title: string, data: TimeseriesData, unit?: Unit): HTMLTableElement {
  const rows = data.buckets
    .map((bucket, i) => ({ bucket, values: data.series.map((s) => s.values[i] ?? null) }))
    .filter((r) => r.values.some((v) => v !== null && v !== 0))
    .map((r) => h('tr', { 'data-bucket': String(r.bucket) }, h('th', { scope: 'row' }, formatBucket(r.bucket, data.bucketMs)), r.values.map((v) => valueCell(v, unit))));
  const headers = ['Time', ...data.series.map((s) => s.label)];
  return table(`${title}; empty buckets are left out`, headers, rows);
}

export function bucketsTable(title: string, data: BucketsData, actions: TableActions): HTMLTableElement {
  const rows = data.rows.map((r) => h('tr', { 'data-label': r.label },
    r.filter === undefined ? h('td', { 'data-key': r.label }, r.label) : keyCell(r.filter.field, r.filter.value, actions),
    valueCell(r.value)));
  return table(title, ['Bucket', 'Events'], rows);
}

export function mapTable(title: string, data: MapData, actions: TableActions): HTMLTableElement {
  const rows = data.rows.map((r) => h('tr', { 'data-field': r.field }, keyCell(r.field, r.key, actions), valueCell(r.value)));
  return table(`${title}: countries by events`, ['Country', 'Events'], rows);
}

export function recentTable(panel: Panel & { kind: 'recent' }, data: RecentData, actions: TableActions): HTMLTableElement {
  const rows = data.rows.map((r) => h('tr', {},
    h('td', {}, formatTime(r.time)),
    r.values.map((v, i) => (v === null || typeof v === 'object' ? h('td', {}, formatCell(v)) : keyCell(data.columns[i]!, v as Scalar, actions))),
    h('td', {}, h('button', { type: 'button', class: 'open', onclick: () => actions.open(r.dataset, r.batch, r.line) }, 'Open'))));
  return table(panel.title, ['Time', ...data.columns.map(fieldLabel), 'Document'], rows);
}

export function metricTiles(data: MetricData): HTMLElement {
  return h('dl', { class: 'metrics', 'data-role': 'data' }, data.values.map((v) => h('div', { class: 'metric', 'data-label': v.label, 'data-value': v.value === null ? '' : String(v.value) },
    h('dt', {}, v.label), h('dd', {}, formatNumber(v.value, v.unit)))));
}
