import type { MappedDataset } from '../datasets/index.js';
import { ingestObject, type ObjectIngestSettings, type ObjectOutcome } from './object-ingest.js';
import { InputHealth, backoffMs, sleep, type InputStatus, type ObjectInput } from './input-status.js';
import { planListing, type ListingPlan } from './listing-plan.js';
import type { ObjectStateRecord, ObjectStateStore } from './object-state.js';
import type { ListedObject } from './object-store.js';

/**
 * Polls one bucket (S3, R2, S3-compatible or GCS): every interval, for each dataset prefix, it re-reads
 * failed objects that are due, then lists the keys after the prefix's cursor and reads each object not
 * yet done, `workers` at a time. The cursor moves only after every object listed before it is done or
 * recorded as failed, so `kill -9` at any point re-lists from the old cursor, and done objects are
 * skipped by their recorded identity. Several pollers on one prefix would each read everything: polling
 * has one reader per bucket prefix (SQS mode is the way to run several collectors).
 */
export interface PollTarget {
  readonly prefix: string;
  readonly dataset: MappedDataset;
}

export interface BucketPollerSettings extends ObjectIngestSettings {
  readonly state: ObjectStateStore;
  readonly targets: readonly PollTarget[];
  readonly intervalMs: number;
  readonly workers: number;
  readonly include: RegExp;
  readonly startTimestamp?: Date;
  readonly ignoreOlderMs?: number;
  readonly sweepIntervalMs: number;
  readonly sweepHorizonMs: number;
  readonly lookbackKeys: number;
}

interface Tally {
  listed: number;
  read: number;
  skipped: number;
  failed: number;
  events: number;
  /** The last object failure of the poll: it makes the input `degraded` until a poll reads cleanly. */
  lastFailure?: string;
}

export class BucketPoller implements ObjectInput {
  readonly name: string;
  private readonly health: InputHealth;
  private readonly abort = new AbortController();
  private readonly inFlight = new Map<string, Promise<void>>();
  private loop?: Promise<void>;
  private lastPoll: (Omit<Tally, 'lastFailure'> & { at: string; ms: number }) | null = null;

  constructor(private readonly settings: BucketPollerSettings) {
    this.name = `${settings.input}:${settings.client.source}`;
    this.health = new InputHealth(this.name, settings.input);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled(this.inFlight.values());
    this.health.stopped();
  }

  async status(): Promise<InputStatus> {
    const { client, state, targets } = this.settings;
    const prefixes = await Promise.all(
      targets.map(async (t) => ({
        prefix: t.prefix,
        dataset: t.dataset.name,
        cursor: (await state.cursor(`${client.source}/${t.prefix}`).catch(() => undefined))?.startAfter ?? null,
        objects: await state.counts(client.source, t.prefix).catch(() => null),
      })),
    );
    return this.health.snapshot({ bucket: client.source, last_poll: this.lastPoll, prefixes });
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    const { logger, input, client } = this.settings;
    while (!signal.aborted) {
      const started = performance.now();
      const tally: Tally = { listed: 0, read: 0, skipped: 0, failed: 0, events: 0 };
      let failure: string | undefined;
      for (const target of this.settings.targets) {
        if (signal.aborted) break;
        try {
          await this.pollTarget(target, tally);
        } catch (error) {
          if (signal.aborted) break;
          failure = (error as Error).message;
          this.health.failed(failure);
          logger.warn({ input, bucket: client.source, prefix: target.prefix, err: failure }, 'poll failed; retrying with backoff');
        }
      }
      if (signal.aborted) break;
      failure ??= tally.lastFailure;
      if (tally.lastFailure !== undefined) this.health.failed(tally.lastFailure);
      if (failure === undefined) this.health.succeeded();
      const ms = Math.round(performance.now() - started);
      const { lastFailure: _, ...counts } = tally;
      this.lastPoll = { ...counts, at: new Date().toISOString(), ms };
      logger.info({ input, bucket: client.source, ...counts, ms, ok: failure === undefined }, 'poll complete');
      await sleep(failure === undefined ? this.settings.intervalMs : backoffMs(this.health.failures), signal);
    }
  }

