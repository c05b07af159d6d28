import type { Panel, PanelResult } from '../api-types.js';
import { bucketsOption, createChart, onPick, termsOption, timeseriesOption, watchSize, type Chart, type ChartOption } from './charts.js';
import { bucketsTable, mapTable, metricTiles, recentTable, termsTable, timeseriesTable, type TableActions } from './data-table.js';
import { h } from './dom.js';
import { drawWorldMap } from './world-map.js';

/**
 * One panel on the page: a titled section with a chart (when the kind has one) and its data table. The
 * section is built once per page view and updated in place on refresh, so focus and scroll stay put.
 * `data-state` (loading, ready, error) lets people and tests see when it has its numbers.
 */
export class PanelView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  /** The chart's figure (labelled by the panel title) and the element the chart library draws into. */
  private readonly viz?: HTMLElement;
  private readonly canvas?: HTMLElement;
  private readonly details?: HTMLDetailsElement;
  private readonly noData = h('p', { class: 'no-data', hidden: true }, 'No data in this time range');
  private chart?: Chart;
  private observer?: ResizeObserver;

  constructor(private readonly panel: Panel, private readonly actions: TableActions, link?: { href: string; label: string }) {
    const titleId = `panel-${panel.id}-title`;
    const hasChart = panel.kind === 'timeseries' || panel.kind === 'split-timeseries' || panel.kind === 'percentiles' || panel.kind === 'map' ||
      panel.kind === 'buckets' || (panel.kind === 'terms' && panel.chart !== 'table');
    if (hasChart) {
      this.canvas = h('div', { class: 'canvas' });
      this.viz = h('div', { class: `viz viz-${panel.kind === 'map' ? 'map' : 'chart'}`, role: 'figure', 'aria-label': `${panel.title} (chart; the data table below has the numbers)` }, this.canvas, this.noData);
      this.details = h('details', { class: 'table-toggle' }, h('summary', {}, 'Data table'));
    }
    this.body = h('div', { class: 'panel-body' });
    this.element = h('section', { class: `panel w${panel.width ?? 1}`, 'aria-labelledby': titleId, 'data-panel': panel.id, 'data-kind': panel.kind, 'data-state': 'loading', 'aria-busy': 'true' },
      h('header', {},
        h('h2', { id: titleId }, panel.title),
        link === undefined ? null : h('a', { class: 'more', href: link.href }, `${link.label} →`)),
      panel.description === undefined ? null : h('p', { class: 'description' }, panel.description),
      this.viz ?? null,
      this.details ?? this.body);
    this.details?.appendChild(this.body);
  }

  /** Whether a result has nothing to draw (an empty chart would look like a broken one). */
  private static isEmpty(result: PanelResult): boolean {
    const data = result.data;
    if (data === undefined) return true;
    if (data.type === 'timeseries') return data.series.every((s) => s.values.every((v) => v === null || v === 0));
    if (data.type === 'buckets') return data.rows.every((r) => r.value === 0);
    if (data.type === 'terms' || data.type === 'map' || data.type === 'recent') return data.rows.length === 0;
    return false;
  }

  /** Shows a result; charts are redrawn in place. */
  update(result: PanelResult): void {
    this.element.setAttribute('aria-busy', 'false');
    if (result.error !== undefined || result.data === undefined) {
      this.element.dataset.state = 'error';
      this.body.replaceChildren(h('p', { class: 'error', role: 'alert' }, `This panel failed: ${result.error ?? 'no data'}`));
      if (this.details !== undefined) this.details.open = true;
      return;
    }
    const { panel } = this;
    const data = result.data;
    const empty = PanelView.isEmpty(result);
    this.noData.hidden = !empty;
    this.element.dataset.ms = String(result.ms);
    let content: HTMLElement;
    if (data.type === 'timeseries') {
      content = timeseriesTable(panel.title, data, panel.unit);
      this.draw(timeseriesOption(data, panel.unit, panel.kind === 'split-timeseries'));
    } else if (data.type === 'terms' && panel.kind === 'terms') {
      content = termsTable(panel, data, this.actions);
      if (panel.chart !== 'table') {
        this.draw(termsOption(data, panel.chart, panel.unit, (panel.labels ?? panel.fields).join(' · ')), (keys) => {
          if (panel.fields.length === 1 && keys[0] !== null && panel.fields[0] !== '_dataset') this.actions.filter(panel.fields[0]!, String(keys[0]));
        });
      }
    } else if (data.type === 'buckets' && panel.kind === 'buckets') {
      content = bucketsTable(panel.title, data, this.actions);
      this.draw(bucketsOption(data, panel.chart), (keys) => {
        const row = data.rows.find((r) => r.filter !== undefined && r.filter.value === keys[0]);
        if (row?.filter !== undefined) this.actions.filter(row.filter.field, String(row.filter.value));
      });
    } else if (data.type === 'map') {
      content = mapTable(panel.title, data, this.actions);
      if (this.canvas !== undefined) void drawWorldMap(this.canvas, data, panel.title, (field, value) => this.actions.filter(field, value)).catch((error: Error) => {
        this.canvas?.replaceChildren(h('p', { class: 'error' }, `The map could not be drawn: ${error.message}`));
      });
    } else if (data.type === 'recent' && panel.kind === 'recent') {
      content = recentTable(panel, data, this.actions);
    } else if (data.type === 'metric') {
      content = metricTiles(data);
    } else {
      content = h('p', {}, 'Unsupported panel');
    }
    this.body.replaceChildren(content);
    this.element.dataset.state = 'ready';
  }

  markLoading(): void {
    this.element.setAttribute('aria-busy', 'true');
    if (this.element.dataset.state !== 'ready') this.element.dataset.state = 'loading';
  }

  private draw(option: ChartOption, pick?: (keys: readonly (string | number | boolean | null)[]) => void): void {
    if (this.canvas === undefined) return;
    if (this.chart === undefined) {
      this.chart = createChart(this.canvas);
      this.observer = watchSize(this.chart, this.canvas);
    }
    this.chart.setOption(option, { notMerge: true });
    if (pick !== undefined) onPick(this.chart, pick);
  }

  dispose(): void {
    this.observer?.disconnect();
    this.chart?.dispose();
  }
}
