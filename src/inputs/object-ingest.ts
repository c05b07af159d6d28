import type { Logger } from 'pino';
import type { MappedDataset } from '../datasets/index.js';
import { LogpushError, PermanentError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { Output } from '../outputs/output.js';
import type { Batch, BatchResult, Pipeline } from '../pipeline.js';
import { isValidationProbe } from './decode.js';
import { backoffMs, sleep } from './input-status.js';
import { readLineChunks, type ReadProgress } from './object-reader.js';
import { objectBatchId, previousAttempts, type ObjectStateStore } from './object-state.js';
import type { ObjectStoreClient } from './object-store.js';

/**
 * Reads one object into the pipeline, chunk by chunk, and records the outcome in the object state. The
 * object is `done` only once every chunk is durable; each chunk's batch id is derived from (bucket, key,
 * version, chunk index), so reading the object again after a crash or a failure stores nothing twice.
 *
 *   stored  → state done
 *   retry   → a transient failure (download, store busy): state failed, read again after a backoff
 *   dead    → cannot ever be read (corrupt gzip, not text) or out of attempts: dead letter + state dead
 *   gone    → deleted since it was listed or announced
 *   aborted → the input is stopping: no state written; the object is read again next time
 */
export interface ObjectIngestSettings {
  /** `s3`, `sqs` or `gcs`: the metrics and log label. */
  readonly input: string;
  readonly client: ObjectStoreClient;
  readonly pipeline: Pipeline;
  readonly output: Output;
  /** Where the outcome is recorded; without it (SQS mode) the message itself is the record. */
  readonly state?: ObjectStateStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly batchLines: number;
  readonly maxLineBytes: number;
  readonly maxAttempts: number;
}

export type ObjectOutcome =
  | { readonly kind: 'stored'; readonly events: number; readonly version: string }
  | { readonly kind: 'retry' | 'dead'; readonly reason: string }
  | { readonly kind: 'gone' | 'aborted' };

export async function ingestObject(
  settings: ObjectIngestSettings,
  object: { key: string; version?: string },
  dataset: MappedDataset,
  signal: AbortSignal,
): Promise<ObjectOutcome> {
  const { client, metrics, logger, input } = settings;
  const labels = { input, dataset: dataset.name };
  const location = `${client.source}/${object.key}`;
  const progress: ReadProgress = { compressedBytes: 0, decompressedBytes: 0 };
  let version = object.version;
  let events = 0;
  let chunks = 0;
  const started = performance.now();
  try {
    const opened = await client.open(object.key, version, signal);
    if (opened === undefined) {
      metrics.objectsSkipped.inc({ ...labels, reason: 'gone' });
      logger.warn({ input, object: location }, 'object no longer exists; nothing to read');
      return { kind: 'gone' };
    }
    version = opened.version;
    const receivedAt = new Date();
    try {
      for await (const chunk of readLineChunks(opened.body, { batchLines: settings.batchLines, maxLineBytes: settings.maxLineBytes, progress })) {
        if (signal.aborted) return { kind: 'aborted' };
        // A destination-validation object ({"content":"tests"}) is acknowledged, never stored.
        if (chunk.index === 0 && chunk.lines.length === 1 && isValidationProbe(Buffer.from(chunk.lines[0]!))) continue;
        const id = objectBatchId(client.source, object.key, version, chunk.index);
        const result = await processWhenRoom(settings.pipeline, { dataset, id, source: location, receivedAt, lines: chunk.lines }, signal);
        if (result === undefined) return { kind: 'aborted' };
        events += chunk.lines.length;
        chunks++;
        if (result.duplicate) logger.debug({ input, object: location, chunk: chunk.index }, 'chunk was stored before; skipped');
      }
    } finally {
      opened.body.destroy();
    }
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted' };
    return recordFailure(settings, location, object.key, version ?? '', dataset, error);
  } finally {
    metrics.objectBytes.inc({ ...labels, stage: 'compressed' }, progress.compressedBytes);
    metrics.objectBytes.inc({ ...labels, stage: 'decompressed' }, progress.decompressedBytes);
  }
  await settings.state?.markDone(client.source, object.key, version, dataset.name);
  metrics.objectsRead.inc(labels);
  metrics.objectEvents.inc(labels, events);
  logger.debug(
    { input, object: location, version, dataset: dataset.name, events, chunks, bytes: progress.compressedBytes, ms: Math.round(performance.now() - started) },
    'object stored',
  );
  return { kind: 'stored', events, version };
}

/**
 * Back-pressure: waits while the bounded write queue is full instead of piling batches up in memory. The
 * queue is shared with the other inputs, so a refusal (ERR_OVERLOADED) means "wait", not "failed".
 */
async function processWhenRoom(pipeline: Pipeline, batch: Batch, signal: AbortSignal): Promise<BatchResult | undefined> {
  for (;;) {
    while (pipeline.full && !signal.aborted) await sleep(50, signal);
    if (signal.aborted) return undefined;
    try {
      return await pipeline.process(batch);
    } catch (error) {
      if (!(error instanceof LogpushError && error.code === 'ERR_OVERLOADED')) throw error;
    }
  }
}

async function recordFailure(
  settings: ObjectIngestSettings,
  location: string,
  key: string,
  version: string,
  dataset: MappedDataset,
  error: unknown,
): Promise<ObjectOutcome> {
  const { metrics, logger, input, client } = settings;
  const labels = { input, dataset: dataset.name };
  const code = error instanceof LogpushError ? `${error.code}: ` : '';
  const reason = `${code}${(error as Error).message}`;
  const permanent = error instanceof PermanentError;
  const attempts = previousAttempts(await settings.state?.get(client.source, key), version) + 1;
  const exhausted = !permanent && attempts >= settings.maxAttempts;
  if (!permanent && !exhausted) {
    // Up to an hour between attempts: an outage or a permission fix can take a while.
    const nextAttemptAt = new Date(Date.now() + backoffMs(attempts, 3_600_000));
    await settings.state?.markFailed(client.source, key, version, { dataset: dataset.name, reason, dead: false, nextAttemptAt, attempts });
    metrics.objectsFailed.inc({ ...labels, outcome: 'retry' });
    logger.warn({ input, object: location, attempts, err: reason }, 'reading the object failed; it will be read again');
    return { kind: 'retry', reason };
  }
  const why = exhausted ? `gave up after ${attempts} attempts; last error: ${reason}` : reason;
  await settings.state?.markFailed(client.source, key, version, { dataset: dataset.name, reason: why, dead: true, nextAttemptAt: null, attempts });
  metrics.objectsFailed.inc({ ...labels, outcome: 'dead' });
  metrics.deadLettered.inc({ dataset: dataset.name });
  logger.error({ input, object: location, version, err: why }, 'object dead-lettered: its events are not stored');
  await settings.output.writeDeadLetters([
    { dataset: dataset.name, batchId: null, source: location, line: 0, reason: `${why} (version ${version})`, raw: '', receivedAt: new Date() },
  ]);
  return { kind: 'dead', reason: why };
}
