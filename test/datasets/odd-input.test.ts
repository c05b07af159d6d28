/**
 * Odd but legal input never crashes a mapping or loses a record: for every dataset, each key of a
 * realistic record is replaced in turn by empty strings, nulls, "-" placeholders, arrays, numbers as
 * strings, IPv6, every timestamp form, very long values and non-ASCII text; each variant must still give
 * exactly one document, whose unknown fields and values survive in the document or in error.message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mappedDatasets, mapLine } from '../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { referenceContext } from '../support/map-context.js';
import { emittedFieldsOutsideList } from '../support/documents.js';

const ODD_VALUES: readonly [string, unknown][] = [
  ['empty string', ''],
  ['null', null],
  ['dash placeholder', '-'],
  ['N/A', 'N/A'],
  ['zero', 0],
  ['negative', -1],
  ['number as string', '42'],
  ['float', 3.25],
  ['huge integer', '18446744073709551615'],
  ['boolean', true],
  ['boolean as string', 'TRUE'],
  ['IPv6', '2001:db8::ff00:42:8329'],
  ['RFC 3339 with offset', '2024-02-29T23:59:59.123456789+05:30'],
  ['unix seconds', 1709251199],
  ['unix milliseconds as string', '1709251199123'],
  ['unix nanoseconds', '1709251199123456789'],
  ['array of strings', ['a', 'b']],
  ['array of numbers', [1, 2, 3]],
  ['empty array', []],
  ['object', { nested: { value: 1 } }],
  ['empty object', {}],
  ['very long string', 'x'.repeat(100_000)],
  ['non-ASCII', 'Zürich — 東京 — 🚀'],
  ['control characters', 'line\nbreak\ttab\u0000nul'],
];

describe('odd but legal input', () => {
  for (const dataset of mappedDatasets()) {
    it(`${dataset.name}: one document per record for every odd value in every field`, () => {
      const ctx = referenceContext();
      const base = JSON.parse(generateLines(generatorFor(dataset.name), { count: 1, seed: 3 })[0]!) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(dataset.mapping.rules), ...Object.keys(base)])];
      let variants = 0;
      for (const key of keys) {
        for (const [name, value] of ODD_VALUES) {
          const line = JSON.stringify({ ...base, [key]: value });
          let doc: Record<string, unknown>;
          try {
            doc = mapLine(dataset, line, ctx);
          } catch (error) {
            assert.fail(`${key} = ${name}: the mapping threw ${(error as Error).stack}`);
          }
          assert.equal(typeof doc, 'object', `${key} = ${name}`);
          assert.equal(doc['event.original'], line, `${key} = ${name}: the raw record is kept`);
          const outside = emittedFieldsOutsideList(dataset, line, doc);
          assert.deepEqual(outside, [], `${key} = ${name}: fields outside the field list`);
          variants++;
        }
      }
      assert.ok(variants >= ODD_VALUES.length * 5);
    });
  }

  it('keeps an unknown key of every dataset under the namespace in snake_case', () => {
    for (const dataset of mappedDatasets()) {
      const base = JSON.parse(generateLines(generatorFor(dataset.name), { count: 1, seed: 5 })[0]!);
      const doc = mapLine(dataset, JSON.stringify({ ...base, BrandNewField: { a: 1 }, AnotherOneMs: 7 }), referenceContext());
      assert.deepEqual(doc[`cloudflare_logpush.${dataset.name}.brand_new_field`], { a: 1 }, dataset.name);
      assert.equal(doc[`cloudflare_logpush.${dataset.name}.another_one_ms`], 7, dataset.name);
    }
  });
});
