import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PermanentError } from '../errors.js';

/**
 * Streams an object body as chunks of NDJSON lines, never holding the whole object: gunzips when the
 * first bytes are the gzip magic (never trusting Content-Encoding/Content-Type metadata, which S3-compatible
 * stores and GCS transcoding get wrong), checks that the content is UTF-8 text, and cuts the lines into
 * chunks of at most `batchLines` lines or `BATCH_BYTES` characters. The cut points depend only on the
 * content, so a re-read of the same object yields the same chunks (and the same batch ids).
 *
 * Errors: a download that fails mid-way rethrows the transport error as is (retry); a corrupt gzip
 * stream is `ERR_BODY_NOT_GZIP` and binary content `ERR_BODY_NOT_TEXT` (both permanent).
 */
export interface LineChunk {
  /** 0-based chunk index within the object. */
  readonly index: number;
  /** 1-based number of the chunk's first line within the object. */
  readonly firstLine: number;
  readonly lines: string[];
}

export interface ReadProgress {
  compressedBytes: number;
  decompressedBytes: number;
}

/** Characters per chunk: bounds memory per object reader whatever the line count. */
export const BATCH_BYTES = 8 * 1024 * 1024;

export async function* readLineChunks(
  body: AsyncIterable<Uint8Array>,
  options: { batchLines: number; maxLineBytes: number; progress: ReadProgress },
): AsyncGenerator<LineChunk> {
  const { progress } = options;
  const counted = (async function* () {
    for await (const chunk of body) {
      progress.compressedBytes += chunk.length;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  })();
  // Sniff the magic from the first two bytes, however the transport splits them.
  let head = Buffer.alloc(0);
  let next = await counted.next();
  while (!next.done && head.length + next.value.length < 2) {
    head = Buffer.concat([head, next.value]);
    next = await counted.next();
  }
  if (!next.done) head = Buffer.concat([head, next.value]);
  if (head.length === 0) return;
  const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const raw = Readable.from(
    (async function* () {
      yield head;
      yield* counted;
    })(),
  );
  const decoded = isGzip ? gunzip(raw) : raw;
  try {
    yield* splitIntoChunks(decoded, options.batchLines, options.maxLineBytes, progress);
  } finally {
    raw.destroy();
    decoded.destroy();
  }
}

/** Gunzips a stream; a transport error surfaces as itself, a zlib error as ERR_BODY_NOT_GZIP. */
function gunzip(raw: Readable): AsyncIterable<Buffer> & Readable {
  const zlib = createGunzip();
  raw.on('error', (error) => zlib.destroy(new TransportError(error)));
  raw.pipe(zlib);
  const mapped = (async function* () {
    try {
      for await (const chunk of zlib) yield chunk as Buffer;
    } catch (error) {
      if (error instanceof TransportError) throw error.cause;
      throw new PermanentError('ERR_BODY_NOT_GZIP', `object is not valid gzip: ${(error as Error).message}`, { cause: error });
    }
  })();
  return Readable.from(mapped) as AsyncIterable<Buffer> & Readable;
}

class TransportError extends Error {
  constructor(override readonly cause: unknown) {
    super('transport error', { cause });
  }
}

async function* splitIntoChunks(
  source: AsyncIterable<Buffer>,
  batchLines: number,
  maxLineBytes: number,
  progress: ReadProgress,
): AsyncGenerator<LineChunk> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let partial = '';
  let oversized = false;
  let lines: string[] = [];
  let chars = 0;
  let index = 0;
  let lineNumber = 0;
  let firstLine = 1;
  const take = (line: string): LineChunk | undefined => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lineNumber++;
    if (line.trim() === '') {
      if (lines.length === 0) firstLine = lineNumber + 1;
      return undefined;
    }
    lines.push(line);
    chars += line.length;
    if (lines.length < batchLines && chars < BATCH_BYTES) return undefined;
    const chunk = { index: index++, firstLine, lines };
    lines = [];
    chars = 0;
    firstLine = lineNumber + 1;
    return chunk;
  };
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      if (bytes.includes(0)) throw new Error('NUL byte');
      return utf8.decode(bytes, { stream });
    } catch {
      throw new PermanentError('ERR_BODY_NOT_TEXT', 'object is neither gzip nor UTF-8 NDJSON text');
    }
  };
  const feed = function* (text: string): Generator<LineChunk> {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      const line = oversized ? partial : partial + piece;
      partial = '';
      oversized = false;
      start = newline + 1;
      const chunk = take(line);
      if (chunk !== undefined) yield chunk;
    }
    if (oversized) return;
    partial += text.slice(start);
    // A line longer than the limit is cut here (and dead-lettered by the pipeline) instead of growing without bound.
    if (partial.length > maxLineBytes) {
      partial = partial.slice(0, maxLineBytes + 1);
      oversized = true;
    }
  };
  for await (const bytes of source) {
    progress.decompressedBytes += bytes.length;
    yield* feed(decode(bytes, true));
  }
  yield* feed(decode(Buffer.alloc(0), false));
  if (partial !== '') {
    const chunk = take(partial);
    if (chunk !== undefined) yield chunk;
  }
  if (lines.length > 0) yield { index, firstLine, lines };
}
