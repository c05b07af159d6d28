import pino from 'pino';
import { outputSchema, type ClusterOutputConfig } from '../../src/config/outputs.js';
import { requireMappedDataset, type MapContext } from '../../src/datasets/index.js';
import type { DeadLetterSink } from '../../src/outputs/elasticsearch/delivery.js';
import { ElasticsearchOutput } from '../../src/outputs/elasticsearch/index.js';
import type { DeadLetter, OutputBatch } from '../../src/outputs/output.js';
import { mapBatch } from '../../src/pipeline.js';
import type { EsTestServer } from './es-server.js';
import { referenceContext } from './map-context.js';

/** Helpers for tests of the Elasticsearch output against the loopback server. */
export const silentLogger = pino({ level: 'silent' });
export const RECEIVED_AT = new Date('2026-03-01T12:00:00Z');

/** A cluster output's configuration with fast retries, pointed at the test server. */
export function clusterConfig(server: EsTestServer, overrides: Record<string, unknown> = {}): ClusterOutputConfig {
  const parsed = outputSchema.parse({
    type: server.flavor,
    hosts: [server.url],
    backoff_initial_ms: 5,
    backoff_max_ms: 40,
    flush_interval_ms: 0,
    ...overrides,
  });
  if (parsed.type !== 'elasticsearch' && parsed.type !== 'opensearch') throw new Error('not a cluster output');
  return parsed;
}

/** Dead letters kept in memory. */
export class MemoryDeadLetters implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    this.letters.push(...letters);
  }
}

export function startOutput(server: EsTestServer, overrides: Record<string, unknown> = {}) {
  const deadLetters = new MemoryDeadLetters();
  const output = new ElasticsearchOutput({ config: clusterConfig(server, overrides), deadLetters, logger: silentLogger });
  return { output, deadLetters };
}

/** Maps lines exactly as the pipeline does and makes the batch the output receives. */
export function batchOf(dataset: string, lines: readonly string[], options: { id?: string; ctx?: MapContext } = {}): OutputBatch {
  const mapped = requireMappedDataset(dataset);
  const batch = { dataset: mapped, id: options.id ?? `${dataset}:test`, source: 'test', receivedAt: RECEIVED_AT, lines };
  return { dataset: mapped.name, id: batch.id, source: batch.source, receivedAt: RECEIVED_AT, ...mapBatch(batch, options.ctx ?? referenceContext(), 1 << 22) };
}

/** Whether a promise has settled after the event loop had `ms` to move. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(() => (settled = true), () => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}
