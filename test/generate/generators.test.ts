/**
 * The generators of all 18 datasets (`logpush generate`, demos, benchmarks) against their mappings:
 * every record maps without `error.message`, gets its own time as `@timestamp`, and uses only keys the
 * mapping knows (so generated data exercises the mapping, not the unknown-field path).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mappedDatasets, mapLineFlat } from '../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { referenceContext } from '../support/map-context.js';

const END_MS = Date.UTC(2024, 0, 2);
const SPAN_MS = 86_400_000;

describe('generators', () => {
  for (const dataset of mappedDatasets()) {
    it(`${dataset.name}: generated records map cleanly, at their own time, with known keys only`, () => {
      const ctx = referenceContext();
      for (const line of generateLines(generatorFor(dataset.name), { count: 200, seed: 5, endMs: END_MS, spanMs: SPAN_MS })) {
        const doc = mapLineFlat(dataset, line, ctx);
        assert.equal(doc.get('error.message'), undefined, line);
        const time = Date.parse(doc.get('@timestamp') as string);
        assert.ok(time > END_MS - SPAN_MS - 1000 && time <= END_MS, `@timestamp ${doc.get('@timestamp')} of ${line}`);
        for (const key of Object.keys(JSON.parse(line))) assert.ok(key in dataset.mapping.rules, `generator key ${key} has no rule`);
      }
    });
  }
});
