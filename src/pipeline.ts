import { mapRecord, setCollectionTime, type DatasetName, type FlatDocument, type MapContext, type MappedDataset } from './datasets/index.js';
import { parseJsonLine } from './ecs/json.js';
import { RetryableError } from './errors.js';
import type { Metrics } from './metrics.js';
import type { DeadLetter, Output } from './outputs/output.js';

/**
 * The pipeline: a batch of raw lines → decode (JSON) → map (the dataset's pure function) → output.
 * `process` resolves only once the output has made the batch durable; its promise is the outcome that
 * flows back to the input (resolve = delivered, PermanentError = rejected, anything else = retry).
 */
export interface Batch {
  readonly dataset: MappedDataset;
  /** Idempotency key: the same delivery (HTTP body, S3 object version) always gets the same id. */
  readonly id: string;
  /** Where it came from, for dead letters and logs (`http:/http_request`, `s3://bucket/key`). */
  readonly source: string;
  readonly receivedAt: Date;
  readonly lines: readonly string[];
}

export interface BatchResult {
  readonly events: number;
  readonly deadLetters: number;
  /** The batch had been stored before (a resend): nothing was written again. */
  readonly duplicate: boolean;
}

export interface PipelineSettings {
  readonly output: Output;
  /** Per-dataset mapping context (tags, options, GeoIP, user-agent parser). */
  readonly contextFor: (dataset: DatasetName) => MapContext;
  readonly metrics: Metrics;
  /** Batches allowed in flight at once; beyond it `process` refuses with ERR_OVERLOADED (503). */
  readonly maxQueuedBatches: number;
  readonly maxLineBytes: number;
}

export interface MappedBatch {
  readonly documents: FlatDocument[];
  /** The raw line of each document, aligned with `documents`. */
  readonly originals: string[];
  readonly deadLetters: DeadLetter[];
}

/** Decodes and maps every line; a bad line becomes a dead letter and never sinks its neighbours. */
export function mapBatch(batch: Batch, ctx: MapContext, maxLineBytes: number): MappedBatch {
  const documents: FlatDocument[] = [];
  const originals: string[] = [];
  const deadLetters: DeadLetter[] = [];
  const receivedIso = batch.receivedAt.toISOString();
  const deadLetter = (line: number, reason: string, raw: string): void => {
    deadLetters.push({ dataset: batch.dataset.name, batchId: batch.id, source: batch.source, line, reason, raw, receivedAt: batch.receivedAt });
  };
  batch.lines.forEach((line, index) => {
    if (line.length > maxLineBytes) {
      deadLetter(index + 1, `line longer than ${maxLineBytes} characters`, line);
      return;
    }
    let record: unknown;
    try {
      record = parseJsonLine(line);
    } catch (error) {
      deadLetter(index + 1, `not valid JSON: ${(error as Error).message}`, line);
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      deadLetter(index + 1, 'not a JSON object', line);
      return;
    }
    const doc = mapRecord(batch.dataset, record as Record<string, unknown>, line, ctx);
    // Data streams need @timestamp; a record without a usable time gets the receive time (spec rule).
    setCollectionTime(batch.dataset, record as Record<string, unknown>, doc, ctx, receivedIso);
    documents.push(doc);
    originals.push(line);
  });
  return { documents, originals, deadLetters };
}

export class Pipeline {
  private inFlight = 0;

  constructor(private readonly settings: PipelineSettings) {}

  /** True when a new batch would be refused: inputs use it to pause before reading more. */
  get full(): boolean {
    return this.inFlight >= this.settings.maxQueuedBatches;
  }

  async process(batch: Batch): Promise<BatchResult> {
    if (this.full) {
      throw new RetryableError('ERR_OVERLOADED', `write queue full (${this.settings.maxQueuedBatches} batches in flight)`);
    }
    this.inFlight++;
    const started = performance.now();
    const { metrics } = this.settings;
    const dataset = batch.dataset.name;
    try {
      const mapped = mapBatch(batch, this.settings.contextFor(dataset), this.settings.maxLineBytes);
      const { duplicate } = await this.settings.output.write({
        dataset,
        id: batch.id,
        source: batch.source,
        receivedAt: batch.receivedAt,
        ...mapped,
      });
      if (duplicate) metrics.duplicateBatches.inc({ dataset });
      else {
        metrics.eventsStored.inc({ dataset }, mapped.documents.length);
        metrics.deadLettered.inc({ dataset }, mapped.deadLetters.length);
      }
      metrics.batchesStored.inc({ dataset });
      metrics.batchSeconds.observe({ dataset }, (performance.now() - started) / 1000);
      return { events: mapped.documents.length, deadLetters: mapped.deadLetters.length, duplicate };
    } finally {
      this.inFlight--;
    }
  }
}
