import { RetryableError } from '../../errors.js';
import { describeFailure, type ClusterClient } from './client.js';
import type { BatchDelivery } from './delivery.js';
import type { BulkItem } from './encode.js';

/**
 * One `_bulk` request and what its answer means, item by item, then the retry loop of a chunk:
 *
 * | answer | meaning |
 * | --- | --- |
 * | connection refused/reset, timeout, 429, 5xx, other 4xx (401, 403, 404…) | resend the whole chunk after a backoff |
 * | 413 (request too large) | split the chunk in halves; a single document that is too large is rejected |
 * | 400 for the whole request | every document is rejected (dead letters): resending cannot help |
 * | 200 with per-item results | 200/201 indexed, 409 already there (a resend), 429/5xx resend only those items, other statuses rejected |
 *
 * A 401 or 403 is retried rather than dropped: an expired key is an operator's fix, and data waits for it.
 */
export type ItemStatus =
  | { readonly kind: 'created' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'retry'; readonly reason: string; readonly mayHaveApplied: boolean }
  | { readonly kind: 'rejected'; readonly reason: string };

export type BulkResult =
  | { readonly kind: 'items'; readonly statuses: readonly ItemStatus[] }
  | { readonly kind: 'retry'; readonly reason: string; readonly mayHaveApplied: boolean }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'rejected'; readonly reason: string };

/** `type: reason (caused by: …)` from an Elasticsearch error object. */
function errorText(error: any, fallback: string): string {
  if (error === undefined || error === null) return fallback;
  if (typeof error === 'string') return error;
  const cause = error.caused_by?.reason === undefined ? '' : ` (caused by: ${error.caused_by.reason})`;
  return `${error.type ?? 'error'}: ${error.reason ?? fallback}${cause}`;
}

export function classifyItem(entry: Record<string, any> | undefined): ItemStatus {
  const result = entry === undefined ? undefined : (Object.values(entry)[0] as { status?: number; error?: unknown } | undefined);
  const status = result?.status ?? 0;
  if (status === 200 || status === 201) return { kind: 'created' };
  if (status === 409) return { kind: 'duplicate' };
  const reason = errorText(result?.error, `status ${status}`);
  if (status === 429 || status >= 500 || status === 0) return { kind: 'retry', reason, mayHaveApplied: status !== 429 };
  return { kind: 'rejected', reason: `${status} ${reason}` };
}

export async function sendBulk(client: ClusterClient, items: readonly BulkItem[], querystring: Record<string, string>): Promise<BulkResult> {
  let body = '';
  for (const item of items) body += `${item.action}\n${item.source}\n`;
  let response;
  try {
    response = await client.request({ method: 'POST', path: '/_bulk', bulkBody: body, querystring });
  } catch (error) {
    // Refused before anything was sent, or cut after: we cannot tell, so assume it may have been applied.
    return { kind: 'retry', reason: describeFailure(error), mayHaveApplied: true };
  }
  const { statusCode, body: answer } = response;
  if (statusCode === 413) return { kind: 'too_large' };
  if (statusCode === 400) return { kind: 'rejected', reason: `400 ${errorText(answer?.error, 'bad request')}` };
  if (statusCode < 200 || statusCode >= 300) {
    return { kind: 'retry', reason: `${statusCode} ${errorText(answer?.error, 'no reason given')}`, mayHaveApplied: statusCode >= 500 };
  }
  const results = answer?.items;
  // A proxy that answers 200 with something else must not count as delivery.
  if (!Array.isArray(results) || results.length !== items.length) {
    return { kind: 'retry', reason: `the bulk answer lists ${Array.isArray(results) ? results.length : 'no'} items for ${items.length} sent`, mayHaveApplied: true };
  }
  return { kind: 'items', statuses: results.map(classifyItem) };
}

/** A document waiting in a chunk, with the batch it belongs to. */
export interface PendingItem {
  readonly item: BulkItem;
  readonly delivery: BatchDelivery;
}

export interface ChunkSettings {
  readonly client: ClusterClient;
  readonly querystring: Record<string, string>;
  readonly backoff: BackoffSettings;
  /** Aborted by close(): waits end and the remaining batches are answered `retry`. */
  readonly closing: AbortSignal;
  readonly onRequest: (items: number, bytes: number) => void;
  readonly onRetry: (reason: string, attempt: number, items: number) => void;
}

const bytesOf = (items: readonly PendingItem[]) => items.reduce((n, p) => n + p.item.bytes, 0);

/**
 * Sends a chunk until every item has an outcome, resending only what failed retryably. Items whose
 * batch has given up (deadline) or settled are dropped; the loop holds its concurrency slot meanwhile,
 * which is what turns a cluster outage into back-pressure.
 */
export async function deliverChunk(chunk: readonly PendingItem[], settings: ChunkSettings): Promise<void> {
  let pending = chunk;
  // After a failure that may have been applied (a reset or timeout after sending, a 5xx), a 409 is our
  // own earlier attempt, not a resend of the batch: count it as indexed, not as a duplicate.
  let ambiguous = false;
  for (let attempt = 1; ; attempt++) {
    pending = pending.filter((p) => !p.delivery.settled);
    if (pending.length === 0) return;
    if (settings.closing.aborted) {
      for (const p of pending) p.delivery.fail(new RetryableError('ERR_OUTPUT_CLOSED', 'the output closed before the batch was indexed'));
      return;
    }
    settings.onRequest(pending.length, bytesOf(pending));
    const result = await sendBulk(settings.client, pending.map((p) => p.item), settings.querystring);
    let reason: string;
    if (result.kind === 'too_large') {
      if (pending.length === 1) {
        pending[0]!.delivery.done(pending[0]!.item, { kind: 'rejected', reason: '413 the document alone exceeds the cluster\'s http.max_content_length' });
        return;
      }
      const half = Math.ceil(pending.length / 2);
      await deliverChunk(pending.slice(0, half), settings);
      await deliverChunk(pending.slice(half), settings);
      return;
    } else if (result.kind === 'rejected') {
      for (const p of pending) p.delivery.done(p.item, { kind: 'rejected', reason: result.reason });
      return;
    } else if (result.kind === 'retry') {
      reason = result.reason;
      ambiguous ||= result.mayHaveApplied;
    } else {
      const again: PendingItem[] = [];
      result.statuses.forEach((status, i) => {
        const p = pending[i]!;
        if (status.kind === 'retry') again.push(p);
        else p.delivery.done(p.item, status.kind === 'duplicate' && ambiguous ? { kind: 'created' } : status);
      });
      if (again.length === 0) return;
      reason = (result.statuses.find((s) => s.kind === 'retry') as { reason: string }).reason;
      pending = again;
      ambiguous ||= result.statuses.some((s) => s.kind === 'retry' && s.mayHaveApplied);
    }
    settings.onRetry(reason, attempt, pending.length);
    const now = Date.now();
    for (const p of pending) {
      if (now >= p.delivery.deadline) {
        p.delivery.fail(new RetryableError('ERR_OUTPUT_UNAVAILABLE', `the cluster did not take the batch in time; last error: ${reason}`));
      }
    }
    await sleep(backoffDelay(settings.backoff, attempt), settings.closing);
  }
}

/**
 * Exponential backoff with jitter: attempt n waits a random time in [d/2, d] with d = min(max, initial·2ⁿ⁻¹).
 * The random half keeps several collectors (or several chunks) that failed together from retrying in
 * lockstep against a cluster that is just coming back; the fixed half keeps the delay from collapsing
 * to zero.
 */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export function backoffDelay(settings: BackoffSettings, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits `ms`, or less when `signal` aborts (close() cuts retry waits short). Never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
