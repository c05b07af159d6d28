import { generateLines, generatorFor } from '../../src/generate/index.js';
import type { DatasetName } from '../../src/datasets/index.js';
import type { InputStatus } from '../../src/inputs/input-status.js';
import type { TestCollector } from './collector.js';

/** Helpers shared by the object-storage input tests. */

/** `count` realistic NDJSON records of a dataset, joined with newlines (stable for a given seed). */
export function records(dataset: DatasetName, count: number, seed = 1): string {
  return `${generateLines(generatorFor(dataset), { count, seed, endMs: Date.UTC(2026, 0, 1) }).join('\n')}\n`;
}

/** A key as Cloudflare names its objects: `<prefix><YYYYMMDD>/<start>_<end>_<hash>.log.gz`. */
export function cloudflareKey(prefix: string, day: string, minute: number, hash: string, suffix = '.log.gz'): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
  return `${prefix}${day}/${day}T${hhmm(minute)}00Z_${day}T${hhmm(minute + 1)}00Z_${hash}${suffix}`;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${(last as Error).message}`}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function count(collector: TestCollector, sql: string): Promise<number> {
  return Number((await collector.sql(sql))[0]!.n);
}

export async function inputStatus(collector: TestCollector): Promise<InputStatus[]> {
  return (await fetch(`${collector.apiUrl}/api/inputs`)).json() as Promise<InputStatus[]>;
}

/** The value of a Prometheus sample (0 when absent), e.g. metric('logpush_input_objects_read_total', {input: 's3'}). */
export async function metric(collector: TestCollector, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${collector.apiUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
