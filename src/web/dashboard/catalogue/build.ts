import type { DatasetName } from '../../../datasets/index.js';
import type {
  BucketsPanel, Condition, MapPanel, MetricPanel, Panel, PercentilesPanel, RecentPanel, Series, SplitTimeseriesPanel, TermsPanel,
  TimeseriesPanel,
} from './types.js';

/**
 * Short constructors for catalogue entries, bound to the datasets of one page, so that each page file
 * reads like the reference's panel tables: id, title, field(s), chart, top N.
 */
type Extra<P> = Partial<Omit<P, 'kind' | 'id' | 'title'>>;

export const ns = (dataset: DatasetName, field: string) => `cloudflare_logpush.${dataset}.${field}`;
export const eq = (field: string, equals: string | number | boolean): Condition => ({ field, equals });
export const anyOf = (field: string, values: readonly (string | number)[]): Condition => ({ field, in: values });

export const EVENTS: Series = { label: 'Events' };
export const COUNTRY_ISO = 'source.geo.country_iso_code';

export function panelsOf(...datasets: DatasetName[]) {
  return {
    top(id: string, title: string, fields: string | readonly string[], chart: TermsPanel['chart'], limit = 10, extra: Extra<TermsPanel> = {}): TermsPanel {
      return { kind: 'terms', id, title, datasets, fields: typeof fields === 'string' ? [fields] : fields, chart, limit, ...extra };
    },
    overTime(id: string, title: string, series: readonly Series[] = [EVENTS], extra: Extra<TimeseriesPanel> = {}): TimeseriesPanel {
      return { kind: 'timeseries', id, title, datasets, series, width: 2, ...extra };
    },
    split(id: string, title: string, field: string, limit = 5, extra: Extra<SplitTimeseriesPanel> = {}): SplitTimeseriesPanel {
      return { kind: 'split-timeseries', id, title, datasets, field, limit, width: 2, ...extra };
    },
    percentiles(id: string, title: string, field: string, extra: Extra<PercentilesPanel> = {}): PercentilesPanel {
      return { kind: 'percentiles', id, title, datasets, field, percentiles: [75, 95, 99], unit: 'ms', ...extra };
    },
    map(id: string, title: string, fields: readonly string[] = [COUNTRY_ISO], extra: Extra<MapPanel> = {}): MapPanel {
      return { kind: 'map', id, title, datasets, fields, width: 2, ...extra };
    },
    metric(id: string, title: string, values: MetricPanel['values'], extra: Extra<MetricPanel> = {}): MetricPanel {
      return { kind: 'metric', id, title, datasets, values, ...extra };
    },
    buckets(id: string, title: string, buckets: BucketsPanel['buckets'], chart: BucketsPanel['chart'] = 'donut', extra: Extra<BucketsPanel> = {}): BucketsPanel {
      return { kind: 'buckets', id, title, datasets, buckets, chart, ...extra };
    },
    recent(id: string, title: string, columns: readonly string[], extra: Extra<RecentPanel> = {}): RecentPanel {
      return { kind: 'recent', id, title, datasets, columns, limit: 10, width: 3, ...extra };
    },
  };
}

/** Total / success / failure over time, the reference's three-series area charts. */
export function outcomeSeries(field: string, ok: string | number, failed: string | number, labels: [string, string, string]): Series[] {
  return [{ label: labels[0] }, { label: labels[1], where: [eq(field, ok)] }, { label: labels[2], where: [eq(field, failed)] }];
}

export type { Panel };
