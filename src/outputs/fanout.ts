import { isPermanent } from '../errors.js';
import type { DeadLetterSink } from './elasticsearch/delivery.js';
import type { DeadLetter, Output, OutputBatch } from './output.js';

/**
 * Several outputs at once (e.g. DuckDB for the dashboard plus Elasticsearch). A batch is delivered when
 * every output has it; until then the write stays pending, so the slowest output sets the pace of the
 * inputs through the pipeline's bounded queue. No output buffers on behalf of another: nothing is lost
 * for one because another is slow, and nothing piles up in memory either.
 *
 * When some outputs fail, the batch fails and the sender sends it again; the outputs that already had it
 * recognise it (DuckDB by batch id, Elasticsearch by document ids) and do not store it twice. The batch
 * counts as a duplicate only when every output says so. The error is permanent only when every failure
 * is: a retry that can help beats a rejection.
 */
export class FanoutOutput implements Output {
  readonly name: string;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly outputs: readonly Output[],
    /** Where dead letters of whole bodies go: one place, not once per output. */
    private readonly deadLetters: DeadLetterSink,
  ) {
    if (outputs.length === 0) throw new Error('a fan-out needs at least one output');
    this.name = `fanout(${outputs.map((o) => o.name).join(',')})`;
  }

  async write(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    const results = await Promise.allSettled(this.outputs.map((output) => output.write(batch)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0) throw failures.find((error) => !isPermanent(error)) ?? failures[0];
    return { duplicate: results.every((r) => r.status === 'fulfilled' && r.value.duplicate) };
  }

  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    return this.deadLetters.writeDeadLetters(letters);
  }

  /** Closes every output (each is safe to close twice); reports the first failure after trying them all. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      const results = await Promise.allSettled(this.outputs.map((output) => output.close()));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
    })();
    return this.closed;
  }
}
