import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Metrics of the object-storage inputs (`input` is s3, sqs or gcs), spread into the collector's metrics
 * by `createMetrics`. Lag is now minus the newest object time seen: it grows when Cloudflare stops
 * writing or we stop reading, which is what an operator alerts on.
 */
export function objectInputMetrics(registry: Registry) {
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name: `logpush_${name}`, help, labelNames, registers: [registry] });
  return {
    objectsListed: counter('input_objects_listed_total', 'Objects seen in a listing or a notification', ['input', 'dataset']),
    objectsRead: counter('input_objects_read_total', 'Objects whose events are all durable', ['input', 'dataset']),
    objectsSkipped: counter('input_objects_skipped_total', 'Objects not read: done before, filtered out, not a log file, gone', ['input', 'dataset', 'reason']),
    objectsFailed: counter('input_objects_failed_total', 'Object reads that failed: retry (read again later) or dead (given up, in dead_letters)', ['input', 'dataset', 'outcome']),
    objectBytes: counter('input_object_bytes_total', 'Object bytes read, compressed and decompressed', ['input', 'dataset', 'stage']),
    objectEvents: counter('input_object_events_total', 'Record lines read from objects', ['input', 'dataset']),
    inputLag: new Gauge({ name: 'logpush_input_lag_seconds', help: 'Now minus the newest object time seen', labelNames: ['input', 'dataset'], registers: [registry] }),
    sqsMessages: counter('sqs_messages_total', 'SQS messages by outcome: received, deleted, left, released, poison, invalid', ['input', 'outcome']),
    sqsVisibilityExtensions: counter('sqs_visibility_extensions_total', 'Visibility timeouts extended while objects were read', ['input']),
  };
}
