import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PermanentError } from '../errors.js';

/**
 * Decode, shared by all inputs: reads a body as a stream with two hard limits (compressed and
 * decompressed bytes, which also stops gzip bombs), gunzips when the encoding says so or the bytes
 * start with the gzip magic (Cloudflare's validation probe sometimes arrives uncompressed), and splits
 * NDJSON into lines. It knows nothing about datasets.
 */
export interface DecodeLimits {
  readonly maxCompressedBytes: number;
  readonly maxDecompressedBytes: number;
}

export interface DecodedBody {
  /** The decompressed bytes. */
  readonly body: Buffer;
  readonly compressedBytes: number;
  /** sha256 of the decompressed bytes: identifies a batch that Cloudflare sends again. */
  readonly sha256: string;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Content-Encoding values we decode; anything else is refused (415) rather than parsed as JSON. */
export function encodingOf(header: string | undefined): 'gzip' | 'identity' | 'sniff' | undefined {
  if (header === undefined || header === '') return 'sniff';
  const value = header.trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'identity') return 'identity';
  return undefined;
}

/** Reads a whole body, refusing (ERR_BODY_TOO_LARGE) as soon as it passes the compressed limit. */
export async function readLimited(source: Readable | AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new PermanentError('ERR_BODY_TOO_LARGE', `body exceeds ${maxBytes} bytes (compressed limit)`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/**
 * Decompresses a body read by `readLimited`. Throws PermanentError `ERR_BODY_TOO_LARGE` past the
 * decompressed limit and `ERR_BODY_NOT_GZIP` for a corrupt gzip stream.
 */
export async function decodeBody(raw: Buffer, encoding: 'gzip' | 'identity' | 'sniff', limits: DecodeLimits): Promise<DecodedBody> {
  const isGzip = encoding === 'gzip' || (encoding === 'sniff' && raw.length >= 2 && raw[0] === GZIP_MAGIC_0 && raw[1] === GZIP_MAGIC_1);
  if (!isGzip && raw.length > limits.maxDecompressedBytes) {
    throw new PermanentError('ERR_BODY_TOO_LARGE', `body exceeds ${limits.maxDecompressedBytes} bytes (decompressed limit)`);
  }
  const body = isGzip ? await gunzipLimited(raw, limits.maxDecompressedBytes) : raw;
  return { body, compressedBytes: raw.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** Gunzips on the thread pool, stopping as soon as the output passes the limit. Multi-member aware. */
export function gunzipLimited(input: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const parts: Buffer[] = [];
    let total = 0;
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      gunzip.destroy();
      reject(error);
    };
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        fail(new PermanentError('ERR_BODY_TOO_LARGE', `body exceeds ${maxBytes} bytes once decompressed (decompressed limit)`));
        return;
      }
      parts.push(chunk);
    });
    gunzip.on('error', (error) => fail(new PermanentError('ERR_BODY_NOT_GZIP', `body is not valid gzip: ${error.message}`, { cause: error })));
    gunzip.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(parts, total));
    });
    gunzip.end(input);
  });
}

/** Cloudflare's destination-validation upload: `{"content":"tests"}` (or `test`), small, not a log record. */
export function isValidationProbe(body: Buffer): boolean {
  if (body.length > 1024) return false;
  const text = body.toString('utf8').trim();
  return text === '{"content":"tests"}' || text === 'test';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits decompressed NDJSON into lines (blank lines and a trailing newline skipped, `\r\n` accepted).
 * Throws `ERR_BODY_NOT_TEXT` for bytes that are not UTF-8 text at all (NUL bytes, invalid sequences).
 */
export function splitLines(body: Buffer): string[] {
  let text: string;
  try {
    if (body.includes(0)) throw new Error('NUL byte');
    text = utf8.decode(body);
  } catch {
    throw new PermanentError('ERR_BODY_NOT_TEXT', 'body is neither gzip nor UTF-8 NDJSON text');
  }
  const lines = text.split('\n');
  const out: string[] = [];
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') out.push(line);
  }
  return out;
}
