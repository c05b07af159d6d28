import type { DeadLetter, OutputBatch } from '../output.js';
import type { BulkItem } from './encode.js';

/**
 * The state of one batch while its documents travel in bulk requests (possibly several, possibly shared
 * with other batches). The batch's `write` promise settles here: it resolves once every document is
 * indexed, already present (409) or dead-lettered, and rejects when the output gives up or closes, so
 * that the input answers `retry` and the sender sends the batch again (the `_id`s make that harmless).
 */
export interface DeadLetterSink {
  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void>;
}

export type ItemOutcome = { readonly kind: 'created' } | { readonly kind: 'duplicate' } | { readonly kind: 'rejected'; readonly reason: string };

export interface DeliveryOptions {
  readonly batch: OutputBatch;
  /** How many documents will be reported through `done`. */
  readonly documents: number;
  readonly sink: DeadLetterSink;
  /** `Date.now()` after which retrying stops for this batch. */
  readonly deadline: number;
  /** Names the cluster in dead-letter reasons (`elasticsearch`, `opensearch`). */
  readonly label: string;
  /** Sees every final outcome (the output's counters). */
  readonly onOutcome?: (outcome: ItemOutcome) => void;
}

export class BatchDelivery {
  private remaining: number;
  private duplicates = 0;
  private readonly letters: DeadLetter[] = [];
  private resolve!: (result: { duplicate: boolean }) => void;
  private reject!: (error: unknown) => void;
  /** True once the promise has settled (or is about to): its remaining items need not be sent. */
  settled = false;
  readonly promise: Promise<{ duplicate: boolean }>;

  private readonly batch: OutputBatch;
  private readonly total: number;
  /** `Date.now()` after which retrying stops for this batch. */
  readonly deadline: number;

  constructor(private readonly options: DeliveryOptions) {
    this.batch = options.batch;
    this.total = options.documents;
    this.deadline = options.deadline;
    this.remaining = this.total;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.total === 0) this.finish();
  }

  /** Records the final outcome of one document. */
  done(item: BulkItem, outcome: ItemOutcome): void {
    if (this.settled) return;
    this.options.onOutcome?.(outcome);
    if (outcome.kind === 'duplicate') this.duplicates++;
    if (outcome.kind === 'rejected') {
      const { dataset, id, source, receivedAt } = this.batch;
      this.letters.push({
        dataset,
        batchId: id,
        source,
        // Outputs see documents, not lines: this is the document's position in the batch.
        line: item.position,
        reason: `${this.options.label} rejected the document: ${outcome.reason}`,
        raw: item.raw,
        receivedAt,
      });
    }
    if (--this.remaining === 0) this.finish();
  }

  /** Gives up on the batch; documents already indexed stay (a resend is answered 409 for them). */
  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  get deadLettered(): number {
    return this.letters.length;
  }

  private finish(): void {
    this.settled = true;
    if (this.letters.length === 0) {
      this.resolve({ duplicate: this.total > 0 && this.duplicates === this.total });
      return;
    }
    // The batch counts as delivered only once its rejected documents are kept somewhere.
    this.options.sink.writeDeadLetters(this.letters).then(() => this.resolve({ duplicate: false }), this.reject);
  }
}
