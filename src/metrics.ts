import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { objectInputMetrics } from './inputs/object-metrics.js';

/** Prometheus metrics of one collector instance (one registry each, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'logpush_process_' });
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name: `logpush_${name}`, help, labelNames, registers: [registry] });
  return {
    registry,
    ...objectInputMetrics(registry),
    requests: counter('http_requests_total', 'Ingest requests by dataset and HTTP status', ['dataset', 'status']),
    validationRequests: counter('validation_requests_total', "Cloudflare's destination-validation probes answered", ['dataset']),
    emptyBatches: counter('empty_batches_total', 'Bodies with no records', ['dataset']),
    bytesReceived: counter('bytes_received_total', 'Body bytes received, compressed and decompressed', ['dataset', 'stage']),
    eventsReceived: counter('events_received_total', 'Record lines received', ['dataset']),
    batchesStored: counter('batches_stored_total', 'Batches made durable', ['dataset']),
    eventsStored: counter('events_stored_total', 'Documents made durable', ['dataset']),
    deadLettered: counter('dead_lettered_total', 'Lines or bodies kept in the dead-letter table', ['dataset']),
    duplicateBatches: counter('duplicate_batches_total', 'Batches received again after being stored (not stored twice)', ['dataset']),
    rejected: counter('rejected_total', 'Requests rejected, by error code', ['dataset', 'code']),
    batchSeconds: new Histogram({
      name: 'logpush_batch_seconds',
      help: 'Time from decode to durable, per batch',
      labelNames: ['dataset'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
