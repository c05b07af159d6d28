/**
 * The little the object inputs need from a bucket, so that S3 (and R2, and S3-compatible stores) and GCS
 * share the poller and the object reader: list one page of keys in lexical order, and open one object
 * version as a byte stream. Each client turns its SDK's errors into messages that name what is wrong
 * (no such bucket, access denied on List vs Get, bad credentials) and keeps the SDK error as `cause`.
 */
export interface ListedObject {
  readonly key: string;
  /** S3 ETag (without quotes) or GCS generation: with the key, the object's identity. */
  readonly version: string;
  readonly lastModified: Date;
  readonly size: number;
}

export interface ObjectPage {
  readonly objects: ListedObject[];
  readonly nextPageToken?: string;
}

export interface OpenedObject {
  readonly body: AsyncIterable<Uint8Array> & { destroy(error?: Error): void };
  readonly version: string;
  readonly lastModified?: Date;
  readonly size?: number;
}

export interface ObjectStoreClient {
  /** `s3://bucket` or `gs://bucket`: the state and batch-id namespace of this bucket. */
  readonly source: string;
  /** Keys under `prefix` sorting after `startAfter` ('' = from the start), one page at a time. */
  listPage(prefix: string, startAfter: string, pageToken?: string): Promise<ObjectPage>;
  /** Opens an object (a given version when known); undefined when it no longer exists. */
  open(key: string, version: string | undefined, signal: AbortSignal): Promise<OpenedObject | undefined>;
}

/** An object-store call failed; `message` says what is wrong in the operator's terms. */
export class ObjectStoreError extends Error {
  constructor(
    message: string,
    /** The provider's error code (NoSuchBucket, AccessDenied, 403 …). */
    readonly providerCode: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ObjectStoreError';
  }
}
