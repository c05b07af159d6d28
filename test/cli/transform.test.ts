/**
 * `transform()` (what `logpush transform` runs) writes its output in chunks: every chunk holds whole
 * lines, none grows past the writer's buffer, and the lines are the documents of the records in order.
 */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { mapLineFlat, requireMappedDataset } from '../../src/datasets/index.js';
import { documentJson } from '../../src/ecs/document-json.js';
import { createUserAgentParser } from '../../src/ecs/user-agent.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { OUTPUT_BUFFER_BYTES, OUTPUT_CHUNK_BYTES, transform } from '../../src/cli/transform.js';

describe('transform output chunks', () => {
  it('writes whole lines in chunks of about OUTPUT_CHUNK_BYTES, the documents of the records in order', async () => {
    const dataset = requireMappedDataset('http_request');
    const ctx = { tags: ['forwarded'], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
    const lines = generateLines(generatorFor(dataset.name), { count: 1500, seed: 3 });
    const chunks: Buffer[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const input = new PassThrough();
    input.end(lines.join('\n') + '\n');

    const counts = await transform({ dataset, ctx, input, output });

    assert.deepEqual(counts, { records: lines.length, unmatched: 0 });
    assert.ok(chunks.length > 5, `several chunks (${chunks.length})`);
    for (const chunk of chunks.slice(0, -1)) {
      assert.ok(chunk.length > OUTPUT_CHUNK_BYTES && chunk.length <= OUTPUT_BUFFER_BYTES, `chunk of ${chunk.length} bytes`);
    }
    for (const chunk of chunks) assert.equal(chunk.at(-1), 10, 'a chunk ends with a whole line');
    const written = Buffer.concat(chunks).toString('utf8').split('\n').slice(0, -1);
    assert.deepEqual(written, lines.map((line) => documentJson(mapLineFlat(dataset, line, ctx))));
  });
});
