/**
 * The object reader on its own: gzip sniffing whatever the transport's chunking, chunk cut points that
 * depend only on the content, long lines cut instead of buffered, binary content refused, and a large
 * object streamed with bounded memory. No server: the bodies are generated streams.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { createGzip, gzipSync } from 'node:zlib';
import { PermanentError } from '../../src/errors.js';
import { readLineChunks, type LineChunk } from '../../src/inputs/object-reader.js';

async function readAll(body: AsyncIterable<Uint8Array>, batchLines = 2, maxLineBytes = 100): Promise<LineChunk[]> {
  const chunks: LineChunk[] = [];
  for await (const chunk of readLineChunks(body, { batchLines, maxLineBytes, progress: { compressedBytes: 0, decompressedBytes: 0 } })) chunks.push(chunk);
  return chunks;
}

/** Splits bytes into pieces of `size` bytes, as a slow transport would deliver them. */
const pieces = (bytes: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

describe('object reader', () => {
  const text = '{"a":1}\n{"a":2}\r\n\n{"a":3}\n{"a":4}\n{"a":5}';

  for (const [name, body] of [
    ['plain text', Buffer.from(text)],
    ['gzip', gzipSync(text)],
    ['gzip delivered one byte at a time', gzipSync(text)],
  ] as const) {
    it(`cuts ${name} into the same chunks of lines`, async () => {
      const chunks = await readAll(name.includes('one byte') ? pieces(body, 1) : pieces(body, 7));
      assert.deepEqual(
        chunks.map((c) => [c.index, c.firstLine, c.lines]),
        [
          [0, 1, ['{"a":1}', '{"a":2}']],
          [1, 4, ['{"a":3}', '{"a":4}']],
          [2, 6, ['{"a":5}']],
        ],
      );
    });
  }

  it('cuts a line longer than the limit instead of buffering it (the pipeline dead-letters it)', async () => {
    const long = `{"x":"${'y'.repeat(10_000)}"}`;
    const chunks = await readAll(pieces(Buffer.from(`${long}\n{"a":1}\n`), 64), 10, 100);
    assert.equal(chunks[0]!.lines[0]!.length, 101);
    assert.equal(chunks[0]!.lines[1], '{"a":1}');
  });

  it('refuses binary content and a corrupt gzip stream as permanent errors', async () => {
    await assert.rejects(readAll(Readable.from([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])])), (e: unknown) => e instanceof PermanentError && e.code === 'ERR_BODY_NOT_TEXT');
    const corrupt = Buffer.concat([gzipSync(text).subarray(0, 12), Buffer.from('not deflate at all')]);
    await assert.rejects(readAll(Readable.from([corrupt])), (e: unknown) => e instanceof PermanentError && e.code === 'ERR_BODY_NOT_GZIP');
  });

  it('rethrows a transport failure as itself, so that the object is retried', async () => {
    const failing = (async function* () {
      yield gzipSync(text).subarray(0, 10);
      throw new Error('ECONNRESET from the store');
    })();
    await assert.rejects(readAll(failing), /ECONNRESET from the store/);
  });

  it('streams a 200 MB object with bounded memory', { timeout: 120_000 }, async () => {
    const line = `{"ClientIP":"192.0.2.1","QueryName":"example.com","padding":"${'p'.repeat(150)}"}\n`;
    const lines = 1_000_000; // about 200 MB decompressed
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < lines / 1000; i++) yield Buffer.from(line.repeat(1000));
      })(),
    ).pipe(createGzip({ level: 1 }));
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peak = 0;
    let total = 0;
    for await (const chunk of readLineChunks(source, { batchLines: 5000, maxLineBytes: 1 << 20, progress: { compressedBytes: 0, decompressedBytes: 0 } })) {
      total += chunk.lines.length;
      const used = process.memoryUsage();
      peak = Math.max(peak, used.heapUsed + used.arrayBuffers - baseline);
    }
    assert.equal(total, lines);
    assert.ok(peak < 64 * 1024 * 1024, `peak memory growth ${Math.round(peak / 1048576)} MiB for a ${Math.round((lines * line.length) / 1048576)} MiB object`);
  });
});
