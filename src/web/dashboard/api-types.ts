/**
 * The JSON shapes of the dashboard endpoints, shared by the server and the browser bundle (types only,
 * so the bundle takes no server code).
 */
import type { Panel, Page, Unit } from './catalogue/types.js';

export type { Panel, Page, Unit };

/** A value as it comes out of the store: text, number, boolean or null. */
export type Scalar = string | number | boolean | null;

export interface TimeseriesData {
  readonly type: 'timeseries';
  readonly bucketMs: number;
  /** Start of every bucket in the range (epoch ms); empty buckets are zeros (or null for percentiles). */
  readonly buckets: readonly number[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

export interface TermsData {
  readonly type: 'terms';
  readonly fields: readonly string[];
  readonly rows: readonly { readonly keys: readonly Scalar[]; readonly value: number }[];
  /** Sum over all groups (before the top-N cut), when the measure is additive. */
  readonly total: number | null;
}

export interface MetricData {
  readonly type: 'metric';
  readonly values: readonly { readonly label: string; readonly value: number | null; readonly unit?: Unit }[];
}

export interface BucketsData {
  readonly type: 'buckets';
  /** `filter` is set when the bucket is a single field = value (then clicking it can filter the page). */
  readonly rows: readonly { readonly label: string; readonly value: number; readonly filter?: { field: string; value: Scalar } }[];
}

export interface MapData {
  readonly type: 'map';
  readonly rows: readonly { readonly field: string; readonly key: string; readonly value: number }[];
}

export interface RecentData {
  readonly type: 'recent';
  readonly columns: readonly string[];
  readonly rows: readonly { readonly dataset: string; readonly batch: string; readonly line: number; readonly time: string | null; readonly values: readonly unknown[] }[];
}

export type PanelData = TimeseriesData | TermsData | MetricData | BucketsData | MapData | RecentData;

export interface PanelResult {
  readonly id: string;
  readonly data?: PanelData;
  readonly error?: string;
  readonly ms: number;
}

export interface PanelsResponse {
  readonly page: string;
  readonly from: number;
  readonly to: number;
  readonly panels: readonly PanelResult[];
}

export interface DashboardInfo {
  readonly pages: readonly Page[];
  /** Filterable fields of each dataset, for the search page. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Default result columns of each dataset on the search page. */
  readonly searchColumns: Readonly<Record<string, readonly string[]>>;
  /** Which page shows each dataset. */
  readonly datasetPages: Readonly<Record<string, string>>;
  readonly empty: boolean;
  readonly demoAvailable: boolean;
  readonly loginRequired: boolean;
}

export interface SearchResponse {
  readonly dataset: string;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly batch: string; readonly line: number; readonly time: string | null; readonly values: readonly unknown[] }[];
}

export interface IngestStatus {
  readonly now: string;
  readonly windowSecs: number;
  readonly datasets: readonly {
    readonly dataset: string;
    readonly storedEvents: number;
    readonly batches: number;
    readonly recentEvents: number;
    readonly eventsPerSec: number;
    readonly lastBatchAt: string | null;
    readonly deadLetters: number;
    readonly errors: number;
  }[];
  readonly inputs: readonly { readonly input: string; readonly source: string; readonly batches: number; readonly events: number; readonly recentEvents: number; readonly eventsPerSec: number; readonly lastBatchAt: string | null; readonly deadLetters: number }[];
  readonly rejections: readonly { readonly dataset: string; readonly code: string; readonly count: number }[];
}

export interface DeadLettersResponse {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly { readonly receivedAt: string; readonly dataset: string | null; readonly source: string; readonly batchId: string | null; readonly line: number; readonly reason: string; readonly raw: string }[];
}
