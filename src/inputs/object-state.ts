/**
 * Durable per-object state of the object-storage inputs, kept in the store beside the data so that it
 * survives restarts and `kill -9`. An object's identity is (source, key, version): the version is the
 * S3 ETag or the GCS generation, so an object rewritten under the same key is a new object (read again).
 *
 * - `done`: every event of the object is durable. Written after the last batch commits, so a crash in
 *   between means the object is read again and each of its batches is recognised as already stored.
 * - `failed`: a read failed; retried (from a retry list, independent of the listing and its filters)
 *   once `nextAttemptAt` has passed, until the attempts run out.
 * - `dead`: given up (corrupt gzip, not text, too many attempts); the reason is in dead_letters.
 *
 * A listing cursor per input prefix records where the next incremental listing starts.
 */
export type ObjectStatus = 'done' | 'failed' | 'dead';

export interface ObjectStateRecord {
  readonly key: string;
  readonly version: string;
  readonly status: ObjectStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date | null;
  readonly dataset: string | null;
}

export interface ListingCursor {
  /** ListObjectsV2 `StartAfter` / GCS `startOffset` of the next incremental listing ('' = from the start). */
  readonly startAfter: string;
  /** When the last sweep (a re-listing of all recent keys) completed. */
  readonly sweptAt: Date | null;
}

export interface FailureRecord {
  readonly dataset: string | null;
  readonly reason: string;
  /** Give up now (a permanent error): status `dead`. */
  readonly dead: boolean;
  readonly nextAttemptAt: Date | null;
  /** Failed reads of this version so far, this one included. */
  readonly attempts: number;
}

export interface ObjectStateStore {
  /** The state of every object of `source` (`s3://bucket`, `gs://bucket`) whose key lies in [first, last]. */
  inRange(source: string, first: string, last: string): Promise<Map<string, ObjectStateRecord>>;
  get(source: string, key: string): Promise<ObjectStateRecord | undefined>;
  markDone(source: string, key: string, version: string, dataset: string | null): Promise<void>;
  markFailed(source: string, key: string, version: string, failure: FailureRecord): Promise<void>;
  /** Failed objects under `prefix` that are due for another attempt. */
  due(source: string, prefix: string, now: Date, limit: number): Promise<ObjectStateRecord[]>;
  cursor(input: string): Promise<ListingCursor | undefined>;
  saveCursor(input: string, cursor: ListingCursor): Promise<void>;
  /** Forgets `done` objects under `prefix` whose key sorts before `beforeKey` (they will not be listed again). */
  forget(source: string, prefix: string, beforeKey: string): Promise<number>;
  /** Counts per status, for the status API. */
  counts(source: string, prefix: string): Promise<Record<ObjectStatus, number>>;
}

/** The identity of a stored batch: deterministic, so a re-read of the same object version never stores twice. */
/** The failed reads of `version` so far, before this one. */
export function previousAttempts(record: ObjectStateRecord | undefined, version: string): number {
  return record !== undefined && record.version === version && record.status === 'failed' ? record.attempts : 0;
}

export function objectBatchId(source: string, key: string, version: string, chunk: number): string {
  return `${source}/${key}@${version}#${chunk}`;
}
