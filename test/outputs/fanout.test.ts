/**
 * Several outputs at once: delivered only when every output has the batch, a duplicate only when every
 * output says so, retry preferred over reject, the slowest output sets the pace, one dead-letter sink.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermanentError, RetryableError } from '../../src/errors.js';
import { FanoutOutput } from '../../src/outputs/fanout.js';
import type { OutputBatch } from '../../src/outputs/output.js';
import { settledWithin } from '../support/es-output.js';
import { MemoryOutput } from '../support/memory-output.js';

const batch = (id: string): OutputBatch => ({ dataset: 'dns', id, source: 'test', receivedAt: new Date(0), documents: [new Map([['dns.question.name', id]])], deadLetters: [] });

describe('fan-out output', () => {
  it('delivers a batch to every output and reports a duplicate only when all do', async () => {
    const a = new MemoryOutput('a');
    const b = new MemoryOutput('b');
    const fanout = new FanoutOutput([a, b], a);
    assert.equal(fanout.name, 'fanout(a,b)');
    assert.deepEqual(await fanout.write(batch('1')), { duplicate: false });
    assert.deepEqual([a.batches.length, b.batches.length], [1, 1]);
    b.batches.length = 0; // b lost it (e.g. a fresh NDJSON file): a resend is new for b
    assert.deepEqual(await fanout.write(batch('1')), { duplicate: false });
    assert.deepEqual(await fanout.write(batch('1')), { duplicate: true });
  });

  it('waits for the slowest output: nothing is acknowledged while one output holds the batch', async () => {
    const fast = new MemoryOutput('fast');
    const slow = new MemoryOutput('slow');
    slow.hold();
    const fanout = new FanoutOutput([fast, slow], fast);
    const written = fanout.write(batch('2'));
    assert.equal(await settledWithin(written, 30), false);
    assert.equal(fast.batches.length, 1);
    slow.release();
    assert.deepEqual(await written, { duplicate: false });
  });

  it('fails as retryable when any failure is retryable, as permanent only when all failures are', async () => {
    const a = new MemoryOutput('a');
    const b = new MemoryOutput('b');
    const fanout = new FanoutOutput([a, b], a);
    a.failures.push(new PermanentError('ERR_UNKNOWN_DATASET', 'no'));
    b.failures.push(new RetryableError('ERR_OUTPUT_UNAVAILABLE', 'later'));
    await assert.rejects(fanout.write(batch('3')), (e: unknown) => e instanceof RetryableError);
    a.failures.push(new PermanentError('ERR_UNKNOWN_DATASET', 'no'));
    await assert.rejects(fanout.write(batch('4')), (e: unknown) => e instanceof PermanentError);
    // An unknown error means retry: it wins over a permanent one too.
    a.failures.push(new PermanentError('ERR_UNKNOWN_DATASET', 'no'));
    b.failures.push(new Error('socket hang up'));
    await assert.rejects(fanout.write(batch('5')), /socket hang up/);
  });

  it('sends dead letters of whole bodies to its one sink, and closes every output', async () => {
    const a = new MemoryOutput('a');
    const b = new MemoryOutput('b');
    const sink = new MemoryOutput('sink');
    const fanout = new FanoutOutput([a, b], sink);
    await fanout.writeDeadLetters([{ dataset: 'dns', batchId: null, source: 'x', line: 0, reason: 'bad gzip', raw: '', receivedAt: new Date(0) }]);
    assert.deepEqual([a.deadLetters.length, b.deadLetters.length, sink.deadLetters.length], [0, 0, 1]);
    await fanout.close();
    await fanout.close();
    assert.deepEqual([a.closed, b.closed], [1, 1]);
  });
});
