import assert from 'node:assert/strict';
import type { PanelData } from '../../src/web/dashboard/api-types.js';
import type { Panel } from '../../src/web/dashboard/catalogue/types.js';
import type { Normalised } from './dashboard-oracle.js';

/**
 * Reduces what the API (or the rendered page) shows for a panel to the oracle's shapes, and compares.
 * Top-N tables are compared as "every shown row has the right value, and the shown values are the N
 * largest", which holds whatever order equal counts come in.
 */
const near = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));

export function normaliseApi(panel: Panel, data: PanelData): Normalised {
  switch (data.type) {
    case 'metric':
      return { shape: 'values', values: new Map(data.values.map((v) => [v.label, v.value])) };
    case 'buckets':
      return { shape: 'groups', rows: new Map(data.rows.map((r) => [r.label, r.value])) };
    case 'terms':
      return { shape: 'groups', limit: panel.kind === 'terms' ? panel.limit : undefined, rows: new Map(data.rows.map((r) => [r.keys.map(String).join('\u0001'), r.value])) };
    case 'map':
      return { shape: 'groups', limit: 300, rows: new Map(data.rows.map((r) => [`${r.field}\u0001${r.key}`, r.value])) };
    case 'timeseries':
      return { shape: 'series', series: new Map(data.series.map((s) => [s.label, new Map(data.buckets.map((b, i) => [b, s.values[i] ?? 0] as [number, number]))])) };
    case 'recent':
      return { shape: 'rows', count: data.rows.length };
  }
}

function nonZero(map: Map<number, number>): Map<number, number> {
  return new Map([...map].filter(([, v]) => v !== 0 && v !== null));
}

export function assertSameNumbers(actual: Normalised, expected: Normalised, label: string): void {
  assert.equal(actual.shape, expected.shape, `${label}: shape`);
  if (actual.shape === 'values' && expected.shape === 'values') {
    for (const [name, value] of expected.values) assert.ok(near(actual.values.get(name), value), `${label} "${name}": shows ${actual.values.get(name)}, the documents imply ${value}`);
    return;
  }
  if (actual.shape === 'rows' && expected.shape === 'rows') {
    assert.equal(actual.count, expected.count, `${label}: rows`);
    return;
  }
  if (actual.shape === 'series' && expected.shape === 'series') {
    const labels = new Set([...actual.series.keys(), ...expected.series.keys()]);
    for (const name of labels) {
      const shown = nonZero(actual.series.get(name) ?? new Map());
      const implied = nonZero(expected.series.get(name) ?? new Map());
      assert.deepEqual([...shown.keys()].sort(), [...implied.keys()].sort(), `${label} "${name}": buckets with data`);
      for (const [bucket, value] of implied) assert.ok(near(shown.get(bucket), value), `${label} "${name}" at ${new Date(bucket).toISOString()}: shows ${shown.get(bucket)}, the documents imply ${value}`);
    }
    return;
  }
  if (actual.shape === 'groups' && expected.shape === 'groups') {
    if (expected.limit === undefined) {
      assert.deepEqual([...actual.rows].sort(), [...expected.rows].sort(), `${label}: buckets`);
      return;
    }
    const implied = [...expected.rows.values()].sort((a, b) => b - a);
    assert.equal(actual.rows.size, Math.min(expected.limit, implied.length), `${label}: number of rows (of ${implied.length} groups)`);
    for (const [key, value] of actual.rows) {
      assert.ok(near(value, expected.rows.get(key)), `${label} "${key.replace(/\u0001/g, ' · ')}": shows ${value}, the documents imply ${expected.rows.get(key)}`);
    }
    const shown = [...actual.rows.values()].sort((a, b) => b - a);
    assert.deepEqual(shown, implied.slice(0, shown.length), `${label}: the rows shown are the top ${expected.limit}`);
  }
}
