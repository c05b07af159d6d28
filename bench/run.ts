/**
 * `npm run bench`: throughput on this machine, printed as a table and, as the last line, one JSON object.
 * (a) floor: gunzip + split + JSON.parse, one core; (b) transform: decode + map + NDJSON, one core;
 * (c) end to end: HTTP POSTs from concurrent senders into `logpush serve` until every batch is committed.
 * Then (b) against (a) for every dataset's own records, each in a process of its own; the Elasticsearch
 * output into the test server; and every dashboard panel over 10 million http_request rows.
 * Targets: (b) ≥ 40 % of (a), (c) ≥ 25 % of (a), peak RSS < 500 MB, every dataset's transform ≥ 30 % of
 * its floor, every panel < 300 ms median.
 * BENCH_SKIP=es,dashboard leaves parts out (the dashboard part loads 10 M rows: a few minutes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mappedDatasets, requireMappedDataset } from '../src/datasets/index.js';
import { createUserAgentParser } from '../src/ecs/user-agent.js';
import { generateLines, generatorFor, gzipBatches } from '../src/generate/index.js';
import { benchDashboard } from './dashboard.js';
import { measureElasticsearch } from './elasticsearch.js';
import { measureEndToEnd } from './end-to-end.js';
import { measurePairs } from './transform.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const COUNT = Number(process.env.BENCH_RECORDS ?? 200_000);
const PER_DATASET = Number(process.env.BENCH_DATASET_RECORDS ?? 20_000);
/**
 * Floor/transform pairs for (b). With three, the median followed the machine's slow and fast phases (five
 * runs of the same code: 30–43 %, while the per-dataset step, seven shorter rounds, gave http_request
 * 34–37 %); five pairs cost about 20 s more.
 */
