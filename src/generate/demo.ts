import type { Config } from '../config/schema.js';
import { mappedDatasets, type DatasetName } from '../datasets/index.js';
import { generateLines, generatorFor, gzipBatches } from './index.js';

/**
 * Demo data for a newcomer's first look: realistic records of every dataset with recent timestamps,
 * POSTed through the real Logpush HTTP endpoint (gzip NDJSON, one path per dataset, the secret header
 * when one is configured), exactly as Cloudflare would send them. Used by `logpush demo` and the
 * dashboard's "Load demo data" button.
 */
export interface DemoOptions {
  /** Base URL of the ingest listener, e.g. http://127.0.0.1:9560. */
  readonly ingestUrl: string;
  /** Extra request headers: the shared-secret header when the endpoint requires one. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Events are spread over [now − spanMs, now]. */
  readonly now?: number;
  readonly spanMs?: number;
  /** Multiplies the default number of events per dataset (1 ≈ 25,000 events in all). */
  readonly scale?: number;
  readonly datasets?: readonly DatasetName[];
  readonly onProgress?: (dataset: DatasetName, events: number) => void;
}

export interface DemoResult {
  readonly events: number;
  readonly datasets: readonly { readonly dataset: DatasetName; readonly events: number; readonly batches: number }[];
}

/** Events per dataset at scale 1: busy datasets get more, as in a real zone. */
const BASE_COUNT: Partial<Record<DatasetName, number>> = { http_request: 6000, firewall_event: 2000, gateway_dns: 2000, network_analytics: 1500 };
const DEFAULT_COUNT = 800;
const BATCH_BYTES = 256 * 1024;
const RETRIES = 20;

/** POSTs one gzip body; a 503/429 (queue full) is retried after the server's Retry-After, capped at 2 s. */
async function post(url: string, body: Buffer, headers: Readonly<Record<string, string>>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { method: 'POST', body: new Uint8Array(body), headers: { 'content-encoding': 'gzip', 'content-type': 'application/x-ndjson', ...headers } });
    const text = await response.text();
    if (response.ok) return;
    if ((response.status === 503 || response.status === 429) && attempt < RETRIES) {
      const wait = Math.min(2000, Number(response.headers.get('retry-after') ?? 1) * 1000);
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    throw new Error(`the ingest endpoint answered ${response.status} for ${url}: ${text.slice(0, 300)}`);
  }
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const now = options.now ?? Date.now();
  const spanMs = options.spanMs ?? 24 * 3_600_000;
  const scale = options.scale ?? 1;
  const wanted = new Set(options.datasets ?? mappedDatasets().map((d) => d.name));
  const results: { dataset: DatasetName; events: number; batches: number }[] = [];
  for (const [index, dataset] of mappedDatasets().filter((d) => wanted.has(d.name)).entries()) {
    const count = Math.max(1, Math.round((BASE_COUNT[dataset.name] ?? DEFAULT_COUNT) * scale));
    // A new seed per run: a second demo adds new events instead of being skipped as a resent batch.
    const lines = generateLines(generatorFor(dataset.name), { count, seed: (now % 1_000_000_007) + index, endMs: now, spanMs });
    const batches = gzipBatches(lines, BATCH_BYTES);
    for (const body of batches) await post(`${options.ingestUrl.replace(/\/$/, '')}/${dataset.cloudflareId}`, body, options.headers ?? {});
    options.onProgress?.(dataset.name, count);
    results.push({ dataset: dataset.name, events: count, batches: batches.length });
  }
  return { events: results.reduce((sum, r) => sum + r.events, 0), datasets: results };
}

/** The header that carries the shared secret, when the ingest endpoint requires one (first accepted value). */
export function secretHeaders(http: Pick<Config['http'], 'secret_header' | 'secret_value' | 'secret_values'>): Record<string, string> {
  const value = http.secret_value ?? http.secret_values[0];
  return http.secret_header === undefined || value === undefined ? {} : { [http.secret_header]: value };
}
