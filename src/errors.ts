/**
 * Every error class and code, in one file. The pipeline asks one question of an error: will retrying
 * help? `PermanentError` means no (the batch is rejected); anything else means yes (retry), because
 * retrying costs less than losing data.
 */

/** Stable codes; each is documented in README.md (a test checks this). */
export const ERROR_CODES = {
  ERR_UNKNOWN_DATASET: 'the dataset name or path is not one of the 18 Logpush datasets',
  ERR_DATASET_NOT_MAPPED: 'the dataset is known but its mapping is not implemented',
  ERR_BODY_NOT_GZIP: 'the body claims or looks like gzip but does not decompress',
  ERR_BODY_NOT_TEXT: 'the body is not NDJSON text at all',
  ERR_BODY_TOO_LARGE: 'the body exceeds the compressed or decompressed size limit',
  ERR_UNSUPPORTED_ENCODING: 'the Content-Encoding is not gzip or identity',
  ERR_OVERLOADED: 'the bounded write queue is full; retry later',
  ERR_STORE_CLOSED: 'the store is closing or closed',
  ERR_OUTPUT_UNAVAILABLE: 'Elasticsearch/OpenSearch did not take the batch within retry_timeout_secs; the sender should retry',
  ERR_OUTPUT_CLOSED: 'the output is closing or closed',
  ERR_CONFIG: 'the configuration is invalid',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class LogpushError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Retrying cannot succeed: bad gzip, unknown dataset, a body over the limit. Outcome `rejected`. */
export class PermanentError extends LogpushError {}

/** A transient condition (queue full, store closing). Outcome `retry`. */
export class RetryableError extends LogpushError {}

/** Raised only at start-up; holds every problem found, each with its path. */
export class ConfigError extends LogpushError {
  constructor(readonly issues: readonly string[]) {
    super('ERR_CONFIG', `invalid configuration:\n${issues.join('\n')}`);
  }
}

export function isPermanent(error: unknown): error is PermanentError {
  return error instanceof PermanentError;
}
