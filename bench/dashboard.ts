/**
 * Dashboard speed: every panel of the HTTP traffic and security pages over a DuckDB store holding 10
 * million http_request rows (and, for the security page, firewall events), median of several runs per
 * panel, for the whole data span (every row in range: the worst case) and for the last hour.
 *
 * Loading 10 M rows through the mapping would take far longer than the queries we want to time, so the
 * store is filled in two steps: 20,000 realistic records per dataset go through the real path (generator
 * → mapping → DuckDbStore.write), then SQL repeats them, spreading their times evenly over 24 hours in
 * arrival order and varying the client IP (≈ 500,000 distinct) so that top-N panels meet a realistic
 * cardinality. The new client IPs get their dictionary keys when the store opens again (as rows of an
 * older version would). Expect a few minutes on two cores; progress goes to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { mapLineFlat, requireMappedDataset, type DatasetName } from '../src/datasets/index.js';
import { createUserAgentParser } from '../src/ecs/user-agent.js';
import { generateLines, generatorFor } from '../src/generate/index.js';
import { DATABASE_FILE, DuckDbStore } from '../src/outputs/duckdb/store.js';
import { findPage } from '../src/web/dashboard/catalogue/index.js';
import { runPanel } from '../src/web/dashboard/query/panel-data.js';

export interface DashboardBenchOptions {
  /** http_request rows (default 10,000,000). */
  readonly httpRows?: number;
  /** firewall_event rows (default 2,000,000: a fifth of the requests, a busy attacked zone). */
  readonly firewallRows?: number;
  /** Timed runs per panel (after one warm-up run). */
  readonly runs?: number;
  readonly log?: (line: string) => void;
}

export interface PanelTiming {
  readonly page: string;
  readonly panel: string;
  readonly range: string;
  readonly medianMs: number;
  readonly maxMs: number;
}

export interface DashboardBenchResult {
  readonly httpRows: number;
  readonly firewallRows: number;
  readonly loadSecs: number;
  readonly timings: readonly PanelTiming[];
  readonly slowest: PanelTiming;
  /** Whether every panel's median is under the issue's 300 ms target. */
  readonly withinTarget: boolean;
}

const SEED_RECORDS = 20_000;
const CHUNK_ROWS = 1_000_000;
const DAY_MS = 86_400_000;
const TARGET_MS = 300;

