import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { startCollector, type Collector } from '../../src/collector.js';
import { loadConfig } from '../../src/config/load.js';

/** A temporary directory, removed by the returned function. */
export function tempDir(prefix = 'logpush-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestCollector extends Collector {
  readonly dataDir: string;
  /** POSTs a body to the ingest listener. */
  post(path: string, body: string | Buffer, options?: { gzip?: boolean; headers?: Record<string, string> }): Promise<Response>;
  /** Runs SQL through the API. */
  sql(sql: string): Promise<Record<string, unknown>[]>;
  /** Stops the collector and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts a real collector on loopback (ports chosen by the OS) with a DuckDB file in a temp directory.
 * `config` is merged over the defaults like a configuration file.
 */
export async function startTestCollector(options: { config?: Record<string, unknown>; dataDir?: string } = {}): Promise<TestCollector> {
  const dir = options.dataDir === undefined ? tempDir() : { path: options.dataDir, remove: () => {} };
  const config = loadConfig({
    env: {},
    overrides: {
      data_dir: dir.path,
      'http.listen_port': 0,
      'api.listen_port': 0,
      // The reference fixtures are from 2022: keep them rather than let retention remove them.
      'store.retention_days': 100_000,
      ...options.config,
    },
  });
  const collector = await startCollector(config, pino({ level: 'silent' }));
  return {
    ...collector,
    stop: () => collector.stop(),
    dataDir: dir.path,
    post(path, body, { gzip = true, headers = {} } = {}) {
      const bytes = gzip ? gzipSync(body) : Buffer.from(body);
      return fetch(`${collector.ingestUrl}${path}`, {
        method: 'POST',
        body: bytes,
        headers: { ...(gzip ? { 'content-encoding': 'gzip' } : {}), ...headers },
      });
    },
    async sql(sql) {
      const response = await fetch(`${collector.apiUrl}/api/query`, { method: 'POST', body: JSON.stringify({ sql }) });
      const body = (await response.json()) as { rows: Record<string, unknown>[]; error?: string };
      if (!response.ok) throw new Error(body.error);
      return body.rows;
    },
    async dispose() {
      await collector.stop();
      dir.remove();
    },
  };
}
