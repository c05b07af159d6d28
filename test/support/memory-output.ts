import type { DeadLetter, Output, OutputBatch } from '../../src/outputs/output.js';

/**
 * An in-memory Output that records what it was given. It can be told to fail the next writes with an
 * error, to hold writes until `release()`, and to report batches it has seen as duplicates, like the
 * Collector's consumertest sinks.
 */
export class MemoryOutput implements Output {
  readonly batches: OutputBatch[] = [];
  readonly deadLetters: DeadLetter[] = [];
  readonly failures: unknown[] = [];
  closed = 0;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  constructor(readonly name = 'memory') {}

  /** Writes wait until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async write(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    if (this.gate !== undefined) await this.gate;
    if (this.failures.length > 0) throw this.failures.shift();
    const duplicate = this.batches.some((b) => b.id === batch.id);
    if (!duplicate) this.batches.push(batch);
    return { duplicate };
  }

  async writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    this.deadLetters.push(...letters);
  }

  async close(): Promise<void> {
    this.closed++;
  }
}
