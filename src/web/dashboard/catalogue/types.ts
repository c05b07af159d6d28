import type { DatasetName } from '../../../datasets/index.js';

/**
 * The dashboard catalogue is data: each page is a list of panels, and each panel says what it measures in
 * terms of dataset fields (dotted ECS names, i.e. column names). `panel-sql.ts` turns one panel into one
 * DuckDB query bounded by the page's time range; the browser only ever sends a page id, a time range and
 * field = value filters, never SQL.
 *
 * `_dataset` is a pseudo-field: the name of the table a row comes from (for "events per dataset" and for
 * conditions that pick one dataset of a multi-dataset panel).
 */
export const DATASET_FIELD = '_dataset';

/** What is measured per group: the number of events, or an aggregate of a numeric field. */
export type Measure =
  | { readonly op: 'count' }
  | { readonly op: 'sum' | 'max' | 'avg' | 'distinct'; readonly field: string };

/** A fixed condition of a panel or series (never from user input). On an array field, `equals` means "contains". */
export type Condition =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly in: readonly (string | number)[] }
  | { readonly field: string; readonly gte: number };

/** How numbers are shown. */
export type Unit = 'count' | 'bytes' | 'ms';

export interface Series {
  readonly label: string;
  readonly measure?: Measure;
  readonly where?: readonly Condition[];
}

interface PanelBase {
  /** Unique within its page; used in URLs and test ids. */
  readonly id: string;
  readonly title: string;
  /** The question the panel answers, shown under its title. */
  readonly description?: string;
  /** Tables the panel reads; multi-dataset panels read the union (a missing column reads as NULL). */
  readonly datasets: readonly DatasetName[];
  /** Extra conditions of the panel itself (Kibana's per-visualisation filter). */
  readonly where?: readonly Condition[];
  readonly unit?: Unit;
  /** Grid columns taken (of 3): 1 by default. */
  readonly width?: 1 | 2 | 3;
}

/** One or more single numbers (Kibana's metric). */
export interface MetricPanel extends PanelBase {
  readonly kind: 'metric';
  readonly values: readonly (Series & { readonly unit?: Unit })[];
}

/** Counts or sums per time bucket; one line per series (e.g. total / allowed / denied). */
export interface TimeseriesPanel extends PanelBase {
  readonly kind: 'timeseries';
  readonly series: readonly Series[];
}

/** Counts per time bucket, one stacked series per value of `field` (top `limit`, the rest as "Other"). */
export interface SplitTimeseriesPanel extends PanelBase {
  readonly kind: 'split-timeseries';
  readonly field: string;
  readonly limit: number;
}

/** Percentiles of a numeric field per time bucket (latency health). */
export interface PercentilesPanel extends PanelBase {
  readonly kind: 'percentiles';
  readonly field: string;
  readonly percentiles: readonly number[];
}

/**
 * Top-N groups of one field (or of a combination of fields, for the reference's nested tables), ordered
 * by the measure. Rows missing any of the fields are not counted, as in a Kibana terms aggregation; array
 * fields count once per element.
 */
export interface TermsPanel extends PanelBase {
  readonly kind: 'terms';
  readonly fields: readonly string[];
  readonly limit: number;
  readonly chart: 'bar' | 'donut' | 'table';
  readonly measure?: Measure;
  /** Column titles of the table (default: the field names). */
  readonly labels?: readonly string[];
}

/** Named buckets, each a condition (Kibana's filters/range aggregations): e.g. TCP vs UDP, severity bands. */
export interface BucketsPanel extends PanelBase {
  readonly kind: 'buckets';
  readonly buckets: readonly { readonly label: string; readonly where: readonly Condition[] }[];
  readonly chart: 'bar' | 'donut';
}

/**
 * Events per country on a world map. `fields` are ISO 3166 alpha-2 fields tried in order (the first that
 * is set counts), so datasets with `source.geo` and those with `client.geo` share one map.
 */
export interface MapPanel extends PanelBase {
  readonly kind: 'map';
  readonly fields: readonly string[];
}

/** The latest events with a few columns (the reference's saved searches); rows open the full document. */
export interface RecentPanel extends PanelBase {
  readonly kind: 'recent';
  readonly columns: readonly string[];
  readonly limit: number;
}

export type Panel =
  | MetricPanel | TimeseriesPanel | SplitTimeseriesPanel | PercentilesPanel | TermsPanel | BucketsPanel | MapPanel | RecentPanel;

export interface Page {
  readonly id: string;
  readonly title: string;
  /** Navigation group ("Zero Trust", "Network"…); pages without one stand alone. */
  readonly group?: string;
  readonly description: string;
  readonly panels: readonly Panel[];
}
