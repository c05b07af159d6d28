import { DashboardRequestError } from './conditions.js';

/**
 * Every panel query is bounded by a time range [from, to). The browser resolves relative ranges
 * ("last 24 h") to absolute instants on each refresh, so the server only sees instants.
 */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

const MAX_SPAN_MS = 50 * 366 * 86_400_000;

/** Parses an instant given as epoch milliseconds or ISO 8601. */
function parseInstant(text: string | null, name: string): number {
  if (text === null || text.trim() === '') throw new DashboardRequestError(`missing ${name} (epoch ms or ISO 8601)`);
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new DashboardRequestError(`${name}="${text}" is not an instant (epoch ms or ISO 8601)`);
  return ms;
}

export function parseTimeRange(query: URLSearchParams): TimeRange {
  const fromMs = parseInstant(query.get('from'), 'from');
  const toMs = parseInstant(query.get('to'), 'to');
  if (toMs <= fromMs) throw new DashboardRequestError('the time range is empty: "to" must be after "from"');
  if (toMs - fromMs > MAX_SPAN_MS) throw new DashboardRequestError('the time range is longer than 50 years');
  return { fromMs, toMs };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bucket sizes people read easily; the smallest that gives at most MAX_BUCKETS buckets is used. */
const BUCKETS = [
  SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE,
  HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY,
];
const MAX_BUCKETS = 120;

/** The automatic interval of a time series over the range (as Kibana's auto interval). */
export function bucketSizeMs(range: TimeRange): number {
  const span = range.toMs - range.fromMs;
  return BUCKETS.find((size) => span / size <= MAX_BUCKETS) ?? BUCKETS[BUCKETS.length - 1]!;
}

/** The start of every bucket that overlaps the range (buckets are aligned to the Unix epoch, in UTC). */
export function bucketStarts(range: TimeRange, sizeMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(range.fromMs / sizeMs) * sizeMs; t < range.toMs; t += sizeMs) starts.push(t);
  return starts;
}
