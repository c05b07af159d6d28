import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config/schema.js';
import { mappedDatasets, type DatasetName, type MapContext } from './datasets/index.js';
import { openGeoIp } from './ecs/geoip.js';
import { createUserAgentParser } from './ecs/user-agent.js';
import { createIngestHandler } from './inputs/http.js';
import type { ObjectInput } from './inputs/input-status.js';
import { startObjectInputs } from './inputs/object-inputs.js';
import { createMetrics, type Metrics } from './metrics.js';
import { DuckDbStore } from './outputs/duckdb/store.js';
import { buildOutput } from './outputs/build.js';
import { Pipeline } from './pipeline.js';
import { createApiHandler } from './web/api.js';
import { secretHeaders } from './generate/demo.js';
import { findDataset } from './datasets/index.js';

/**
 * Builds and starts a collector from a validated configuration: store, pipeline, the Logpush HTTP
 * destination and the API listener. `stop()` stops the inputs first (no new batches, in-flight ones
 * finish), then closes the store; it is safe to call twice.
 */
export interface Collector {
  readonly store: DuckDbStore;
  readonly metrics: Metrics;
  readonly pipeline: Pipeline;
  /** `http(s)://host:port` of the ingest listener, once started. */
  readonly ingestUrl?: string;
  readonly apiUrl?: string;
  stop(): Promise<void>;
}

/** The mapping context of each dataset, from its configuration. */
export function mapContexts(config: Config): (dataset: DatasetName) => MapContext {
  const geoip = openGeoIp({ cityFile: config.geoip.city_file, asnFile: config.geoip.asn_file });
  const userAgent = createUserAgentParser();
  const contexts = new Map<DatasetName, MapContext>();
  return (name) => {
    let ctx = contexts.get(name);
    if (ctx === undefined) {
      const settings = config.datasets[name];
      ctx = {
        tags: settings.tags ?? findDataset(name)!.defaultTags,
        preserveOriginalEvent: settings.preserve_original_event,
        preserveDuplicateCustomFields: settings.preserve_duplicate_custom_fields,
        geoip,
        userAgent,
      };
      contexts.set(name, ctx);
    }
    return ctx;
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function listen(handler: Handler, address: string, port: number, ssl: Config['http']['ssl']): Promise<{ server: Server; url: string }> {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => void handler(req, res);
  const server = ssl === undefined
    ? createHttpServer(onRequest)
    : createHttpsServer({ cert: readFileSync(ssl.certificate), key: readFileSync(ssl.key) }, onRequest);
  // Large uploads take time; a stalled client is cut off by the header timeout.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({ server, url: `${ssl === undefined ? 'http' : 'https'}://${host}:${bound}` });
    });
  });
}

function close(server: Server | undefined): Promise<void> {
  if (server === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

export async function startCollector(config: Config, logger: Logger): Promise<Collector> {
  const datasets = mappedDatasets().filter((d) => config.datasets[d.name].enabled);
  const store = await DuckDbStore.open(config.data_dir, datasets, { memoryLimitMb: config.store.memory_limit_mb });
  const output = buildOutput(config.outputs, store, logger);
  const metrics = createMetrics();
  const pipeline = new Pipeline({
    // The configured outputs (DuckDB by default); the store keeps dead letters in every configuration.
    output,
    contextFor: mapContexts(config),
    metrics,
    maxQueuedBatches: config.store.max_queued_batches,
    maxLineBytes: config.http.max_line_bytes,
  });

  let ingest: { server: Server; url: string } | undefined;
  let api: { server: Server; url: string } | undefined;
  let objectInputs: ObjectInput[] = [];
  try {
    if (config.http.enabled) {
      const handler = createIngestHandler({ config: config.http, datasets: config.datasets, pipeline, output: store, metrics, logger });
      ingest = await listen(handler, config.http.listen_address, config.http.listen_port, config.http.ssl);
      logger.info({ url: ingest.url, datasets: datasets.map((d) => d.name) }, 'Logpush HTTP destination listening');
    }
    if (config.api.enabled) {
      const demo = ingest === undefined ? undefined : { ingestUrl: ingest.url, headers: secretHeaders(config.http) };
      const handler = createApiHandler({ store, metrics, logger, authToken: config.api.auth_token, demo, inputs: () => objectInputs });
      api = await listen(handler, config.api.listen_address, config.api.listen_port, config.api.ssl);
      logger.info({ url: api.url }, 'API listening');
    }
    // Object-storage inputs (S3, SQS, GCS) start once the store and the API are up.
    objectInputs = startObjectInputs(config, { pipeline, output: store, state: store.objects, metrics, logger, maxLineBytes: config.http.max_line_bytes });
  } catch (error) {
    await Promise.all(objectInputs.map((input) => input.stop()));
    await close(ingest?.server);
    await output.close();
    await store.close();
    throw error;
  }

  const retention = setInterval(() => void applyRetention(config, store, datasets.map((d) => d.name), logger), config.store.retention_check_interval_secs * 1000);
  retention.unref();
  void applyRetention(config, store, datasets.map((d) => d.name), logger);

  let stopping: Promise<void> | undefined;
  return {
    store,
    metrics,
    pipeline,
    ingestUrl: ingest?.url,
    apiUrl: api?.url,
    stop() {
      stopping ??= (async () => {
        clearInterval(retention);
        // Inputs first: in-flight requests finish (and are answered) before the store closes.
        await Promise.all(objectInputs.map((input) => input.stop()));
        await close(ingest?.server);
        await close(api?.server);
        await output.close();
        await store.close();
        logger.info('collector stopped');
      })();
      return stopping;
    },
  };
}

async function applyRetention(config: Config, store: DuckDbStore, datasets: DatasetName[], logger: Logger): Promise<void> {
  for (const dataset of datasets) {
    const days = config.datasets[dataset].retention_days ?? config.store.retention_days;
    try {
      const removed = await store.deleteOlderThan(dataset, days);
      if (removed > 0) logger.info({ dataset, removed, days }, 'retention removed old rows');
    } catch (error) {
      logger.warn({ dataset, err: error }, 'retention run failed; will try again');
    }
  }
}