  private async pollTarget(target: PollTarget, tally: Tally): Promise<void> {
    const { client, state, metrics, input, workers } = this.settings;
    const { signal } = this.abort;
    const now = new Date();
    const cursorId = `${client.source}/${target.prefix}`;
    const saved = await state.cursor(cursorId);
    const plan: ListingPlan = planListing(target.prefix, saved, now, this.settings);

    for (const record of await state.due(client.source, target.prefix, now, workers * 4)) {
      await this.dispatch(record.key, undefined, target, tally);
    }
    const window: string[] = [];
    let newest = 0;
    let token: string | undefined;
    do {
      const page = await client.listPage(target.prefix, plan.startAfter, token);
      token = page.nextPageToken;
      if (page.objects.length === 0) break;
      const known = await state.inRange(client.source, page.objects[0]!.key, page.objects[page.objects.length - 1]!.key);
      for (const object of page.objects) {
        if (signal.aborted) return;
        tally.listed++;
        metrics.objectsListed.inc({ input, dataset: target.dataset.name });
        window.push(object.key);
        if (window.length > this.settings.lookbackKeys + 1) window.shift();
        newest = Math.max(newest, object.lastModified.getTime());
        const reason = this.skipReason(object, known.get(object.key), now);
        if (reason !== undefined) {
          tally.skipped++;
          metrics.objectsSkipped.inc({ input, dataset: target.dataset.name, reason });
          continue;
        }
        await this.dispatch(object.key, object.version, target, tally);
      }
    } while (token !== undefined && !signal.aborted);
    await Promise.allSettled(this.inFlight.values());
    if (signal.aborted) return;
    if (newest > 0) metrics.inputLag.set({ input, dataset: target.dataset.name }, (Date.now() - newest) / 1000);
    // Keep the last `lookbackKeys` keys inside the next listing: objects that appear late just before them are still seen.
    const candidate = window.length > this.settings.lookbackKeys ? window[0]! : '';
    const startAfter = [saved?.startAfter ?? '', candidate].sort().at(-1)!;
    await state.saveCursor(cursorId, { startAfter, sweptAt: plan.sweep ? now : (saved?.sweptAt ?? null) });
    if (plan.forgetBefore !== undefined) {
      const before = [plan.forgetBefore, startAfter].sort()[0]!;
      await state.forget(client.source, target.prefix, before);
    }
  }

  private skipReason(object: ListedObject, record: ObjectStateRecord | undefined, now: Date): string | undefined {
    const { include, startTimestamp, ignoreOlderMs } = this.settings;
    if (!include.test(object.key)) return 'not_a_log_file';
    if (record !== undefined && record.version === object.version) {
      if (record.status === 'done') return 'done';
      if (record.status === 'dead') return 'dead';
      // A failed object is re-read from the retry list, whatever its age.
      return 'retry_pending';
    }
    if (this.inFlight.has(object.key)) return 'in_flight';
    if (startTimestamp !== undefined && object.lastModified < startTimestamp) return 'too_old';
    if (ignoreOlderMs !== undefined && object.lastModified.getTime() < now.getTime() - ignoreOlderMs) return 'too_old';
    return undefined;
  }

  /** Starts reading an object once a worker is free. */
  private async dispatch(key: string, version: string | undefined, target: PollTarget, tally: Tally): Promise<void> {
    if (this.inFlight.has(key)) return;
    while (this.inFlight.size >= this.settings.workers) await Promise.race(this.inFlight.values());
    const { logger, input, client } = this.settings;
    const task = ingestObject(this.settings, { key, version }, target.dataset, this.abort.signal)
      .then((outcome: ObjectOutcome) => {
        if (outcome.kind === 'stored') {
          tally.read++;
          tally.events += outcome.events;
        } else if (outcome.kind === 'retry' || outcome.kind === 'dead') {
          tally.failed++;
          tally.lastFailure = outcome.reason;
        }
        else if (outcome.kind === 'gone') tally.skipped++;
      })
      .catch((error: unknown) => {
        tally.failed++;
        logger.warn({ input, object: `${client.source}/${key}`, err: (error as Error).message }, 'could not record the outcome of an object; it will be read again');
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, task);
  }
}
