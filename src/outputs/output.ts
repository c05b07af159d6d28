import type { DatasetName, FlatDocument } from '../datasets/index.js';

/** A line (or a whole body) we could not turn into a document, kept with its reason for replay. */
export interface DeadLetter {
  readonly dataset: DatasetName | null;
  readonly batchId: string | null;
  readonly source: string;
  /** 1-based line number within the batch; 0 for a whole body. */
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
  readonly receivedAt: Date;
}

/** One batch's documents and dead letters, written atomically. */
export interface OutputBatch {
  readonly dataset: DatasetName;
  readonly id: string;
  readonly source: string;
  readonly receivedAt: Date;
  readonly documents: readonly FlatDocument[];
  /** The raw line of each document (same order), for outputs that send it on (Elasticsearch `raw` mode, `_id`s). */
  readonly originals?: readonly string[];
  readonly deadLetters: readonly DeadLetter[];
}

/**
 * Where documents go. `write` resolves only once the batch is durable (for DuckDB: committed) and says
 * whether the batch id had been stored before (then nothing is written again). A rejection with
 * PermanentError means the batch can never be written; any other rejection means retry.
 * `close` is safe to call twice.
 */
export interface Output {
  readonly name: string;
  write(batch: OutputBatch): Promise<{ duplicate: boolean }>;
  /** Keeps a body that failed as a whole (corrupt gzip, not text) for diagnosis. */
  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}