async function seed(store: DuckDbStore, dataset: DatasetName, endMs: number): Promise<void> {
  const mapping = requireMappedDataset(dataset);
  const ctx = { tags: ['forwarded'], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
  const lines = generateLines(generatorFor(dataset), { count: SEED_RECORDS, seed: 11, endMs, spanMs: DAY_MS });
  const documents = lines.map((line) => mapLineFlat(mapping, line, ctx));
  await store.write({ id: `bench-${dataset}`, dataset, source: 'bench', receivedAt: new Date(endMs), documents, deadLetters: [] });
}

/** Repeats the seeded rows of a table up to `rows`, in time order, with varied client IPs. */
async function replicate(dbPath: string, dataset: DatasetName, rows: number, endMs: number, log: (line: string) => void): Promise<void> {
  const instance = await DuckDBInstance.create(dbPath);
  const db = await instance.connect();
  try {
    await db.run(`CREATE TEMP TABLE seed AS SELECT row_number() OVER () - 1 AS _k, * FROM ${dataset}`);
    await db.run(`DELETE FROM ${dataset}`);
    const startMs = endMs - DAY_MS;
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      const to = Math.min(rows, from + CHUNK_ROWS);
      // i → time start + i·(24 h / rows); client IP: the seed's for a quarter, else one of 500,000.
      await db.run(`INSERT INTO ${dataset}
        SELECT s.* EXCLUDE (_k) REPLACE (
          'bench' AS _batch_id, i::INTEGER AS _line,
          make_timestamp((${startMs}::BIGINT * 1000 + (i * ${(DAY_MS * 1000) / rows})::BIGINT)) AS "@timestamp",
          CASE WHEN i % 4 = 0 THEN s."source.ip" ELSE concat('198.', (hash(i) % 500000) // 65536, '.', ((hash(i) % 500000) // 256) % 256, '.', hash(i) % 256) END AS "source.ip",
          NULL::UINTEGER AS "_key.source.ip")
        FROM range(${from}, ${to}) r(i) JOIN seed s ON s._k = i % ${SEED_RECORDS}
        ORDER BY i`);
      log(`  ${dataset}: ${(to / 1e6).toFixed(1)} M of ${(rows / 1e6).toFixed(1)} M rows`);
    }
    await db.run('CHECKPOINT');
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function benchDashboard(options: DashboardBenchOptions = {}): Promise<DashboardBenchResult> {
  const httpRows = options.httpRows ?? 10_000_000;
  const firewallRows = options.firewallRows ?? 2_000_000;
  const runs = options.runs ?? 5;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'logpush-bench-dashboard-'));
  const datasets = [requireMappedDataset('http_request'), requireMappedDataset('firewall_event')];
  const endMs = Date.now();
  try {
    const started = performance.now();
    log(`dashboard bench: seeding ${SEED_RECORDS} mapped records per dataset…`);
    let store = await DuckDbStore.open(dir, datasets);
    await seed(store, 'http_request', endMs);
    await seed(store, 'firewall_event', endMs);
    await store.close();
    log(`loading ${httpRows.toLocaleString('en-US')} http_request and ${firewallRows.toLocaleString('en-US')} firewall_event rows…`);
    await replicate(join(dir, DATABASE_FILE), 'http_request', httpRows, endMs, log);
    await replicate(join(dir, DATABASE_FILE), 'firewall_event', firewallRows, endMs, log);
    log('keying the new client IPs…');
    store = await DuckDbStore.open(dir, datasets);
    const loadSecs = (performance.now() - started) / 1000;
    log(`loaded in ${loadSecs.toFixed(0)} s; timing panels (${runs} runs each after a warm-up)…`);
    const timings: PanelTiming[] = [];
    try {
      const ranges = [{ name: '24h (all rows)', fromMs: endMs - DAY_MS, toMs: endMs + 1 }, { name: 'last 1h', fromMs: endMs - 3_600_000, toMs: endMs + 1 }];
      for (const pageId of ['http', 'security']) {
        for (const panel of findPage(pageId)!.panels) {
          for (const range of ranges) {
            const scope = { range: { fromMs: range.fromMs, toMs: range.toMs }, filters: [] };
            const times: number[] = [];
            for (let run = 0; run <= runs; run++) {
              const result = await runPanel(store, panel, scope);
              if (result.error !== undefined) throw new Error(`${pageId}/${panel.id}: ${result.error}`);
              if (run > 0) times.push(result.ms);
            }
            timings.push({ page: pageId, panel: panel.id, range: range.name, medianMs: median(times), maxMs: Math.max(...times) });
          }
        }
      }
    } finally {
      await store.close();
    }
    const slowest = timings.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    for (const t of [...timings].sort((a, b) => b.medianMs - a.medianMs)) {
      log(`${`${t.page}/${t.panel}`.padEnd(34)} ${t.range.padEnd(15)} median ${String(t.medianMs).padStart(7)} ms   max ${t.maxMs} ms`);
    }
    log(`slowest: ${slowest.page}/${slowest.panel} (${slowest.range}) ${slowest.medianMs} ms median; target < ${TARGET_MS} ms`);
    return { httpRows, firewallRows, loadSecs, timings, slowest, withinTarget: timings.every((t) => t.medianMs < TARGET_MS) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/dashboard.ts [rows]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const result = await benchDashboard({ httpRows: rows });
  process.stdout.write(`${JSON.stringify({ slowest: result.slowest, withinTarget: result.withinTarget, loadSecs: Math.round(result.loadSecs) })}\n`);
}