const HEADLINE_PAIRS = 5;
const DASHBOARD_ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 10_000_000);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const log = (text: string) => process.stderr.write(`${text}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

/**
 * The http_request batches, made in a function of their own so that the ~450 MB of uncompressed lines can
 * be collected before anything is measured (see `collectGarbage`).
 */
function httpRequestBatches(): { batches: Buffer[]; avgBytes: number; eventsPerBatch: number[] } {
  const lines = generateLines(generatorFor('http_request'), { count: COUNT, seed: 42 });
  const avgBytes = lines.reduce((n, l) => n + l.length, 0) / lines.length;
  const batches = gzipBatches(lines, 1 << 20);
  const per = Math.ceil(lines.length / batches.length);
  const eventsPerBatch = batches.map((_, i) => Math.min(per, lines.length - i * per));
  return { batches, avgBytes, eventsPerBatch };
}

/**
 * A full collection before each measurement (`npm run bench` passes --expose-gc): V8 leaves garbage in the
 * old generation until it reaches its limit, and a heap still holding the previous part's hundreds of MB
 * made the next part's scavenges about three times slower here (2 ms instead of 0.6 ms, measured with
 * 500 MB of dead documents left over), and the transform allocates far more than the floor.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main() {
  const ctx = { tags: ['forwarded'], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
  log(`generating ${fmt(COUNT)} http_request records in ~1 MB gzip batches…`);
  const { batches, avgBytes, eventsPerBatch } = httpRequestBatches();
  log(`${batches.length} batches, ${Math.round(avgBytes)} bytes per record`);

  log(`(a) floor and (b) transform, ${HEADLINE_PAIRS} pairs of passes…`);
  collectGarbage();
  const { floor, transform, ratio: transformRatio } = measurePairs(batches, requireMappedDataset('http_request'), ctx, HEADLINE_PAIRS);
  log('(c) end to end through logpush serve…');
  collectGarbage();
  const dataDir = mkdtempSync(join(tmpdir(), 'logpush-bench-'));
  let e2e;
  try {
    e2e = await measureEndToEnd({ bin: join(ROOT, 'bin', 'logpush.js'), dataDir, batches, eventsPerBatch, senders: 2 });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  log(`per-dataset transform (${fmt(PER_DATASET)} records each)…`);
  const perDataset = mappedDatasets().map((dataset) => {
    // Each dataset in a fresh process (see bench/dataset-transform.ts).
    const figures = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'dataset-transform.ts'), dataset.name, String(PER_DATASET)], { cwd: ROOT, encoding: 'utf8' });
    const { floor: datasetFloor, transform: datasetTransform, output, ratio } = JSON.parse(figures) as { floor: number; transform: number; output: number; ratio: number };
    log(`  ${dataset.name}: ${pct(ratio)} of its floor`);
    // Rates → seconds per event: the ceiling is the floor's share of (floor + output).
    const ceiling = (1 / datasetFloor) / (1 / datasetFloor + 1 / output);
    return { dataset: dataset.name, floor: datasetFloor, transform: datasetTransform, ratio, ceiling };
  });

  let es;
  if (!SKIP.has('es')) {
    log('Elasticsearch output into the test server…');
    collectGarbage();
    es = await measureElasticsearch({ count: Math.min(COUNT, 100_000) });
  }
  let dashboard;
  if (!SKIP.has('dashboard')) {
    log(`dashboard panels over ${fmt(DASHBOARD_ROWS)} http_request rows (loading takes a few minutes)…`);
    collectGarbage();
    dashboard = await benchDashboard({ httpRows: DASHBOARD_ROWS, firewallRows: Math.round(DASHBOARD_ROWS / 5), log });
  }

  const rows = [
    ['(a) floor: gunzip + JSON.parse, 1 core', fmt(floor), '', ''],
    ['(b) transform: decode + map + NDJSON, 1 core', fmt(transform), pct(transformRatio), '≥ 40 %'],
    [`(c) end to end: 2 senders → serve → DuckDB`, fmt(e2e.eventsPerSecond), pct(e2e.eventsPerSecond / floor), '≥ 25 %'],
    ['    server peak RSS', `${e2e.peakRssMb.toFixed(0)} MB`, '', '< 500 MB'],
    ['    503 answers (back-pressure) during (c)', String(e2e.retries), '', ''],
  ];
  if (es) {
    rows.push(['(d) Elasticsearch output → test server', fmt(es.eventsPerSecond), '', '']);
    rows.push(['    bulk body bytes/s', `${(es.bulkBytesPerSecond / 1e6).toFixed(1)} MB/s`, '', '']);
  }
  process.stdout.write(`\nhttp_request, ${fmt(COUNT)} records (${Math.round(avgBytes)} B each)\n`);
  process.stdout.write(table(['figure', 'events/s', 'of floor', 'target'], rows));
  process.stdout.write(`\ntransform per dataset (1 core, ${fmt(PER_DATASET)} records each; target ≥ 30 % of floor; "of floor" is the median of 7 paired rounds)\n`);
  process.stdout.write('(ceiling: what the transform would reach if mapping cost nothing, writing the output being the rest)\n');
  process.stdout.write(table(['dataset', 'floor/s', 'transform/s', 'of floor', 'ceiling'], perDataset.map((r) => [r.dataset, fmt(r.floor), fmt(r.transform), pct(r.ratio), pct(r.ceiling)])));
  if (dashboard) {
    const s = dashboard.slowest;
    process.stdout.write(`\ndashboard: ${fmt(dashboard.httpRows)} http_request + ${fmt(dashboard.firewallRows)} firewall_event rows; ${dashboard.timings.length} panel timings\n`);
    process.stdout.write(`slowest panel: ${s.page}/${s.panel} (${s.range}) ${s.medianMs} ms median (target < 300 ms: ${dashboard.withinTarget ? 'met' : 'missed'})\n`);
  }
  const summary = {
    floor_events_per_s: Math.round(floor),
    transform_events_per_s: Math.round(transform),
    transform_ratio_to_floor: Number(transformRatio.toFixed(2)),
    e2e_events_per_s: Math.round(e2e.eventsPerSecond),
    peak_rss_mb: Math.round(e2e.peakRssMb),
    ...(es ? { es_events_per_s: Math.round(es.eventsPerSecond), es_bulk_bytes_per_s: Math.round(es.bulkBytesPerSecond) } : {}),
    ...(dashboard ? { dashboard_slowest_panel: `${dashboard.slowest.page}/${dashboard.slowest.panel}`, dashboard_slowest_median_ms: dashboard.slowest.medianMs } : {}),
    per_dataset: Object.fromEntries(perDataset.map((r) => [r.dataset, { transform_events_per_s: Math.round(r.transform), ratio_to_floor: Number(r.ratio.toFixed(2)), ceiling: Number(r.ceiling.toFixed(2)) }])),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

await main();
