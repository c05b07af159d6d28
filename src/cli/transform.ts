import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { mapLineFlat, type MapContext, type MappedDataset } from '../datasets/index.js';
import { DocumentJsonWriter } from '../ecs/document-json.js';

/**
 * `logpush transform`: Cloudflare records (NDJSON, gzip or plain) → one ECS document per record on
 * stdout, in input order, through exactly the mapping code the server uses.
 */
export interface TransformOptions {
  readonly dataset: MappedDataset | ((record: string) => MappedDataset | string);
  readonly ctx: MapContext;
  readonly input: Readable;
  readonly output: Writable;
}

/** Output is written in chunks of about this many bytes (a pipe's buffer), not line by line. */
export const OUTPUT_CHUNK_BYTES = 1 << 16;
/**
 * The writer's buffer for one chunk: the chunk and room for the document that crosses its end. A buffer
 * of exactly the chunk's size had to double, copying the 64 KB written so far, once per chunk.
 */
export const OUTPUT_BUFFER_BYTES = OUTPUT_CHUNK_BYTES + (1 << 14);

/** Opens a file or stdin (`-`), gunzipping when the first bytes are the gzip magic. */
export async function openInput(file: string | undefined): Promise<Readable> {
  const raw: Readable = file === undefined || file === '-' ? process.stdin : createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    raw.once('readable', resolve);
    raw.once('error', reject);
    raw.once('end', resolve);
  });
  const head: Buffer | null = raw.read(2);
  if (head !== null) raw.unshift(head);
  const isGzip = head !== null && head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  return isGzip ? raw.pipe(createGunzip()) : raw.pipe(new PassThrough());
}

/** Streams records through the mapping; resolves with counts once the output has taken everything. */
export async function transform(options: TransformOptions): Promise<{ records: number; unmatched: number }> {
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  const writer = new DocumentJsonWriter(OUTPUT_BUFFER_BYTES);
  let records = 0;
  let unmatched = 0;
  const flush = async () => {
    if (writer.length === 0) return;
    const ok = options.output.write(writer.take());
    if (!ok) await new Promise((resolve) => options.output.once('drain', resolve));
  };
  for await (const line of lines) {
    if (line.trim() === '') continue;
    records++;
    const dataset = typeof options.dataset === 'function' ? options.dataset(line) : options.dataset;
    if (typeof dataset === 'string') {
      // Auto-detection found no dataset: say so on stderr, keep the line's place with an error document.
      unmatched++;
      writer.write(new Map<string, unknown>([['error.message', [dataset]], ['event.kind', 'pipeline_error'], ['event.original', line]]));
    } else {
      writer.write(mapLineFlat(dataset, line, options.ctx));
    }
    if (writer.length > OUTPUT_CHUNK_BYTES) await flush();
  }
  await flush();
  return { records, unmatched };
}
