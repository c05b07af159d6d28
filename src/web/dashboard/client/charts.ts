import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { BucketsData, Scalar, TermsData, TimeseriesData, Unit } from '../api-types.js';
import { formatBucket, formatKey, formatNumber, unitLabel } from './format.js';

/**
 * Charts with Apache ECharts, tree-shaken to the three chart types we draw and rendered as SVG (crisp in
 * screenshots, no canvas needed). Every chart sits beside a data table (see panel-view.ts), which is the
 * text alternative; ECharts' aria option adds a generated description as well.
 */
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type Chart = echarts.ECharts;
export type ChartOption = echarts.EChartsCoreOption;
/** Called with the data item the user clicked; undefined for items that cannot filter (e.g. "Other"). */
export type Pick = (keys: readonly Scalar[]) => void;

const BASE = {
  animation: false,
  aria: { enabled: true },
  textStyle: { fontFamily: 'system-ui, sans-serif' },
  tooltip: { confine: true },
};

export function createChart(element: HTMLElement): Chart {
  return echarts.init(element, undefined, { renderer: 'svg' });
}

export function timeseriesOption(data: TimeseriesData, unit: Unit | undefined, stacked: boolean) {
  return {
    ...BASE,
    tooltip: { ...BASE.tooltip, trigger: 'axis', valueFormatter: (v: number | null) => formatNumber(v, unit) },
    legend: { show: data.series.length > 1, top: 0, type: 'scroll' },
    grid: { left: 64, right: 16, top: data.series.length > 1 ? 32 : 16, bottom: 48 },
    xAxis: {
      type: 'time', name: 'Time', nameLocation: 'middle', nameGap: 30,
      axisLabel: { hideOverlap: true, formatter: (v: number) => formatBucket(v, data.bucketMs) },
    },
    yAxis: { type: 'value', name: unitLabel(unit), nameLocation: 'middle', nameGap: 50, axisLabel: { formatter: (v: number) => formatNumber(v, unit) } },
    series: data.series.map((s) => ({
      name: s.label,
      type: stacked ? 'bar' : 'line',
      stack: stacked ? 'total' : undefined,
      showSymbol: false,
      connectNulls: false,
      areaStyle: stacked || data.series.length > 1 ? undefined : { opacity: 0.15 },
      data: data.buckets.map((b, i) => [b, s.values[i]]),
    })),
  };
}

interface Slice {
  readonly name: string;
  readonly value: number;
  readonly keys?: readonly Scalar[];
}

function terms(data: TermsData, includeOther: boolean): Slice[] {
  const slices: Slice[] = data.rows.map((r) => ({ name: r.keys.map((k, i) => formatKey(k, data.fields[i])).join(' · '), value: r.value, keys: r.keys }));
  const shown = data.rows.reduce((sum, r) => sum + r.value, 0);
  if (includeOther && data.total !== null && data.total > shown) slices.push({ name: 'Other', value: data.total - shown });
  return slices;
}

function donutOption(slices: readonly Slice[], unit: Unit | undefined) {
  return {
    ...BASE,
    tooltip: { ...BASE.tooltip, trigger: 'item', valueFormatter: (v: number) => formatNumber(v, unit) },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['42%', '70%'], center: ['35%', '50%'], avoidLabelOverlap: true, label: { show: false }, data: slices }],
  };
}

function barOption(slices: readonly Slice[], unit: Unit | undefined, axisName: string) {
  const ordered = [...slices].reverse();
  return {
    ...BASE,
    tooltip: { ...BASE.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatNumber(v, unit) },
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: unitLabel(unit), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => formatNumber(v, unit) } },
    yAxis: { type: 'category', name: axisName, data: ordered.map((s) => s.name), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [{ type: 'bar', data: ordered.map((s) => ({ value: s.value, keys: s.keys })) }],
  };
}

export function termsOption(data: TermsData, chart: 'bar' | 'donut', unit: Unit | undefined, axisName: string) {
  return chart === 'donut' ? donutOption(terms(data, true), unit) : barOption(terms(data, false), unit, axisName);
}

export function bucketsOption(data: BucketsData, chart: 'bar' | 'donut') {
  const slices = data.rows.map((r) => ({ name: r.label, value: r.value, keys: r.filter === undefined ? undefined : [r.filter.value] }));
  return chart === 'donut' ? donutOption(slices, 'count') : barOption(slices, 'count', '');
}

/** Routes clicks on bars and slices to `pick` with the item's keys (items without keys do nothing). */
export function onPick(chart: Chart, pick: Pick): void {
  chart.off('click');
  chart.on('click', (event) => {
    const keys = (event.data as { keys?: readonly Scalar[] } | undefined)?.keys;
    if (keys !== undefined) pick(keys);
  });
}

/** Keeps charts sized to their boxes. */
export function watchSize(chart: Chart, element: HTMLElement): ResizeObserver {
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(element);
  return observer;
}
