/**
 * The NDJSON writer against its definition: for every document, exactly the UTF-8 bytes of
 * `JSON.stringify(toNested(doc))` and a newline. Checked on the reference fixtures of all 18 datasets
 * (read in place from ../shared), on generated records (many shapes per dataset), and on hand-made
 * documents with the values and names that take the writer's slow paths.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mappedDatasets, mapLineFlat, type FlatDocument } from '../../src/datasets/index.js';
import { DocumentFields } from '../../src/ecs/document-fields.js';
import { toNested } from '../../src/ecs/document.js';
import { DocumentJsonWriter, documentJson, markConstant } from '../../src/ecs/document-json.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { Random } from '../../src/generate/random.js';
import { linesOf } from '../support/documents.js';
import { referenceContext } from '../support/map-context.js';
import { sharedFixtureDir } from '../support/shared.js';

const expected = (docs: readonly FlatDocument[]) => Buffer.from(docs.map((doc) => `${JSON.stringify(toNested(doc))}\n`).join(''));

function written(docs: readonly FlatDocument[], initialBytes?: number): Buffer {
  const writer = new DocumentJsonWriter(initialBytes);
  for (const doc of docs) writer.write(doc);
  return writer.take();
}

describe('DocumentJsonWriter', () => {
  it('writes every reference fixture of every dataset as JSON.stringify(toNested(doc)) would', () => {
    const ctx = referenceContext();
    for (const dataset of mappedDatasets()) {
      const dir = sharedFixtureDir(dataset.name);
      const lines = readdirSync(dir).filter((f) => f.endsWith('.log')).flatMap((f) => linesOf(readFileSync(join(dir, f), 'utf8')));
      assert.ok(lines.length > 0, dataset.name);
      const docs = lines.map((line) => mapLineFlat(dataset, line, ctx));
      assert.deepEqual(written(docs).toString(), expected(docs).toString(), dataset.name);
    }
  });

  it('writes generated records of every dataset, in all their shapes, byte for byte', () => {
    // Both option tags on: namespace duplicates and event.original make more, and longer, shapes.
    for (const ctx of [referenceContext(), referenceContext({ preserveDuplicateCustomFields: false, preserveOriginalEvent: false })]) {
      for (const dataset of mappedDatasets()) {
        const docs = generateLines(generatorFor(dataset.name), { count: 300, seed: 11 }).map((line) => mapLineFlat(dataset, line, ctx));
        // A small first buffer: the writer must grow mid-document.
        assert.ok(written(docs, 16).equals(expected(docs)), dataset.name);
      }
    }
  });

  it('escapes and encodes strings exactly as JSON.stringify does', () => {
    const strings = [
      'plain',
      'quote " and backslash \\',
      'controls \u0000\u0001\n\r\t\u001f and DEL \u007f',
      'non-ASCII é ü 日本語',
      'emoji 😀 (a surrogate pair)',
      'lone surrogates \ud800 and \udfff',
      'x'.repeat(200_000),
      '',
    ];
    // Long strings take the native check and copy: each odd character also at the very start and end.
    const padding = 'https://example.com/a/long/enough/path/to/count/as/long';
    for (const odd of ['"', '\\', '\n', '\u0000', '\u007f', 'é', '日', '😀', '\ud800']) {
      strings.push(`${odd}${padding}`, `${padding}${odd}`, `${padding.slice(0, 20)}${odd}${padding.slice(20)}`);
    }
    strings.push(padding, padding.slice(0, 39), padding.slice(0, 40), `${padding} `.repeat(3).slice(8, 100));
    const docs = strings.map((text) => new Map<string, unknown>([['message', text], ['a.b', [text, 'plain']]]));
    assert.ok(written(docs, 8).equals(expected(docs)));
  });

  it('escapes every ASCII character as JSON.stringify does, in fields, lists and nested objects', () => {
    // Every code 0–127 at least once, then random strings of them around the long-string length.
    const random = new Random(11);
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    const strings = [ascii.join(''), ...ascii.map((c) => `a${c}b`)];
    for (let i = 0; i < 2_000; i++) {
      strings.push(Array.from({ length: random.int(0, 60) }, () => (random.chance(0.2) ? random.pick(ascii) : random.pick(['a', ' ', '/', '"', '\\']))).join(''));
    }
    strings.push('ascii then non-ASCII " é', 'ascii then a lone surrogate \n \ud800', 'the first non-ASCII " \u0080', '"\u00ff"');
    const docs = strings.map((text) => new Map<string, unknown>([['message', text], ['list', [text, '"q"']], ['nested', { inner: text }]]));
    assert.ok(written(docs, 8).equals(expected(docs)));
  });

  it('writes numbers, booleans, null, arrays and objects as JSON.stringify does', () => {
    const values: unknown[] = [0, -0, 7, 10, 99, 100, 443, -1, -10, 2147483647, -2147483648, 2147483648, 1.5, -2e-7, 1e21, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, true, false, null, [], [1, 'two', null, { three: 3 }], { nested: { deep: ['x'] } }, [undefined, () => 1], new Date(0)];
    const docs = values.map((value) => new Map<string, unknown>([['event.kind', 'event'], ['value.x', value], ['z', 1]]));
    assert.ok(written(docs).equals(expected(docs)));
  });

  it('leaves out members without a JSON form, as JSON.stringify does', () => {
    const docs: FlatDocument[] = [
      new Map<string, unknown>([['a', 1], ['b.c', undefined], ['d', 2]]),
      new Map<string, unknown>([['a', 1], ['b.c', () => 0], ['d', 2]]),
      new Map<string, unknown>([['a', 1], ['b.c', Symbol('s')], ['d', 2]]),
      new Map<string, unknown>([['a', 1], ['b.c', { toJSON: () => undefined }], ['d', 2]]),
      // The same shape again with a value that has one: the shape's plan still serves it.
      new Map<string, unknown>([['a', 1], ['b.c', 'x'], ['d', 2]]),
    ];
    assert.equal(written(docs).toString(), expected(docs).toString());
  });

  it('resolves overlapping and unusual names as toNested does', () => {
    const docs: FlatDocument[] = [
      new Map<string, unknown>([['a', 'scalar'], ['a.b', 'deeper']]),
      new Map<string, unknown>([['a.b', 'deeper'], ['a', 'scalar']]),
      new Map<string, unknown>([['a.b', 1], ['c', 2], ['a.d', 3], ['a.b.e', 4]]),
      new Map<string, unknown>([['2', 'b'], ['1.x', 'a'], ['we"ird.k\\ey', 'v'], ['ünï.cödé', 'v']]),
      new Map<string, unknown>(),
    ];
    assert.equal(written(docs).toString(), expected(docs).toString());
  });

  it('serves documents of one shape with different values, and many shapes side by side', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const fields = ['@timestamp', 'source.ip', 'source.port', 'url.path', 'url.query', 'event.category', 'cloudflare_logpush.x.y', 'tags'];
    const docs: FlatDocument[] = [];
    for (let i = 0; i < 2000; i++) {
      const doc = new Map<string, unknown>();
      for (const field of fields) {
        if (random() < 0.3) continue;
        const pick = random();
        doc.set(field, pick < 0.4 ? `value ${i}` : pick < 0.6 ? i : pick < 0.8 ? [`v${i}`, 'w'] : { k: i });
      }
      docs.push(doc);
    }
    assert.ok(written(docs).equals(expected(docs)));
  });

  it('tells shapes apart that share prefixes, end inside one another or order the same names differently', () => {
    let seed = 3;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const names = ['a', 'b', 'c.d', 'c.e', 'f', 'g.h.i', 'j', 'k', 'l.m', 'n'];
    const docs: FlatDocument[] = [];
    for (let i = 0; i < 3000; i++) {
      // Mostly one of a few base orders cut at any length (prefixes, runs split at every point), sometimes shuffled.
      const order = random(4) === 0 ? [...names].sort(() => random(3) - 1) : names.slice(random(3));
      docs.push(new Map(order.slice(0, random(order.length + 1)).map((name) => [name, random(2) ? `${name}${i}` : i] as [string, unknown])));
    }
    assert.ok(written(docs).equals(expected(docs)));
  });

  it('writes mapped documents found by shape hash, those with holes where fields were deleted, and those whose hash another shape has', () => {
    const names = ['a', 'b', 'c.d', 'c.e', 'f', 'g.h.i', 'j', 'k', 'l', 'm.n'];
    const next = (() => {
      let state = 5;
      return (n: number) => ((state = (state * 1664525 + 1013904223) >>> 0), Math.floor((state / 2 ** 32) * n));
    })();
    const build = (order: readonly string[], i: number, holes: number) => {
      const doc = new DocumentFields();
      for (const name of order) doc.set(name, next(2) ? `${name}${i}` : i);
      for (let h = 0; h < holes; h++) doc.delete(order[next(order.length)]!);
      return doc;
    };
    // Two different shapes with one hash, found by trying random orders of the names (a 30-bit hash: a
    // birthday search of some tens of thousands).
    const byHash = new Map<number, string[]>();
    let collision: [string[], string[]] | undefined;
    for (let i = 0; collision === undefined && i < 1_000_000; i++) {
      const order = [...names];
      for (let k = order.length - 1; k > 0; k--) {
        const j = next(k + 1);
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      const shape = build(order, 0, 0).shape;
      const seen = byHash.get(shape);
      if (seen !== undefined && seen.join() !== order.join()) collision = [seen, order];
      else byHash.set(shape, order);
    }
    assert.ok(collision !== undefined, 'no two shapes with one hash found');
    const docs: FlatDocument[] = [];
    for (let i = 0; i < 400; i++) {
      docs.push(build(collision[i % 2]!, i, 0));
      docs.push(build(names.slice(next(4)), i, next(3)));
    }
    assert.ok(written(docs).equals(expected(docs)));
  });

  it('writes constants folded into a plan, and the values when a document of that shape holds others', () => {
    const tags = ['forwarded', 'constant'];
    markConstant('constant value');
    markConstant(tags);
    const shape = (kind: unknown, list: unknown) => new Map<string, unknown>([['event.kind', kind], ['event.id', 'x'], ['tags', list], ['z', 1]]);
    const docs = [
      shape('constant value', tags),
      shape('other value', tags),
      shape('constant value', ['forwarded', 'constant']), // equal content, another array: written, not assumed
      shape('constant value', ['something', 'else']),
      shape('constant value', tags),
    ];
    assert.equal(written(docs).toString(), expected(docs).toString());
  });

  it('writes nested objects and arrays member by member as JSON.stringify does, and hands it the rest', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = i % 2 === 0 ? { level: deep } : [deep];
    const withGetter = Object.defineProperty({ a: 1 }, 'b', { get: () => 'got', enumerable: true });
    const values: unknown[] = [
      { ray_id: 'r', request: { url: 'https://x/', method: 'GET' }, response: { status: 500 } },
      [{ level: 'log', message: ['step 1', 'step 2'], timestamp_ms: 1795729656520 }, { level: 'error', message: [] }],
      { '2': 'b', '1': 'a', z: 'c', 'we"ird': 'k\\ey', ünï: 'cödé', '': 'empty', __proto__x: 1 },
      JSON.parse('{"__proto__":{"polluted":true},"a":1}'),
      Object.assign(Object.create(null), { nullProto: true }),
      { n: -0, f: 1.5, big: 2 ** 40, nan: Number.NaN, inf: -Infinity, t: true, nil: null, e: [], o: {} },
      { skip: undefined, fn: () => 1, sym: Symbol('s'), kept: 'yes' },
      [1, undefined, 3], [() => 1], [Symbol('s')], [, 'hole'],
      { date: new Date(0), point: new Point(3) },
      // Boxed primitives: JSON.stringify writes the value inside, not the members.
      { text: new String('boxed'), number: new Number(3), flag: new Boolean(false) },
      [new String('in a list')],
      { toJSON: () => ({ replaced: true }) },
      { inner: { toJSON: () => 'inner replaced' } },
      withGetter,
      { text: 'line\nbreak', quote: 'say "hi"', control: '\u0001', emoji: '😀', lone: '\ud800', del: '\u007f' },
      deep,
    ];
    const docs = values.map((value) => new Map<string, unknown>([['event.kind', 'event'], ['nested.value', value], ['z', 1]]));
    assert.equal(written(docs).toString(), expected(docs).toString());
    // A cycle still fails as JSON.stringify does, with its TypeError.
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    assert.throws(() => documentJson(new Map([['x', cycle]])), TypeError);
  });

  it('documentJson gives one line without its newline', () => {
    const doc = new Map<string, unknown>([['source.ip', '10.0.0.1'], ['source.port', 443]]);
    assert.equal(documentJson(doc), '{"source":{"ip":"10.0.0.1","port":443}}');
  });
});
