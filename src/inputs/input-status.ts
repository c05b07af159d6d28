/**
 * What `GET /api/inputs` and `logpush status` show for each input: its state, the last error (worded to
 * name what is wrong) and a few counters. Inputs keep retrying after an error, so `degraded` means "not
 * working right now, retrying", never "given up".
 */
export type InputState = 'starting' | 'running' | 'degraded' | 'stopped';

export interface InputStatus {
  readonly name: string;
  readonly type: string;
  readonly state: InputState;
  readonly last_error: string | null;
  readonly last_error_at: string | null;
  /** When the last poll (or receive) completed without error. */
  readonly last_success_at: string | null;
  readonly details: Record<string, unknown>;
}

/** A running input as the collector sees it: a name, a status, and stop(). */
export interface ObjectInput {
  readonly name: string;
  status(): Promise<InputStatus>;
  /** Stops taking new work; in-flight objects are finished or released. Safe to call twice. */
  stop(): Promise<void>;
}

export class InputHealth {
  private state: InputState = 'starting';
  private lastError: string | null = null;
  private lastErrorAt: Date | null = null;
  private lastSuccessAt: Date | null = null;
  /** Consecutive failures, for the backoff. */
  failures = 0;

  constructor(
    readonly name: string,
    readonly type: string,
  ) {}

  succeeded(now = new Date()): void {
    if (this.state !== 'stopped') this.state = 'running';
    this.lastSuccessAt = now;
    this.failures = 0;
  }

  failed(message: string, now = new Date()): void {
    if (this.state !== 'stopped') this.state = 'degraded';
    this.lastError = message;
    this.lastErrorAt = now;
    this.failures++;
  }

  stopped(): void {
    this.state = 'stopped';
  }

  snapshot(details: Record<string, unknown> = {}): InputStatus {
    return {
      name: this.name,
      type: this.type,
      state: this.state,
      last_error: this.lastError,
      last_error_at: this.lastErrorAt?.toISOString() ?? null,
      last_success_at: this.lastSuccessAt?.toISOString() ?? null,
      details,
    };
  }
}

/** Jittered exponential backoff: 1 s, 2 s, 4 s … capped at `maxMs` (Elastic uses 1–120 s). */
export function backoffMs(failures: number, maxMs = 120_000): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
