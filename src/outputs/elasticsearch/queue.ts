import type { PendingItem } from './bulk.js';

/**
 * Groups documents into bulk requests and limits how many are in flight. Small batches that arrive
 * close together share one request (up to `maxDocuments`/`maxBytes`, or after `flushIntervalMs`); a
 * large batch is cut into several. At most `concurrency` chunks are being sent or waiting to retry;
 * everything else waits here.
 *
 * Nothing here is unbounded: every queued item belongs to a batch whose `write` promise is pending, and
 * the pipeline allows only `max_queued_batches` of those. When the cluster is down the chunks hold their
 * slots while retrying, the queue stops draining, the pipeline fills and the inputs answer 503.
 */
export interface QueueSettings {
  readonly maxDocuments: number;
  readonly maxBytes: number;
  readonly flushIntervalMs: number;
  readonly concurrency: number;
  /** Sends one chunk; resolves once every item of it has an outcome (never rejects). */
  readonly send: (chunk: PendingItem[]) => Promise<void>;
}

export class BulkQueue {
  private pending: PendingItem[] = [];
  private pendingBytes = 0;
  /** When the oldest pending item arrived (for the flush interval). */
  private oldestAt = 0;
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly settings: QueueSettings) {}

  add(items: readonly PendingItem[]): void {
    if (items.length === 0) return;
    if (this.pending.length === 0) this.oldestAt = Date.now();
    for (const item of items) {
      this.pending.push(item);
      this.pendingBytes += item.item.bytes;
    }
    this.pump();
  }

  /** Items not yet handed to a chunk (for close(): they are answered `retry`). */
  drain(): PendingItem[] {
    const items = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    return items;
  }

  /** Resolves once no chunk is in flight. */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const { maxDocuments, maxBytes, flushIntervalMs, concurrency } = this.settings;
    while (this.active < concurrency && this.pending.length > 0) {
      const full = this.pending.length >= maxDocuments || this.pendingBytes >= maxBytes;
      const waited = Date.now() - this.oldestAt;
      if (!full && waited < flushIntervalMs) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, flushIntervalMs - waited);
        return;
      }
      this.start(this.take());
    }
  }

  /** Takes the next chunk: up to maxDocuments and maxBytes, but always at least one item. */
  private take(): PendingItem[] {
    const { maxDocuments, maxBytes } = this.settings;
    let count = 0;
    let bytes = 0;
    while (count < this.pending.length && count < maxDocuments) {
      const next = this.pending[count]!.item.bytes;
      if (count > 0 && bytes + next > maxBytes) break;
      bytes += next;
      count++;
    }
    const chunk = this.pending.splice(0, count);
    this.pendingBytes -= bytes;
    // The rest has waited as long as the chunk did: it goes as soon as a slot frees.
    if (this.pending.length === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return chunk;
  }

  private start(chunk: PendingItem[]): void {
    this.active++;
    void this.settings.send(chunk).finally(() => {
      this.active--;
      this.pump();
      if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }
}
