import type { Logger } from 'pino';
import type { ClusterOutputConfig } from '../../config/outputs.js';
import { RetryableError } from '../../errors.js';
import type { DeadLetter, Output, OutputBatch } from '../output.js';
import { deliverChunk, type PendingItem } from './bulk.js';
import { createClusterClient, type ClusterClient } from './client.js';
import { BatchDelivery, type DeadLetterSink, type ItemOutcome } from './delivery.js';
import { encodeBatch } from './encode.js';
import { BulkQueue } from './queue.js';

export { createClusterClient, type ClusterClient, type ClusterFlavor } from './client.js';
export { type DeadLetterSink } from './delivery.js';
export { agentFields, dataStreamName, encodeDocument } from './encode.js';
export { documentId } from './ids.js';

/**
 * The Elasticsearch / OpenSearch output: documents go to the data streams
 * `logs-cloudflare_logpush.<dataset>-<namespace>` with `op_type: create` and deterministic ids.
 * `write` resolves once every document of the batch is indexed, was already there (409), or was refused
 * for good and kept as a dead letter; it rejects with a RetryableError when the cluster stays unreachable
 * for `retry_timeout_secs` or the output closes. It never rejects with PermanentError: a document the
 * cluster refuses is a dead letter, not a reason to refuse the batch.
 */
export interface ElasticsearchOutputSettings {
  readonly config: ClusterOutputConfig;
  /** Where refused documents are kept (the DuckDB store's `dead_letters` table in the collector). */
  readonly deadLetters: DeadLetterSink;
  readonly logger: Logger;
  /** A client to use instead of one built from `config` (the setup command shares its own). */
  readonly client?: ClusterClient;
}

/** Counters since start, for logs and the benchmark. */
export interface ElasticsearchOutputStats {
  requests: number;
  requestBytes: number;
  retries: number;
  indexed: number;
  duplicates: number;
  deadLettered: number;
}

export class ElasticsearchOutput implements Output {
  readonly name: string;
  readonly stats: ElasticsearchOutputStats = { requests: 0, requestBytes: 0, retries: 0, indexed: 0, duplicates: 0, deadLettered: 0 };
  private readonly client: ClusterClient;
  private readonly queue: BulkQueue;
  private readonly closing = new AbortController();
  private closed: Promise<void> | undefined;

  constructor(private readonly settings: ElasticsearchOutputSettings) {
    const { config, logger } = settings;
    this.name = config.type;
    this.client = settings.client ?? createClusterClient(config);
    // ecs mode: our documents are already parsed; `_none` stops a default ingest pipeline from running.
    const querystring: Record<string, string> = config.mode === 'ecs' ? { pipeline: '_none' } : {};
    const chunkSettings = {
      client: this.client,
      querystring,
      backoff: { initialMs: config.backoff_initial_ms, maxMs: config.backoff_max_ms },
      closing: this.closing.signal,
      onRequest: (items: number, bytes: number) => {
        this.stats.requests++;
        this.stats.requestBytes += bytes;
      },
      onRetry: (reason: string, attempt: number, items: number) => {
        this.stats.retries++;
        logger.warn({ output: this.name, attempt, items, reason }, 'bulk request not fully accepted; retrying after a backoff');
      },
    };
    this.queue = new BulkQueue({
      maxDocuments: config.bulk_max_documents,
      maxBytes: config.bulk_max_bytes,
      flushIntervalMs: config.flush_interval_ms,
      concurrency: config.concurrency,
      send: (chunk) => deliverChunk(chunk, chunkSettings).catch((error) => {
        // A bug must not leave batches pending forever: answer them `retry`.
        logger.error({ output: this.name, err: error }, 'bulk delivery failed unexpectedly');
        for (const p of chunk) p.delivery.fail(error);
      }),
    });
  }

  private readonly countOutcome = (outcome: ItemOutcome): void => {
    if (outcome.kind === 'created') this.stats.indexed++;
    else if (outcome.kind === 'duplicate') this.stats.duplicates++;
    else this.stats.deadLettered++;
  };

  write(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    if (this.closing.signal.aborted) return Promise.reject(new RetryableError('ERR_OUTPUT_CLOSED', `the ${this.name} output is closed`));
    const { config } = this.settings;
    const items = encodeBatch(batch, config.mode, config.namespace);
    // Decode dead letters (batch.deadLetters) are not ours: the dead-letter store keeps them with the batch.
    const delivery = new BatchDelivery({
      batch,
      documents: items.length,
      sink: this.settings.deadLetters,
      deadline: Date.now() + config.retry_timeout_secs * 1000,
      label: this.name,
      onOutcome: this.countOutcome,
    });
    const pending: PendingItem[] = items.map((item) => ({ item, delivery }));
    this.queue.add(pending);
    return delivery.promise.then((result) => {
      if (delivery.deadLettered > 0) {
        this.settings.logger.error(
          { output: this.name, dataset: batch.dataset, batch: batch.id, documents: items.length, deadLettered: delivery.deadLettered },
          'the cluster refused documents for good; they are kept in dead_letters',
        );
      }
      return result;
    });
  }

  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    return this.settings.deadLetters.writeDeadLetters(letters);
  }

  /** Stops taking batches, lets requests in flight finish, answers the rest `retry`, closes the client. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      for (const p of this.queue.drain()) p.delivery.fail(new RetryableError('ERR_OUTPUT_CLOSED', `the ${this.name} output closed`));
      await this.queue.idle();
      await this.client.close();
    })();
    return this.closed;
  }
}
