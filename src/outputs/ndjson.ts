import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { NdjsonOutputConfig } from '../config/outputs.js';
import { DocumentJsonWriter } from '../ecs/document-json.js';
import { RetryableError } from '../errors.js';
import type { DeadLetter, Output, OutputBatch } from './output.js';

const gzip = promisify(gzipCallback);

/**
 * NDJSON output: one nested ECS document per line (the `logpush transform` format), to stdout or to
 * files, one series per dataset (`<dataset>-<UTC time>-<n>.ndjson[.gz]`), rotated by size and age.
 *
 * `write` resolves once the batch's lines are fsync'ed (files) or handed to the stream (stdout, which
 * cannot be synced). With gzip, each batch is written as its own gzip member: concatenated members are
 * one valid gzip file (`zcat` and Node's gunzip read them), and a crash mid-write leaves every earlier
 * batch readable. There is no idempotency record: a batch sent again is written again (at least once).
 * Dead letters handed to this output go to a `dead_letters` series of the same shape.
 */
interface OpenFile {
  readonly handle: FileHandle;
  readonly openedAt: number;
  bytes: number;
}

export class NdjsonOutput implements Output {
  readonly name = 'ndjson';
  private readonly files = new Map<string, OpenFile>();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private sequence = 0;

  constructor(
    private readonly config: NdjsonOutputConfig,
    /** Where `path: "-"` writes (stdout unless a test passes a stream). */
    private readonly stdout: Writable = process.stdout,
    /** The clock, for rotation by age. */
    private readonly now: () => number = Date.now,
  ) {
    if (config.path !== '-') mkdirSync(config.path, { recursive: true });
  }

  write(batch: OutputBatch): Promise<{ duplicate: boolean }> {
    const writer = new DocumentJsonWriter();
    for (const doc of batch.documents) writer.write(doc);
    const lines = writer.take();
    return this.enqueue(() => this.append(batch.dataset, lines)).then(() => ({ duplicate: false }));
  }

  writeDeadLetters(letters: readonly DeadLetter[]): Promise<void> {
    const text = letters.map((l) => `${JSON.stringify({ ...l, receivedAt: l.receivedAt.toISOString() })}\n`).join('');
    return this.enqueue(() => this.append('dead_letters', Buffer.from(text)));
  }

  /** One write at a time, in arrival order, so that lines of two batches never interleave. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new RetryableError('ERR_OUTPUT_CLOSED', 'the ndjson output is closed'));
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async append(series: string, lines: Buffer): Promise<void> {
    if (lines.length === 0) return;
    if (this.config.path === '-') {
      await new Promise<void>((done, fail) => this.stdout.write(lines, (error) => (error ? fail(error) : done())));
      return;
    }
    const size = lines.length;
    const file = await this.fileFor(series, size);
    const bytes = this.config.gzip ? await gzip(lines) : lines;
    await file.handle.write(bytes);
    await file.handle.datasync();
    file.bytes += size;
  }

  /** The file to append to, rotating first when the next write would pass the size or age limit. */
  private async fileFor(series: string, nextBytes: number): Promise<OpenFile> {
    const current = this.files.get(series);
    const now = this.now();
    if (current !== undefined) {
      const tooBig = current.bytes > 0 && current.bytes + nextBytes > this.config.rotate_max_bytes;
      const tooOld = now - current.openedAt >= this.config.rotate_interval_secs * 1000;
      if (!tooBig && !tooOld) return current;
      this.files.delete(series);
      await current.handle.close();
    }
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const handle = await this.createFile(series, stamp);
    await syncDirectory(this.config.path);
    const file = { handle, openedAt: now, bytes: 0 };
    this.files.set(series, file);
    return file;
  }

  /** `wx`: never append to a file an earlier run left behind (it may end in a torn write); skip taken names. */
  private async createFile(series: string, stamp: string): Promise<FileHandle> {
    for (;;) {
      const name = `${series}-${stamp}-${++this.sequence}.ndjson${this.config.gzip ? '.gz' : ''}`;
      try {
        return await open(join(resolve(this.config.path), name), 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** Finishes queued writes and closes the files. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    for (const file of this.files.values()) await file.handle.close();
    this.files.clear();
  }
}

/** A new file is durable only once its directory entry is: sync the directory too. */
async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
