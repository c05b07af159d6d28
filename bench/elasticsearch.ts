import pino from 'pino';
import { outputSchema, type ClusterOutputConfig } from '../src/config/outputs.js';
import { requireMappedDataset } from '../src/datasets/index.js';
import { createUserAgentParser } from '../src/ecs/user-agent.js';
import { generateLines, generatorFor } from '../src/generate/index.js';
import { createMetrics } from '../src/metrics.js';
import { ElasticsearchOutput } from '../src/outputs/elasticsearch/index.js';
import { Pipeline } from '../src/pipeline.js';
import { EsTestServer } from '../test/support/es-server.js';

/**
 * End to end into Elasticsearch: generated http_request records go through the pipeline (decode + map)
 * and the Elasticsearch output (encode, gzip, `_bulk` through the official client) into the loopback
 * test server, which parses every bulk and answers per item. A batch counts once the output has
 * acknowledged every document. The server runs in this process and shares its core, so the figure is a
 * floor for the collector's side, not a measure of any cluster.
 */
export interface ElasticsearchBenchResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Uncompressed `_bulk` body bytes per second (action and source lines). */
  readonly bulkBytesPerSecond: number;
  readonly requests: number;
}

export interface ElasticsearchBenchOptions {
  /** Records to send (default 100,000). */
  readonly count?: number;
  /** Records per batch, like one Logpush push (default 5,000). */
  readonly batchLines?: number;
  /** Batches in flight at once, like `store.max_queued_batches` (default 4). */
  readonly inFlight?: number;
  /** Output settings over the defaults (e.g. `{ compression: false }`). */
  readonly output?: Record<string, unknown>;
}

export async function measureElasticsearch(options: ElasticsearchBenchOptions = {}): Promise<ElasticsearchBenchResult> {
  const count = options.count ?? 100_000;
  const batchLines = options.batchLines ?? 5_000;
  const lines = generateLines(generatorFor('http_request'), { count, seed: 42 });
  const server = await EsTestServer.start({ idsOnly: true });
  const config = outputSchema.parse({ type: 'elasticsearch', hosts: [server.url], ...options.output }) as ClusterOutputConfig;
  const output = new ElasticsearchOutput({ config, deadLetters: { writeDeadLetters: async () => {} }, logger: pino({ level: 'warn' }) });
  const ctx = { tags: ['forwarded'], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
  const inFlight = options.inFlight ?? 4;
  const pipeline = new Pipeline({ output, contextFor: () => ctx, metrics: createMetrics(), maxQueuedBatches: inFlight, maxLineBytes: 1 << 22 });
  const dataset = requireMappedDataset('http_request');
  try {
    const started = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < lines.length) {
        const start = next;
        next += batchLines;
        await pipeline.process({ dataset, id: `bench:${start}`, source: 'bench', receivedAt: new Date(), lines: lines.slice(start, start + batchLines) });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, sender));
    const seconds = (performance.now() - started) / 1000;
    const indexed = server.count;
    if (indexed !== count) throw new Error(`the server holds ${indexed} documents for ${count} sent`);
    return {
      events: count,
      seconds,
      eventsPerSecond: count / seconds,
      bulkBytesPerSecond: output.stats.requestBytes / seconds,
      requests: output.stats.requests,
    };
  } finally {
    await output.close();
    await server.close();
  }
}
