import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentFields, slotOf } from '../../src/ecs/document-fields.js';
import { documentJson } from '../../src/ecs/document-json.js';
import { toNested } from '../../src/ecs/document.js';

/** A small deterministic generator (the same operations on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAMES = ['source.ip', 'source.port', 'destination.ip', 'event.kind', 'tags', 'url.path', 'a', 'a.b', 'related.ip', 'x.y.z'];

/** The same name as a string made at run time: equal in content, not the same string object. */
function copyOf(name: string): string {
  return name.split('').join('');
}

function assertSame(fields: DocumentFields, map: Map<string, unknown>, label: string): void {
  assert.equal(fields.size, map.size, `${label}: size`);
  assert.deepEqual([...fields], [...map], `${label}: entries in order`);
  assert.deepEqual([...fields.keys()], [...map.keys()], `${label}: keys`);
  assert.deepEqual([...fields.values()], [...map.values()], `${label}: values`);
  const visited: [string, unknown][] = [];
  fields.forEach((value, name) => visited.push([name, value]));
  assert.deepEqual(visited, [...map], `${label}: forEach`);
  for (const name of NAMES) {
    assert.equal(fields.has(name), map.has(name), `${label}: has ${name}`);
    assert.equal(fields.get(name), map.get(name), `${label}: get ${name}`);
  }
}

describe('DocumentFields', () => {
  it('behaves as a Map under random operations on several documents at once', () => {
    // Several documents in turn: each takes the shared positions back from the others (the sparse set),
    // so a stale position left by another document or by a deleted field must never be trusted.
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const pairs = Array.from({ length: 4 }, () => ({ fields: new DocumentFields(), map: new Map<string, unknown>() }));
    for (let step = 0; step < 20_000; step++) {
      const { fields, map } = pick(pairs);
      const name = next() < 0.3 ? copyOf(pick(NAMES)) : pick(NAMES);
      const roll = next();
      if (roll < 0.5) {
        const value = Math.floor(next() * 1000);
        assert.equal(fields.set(name, value), fields);
        map.set(name, value);
      } else if (roll < 0.58) {
        fields.setAt(slotOf(name), name, 'by slot');
        map.set(name, 'by slot');
      } else if (roll < 0.85) {
        assert.equal(fields.delete(name), map.delete(name), `step ${step}: delete ${name}`);
      } else if (roll < 0.99) {
        assert.equal(fields.getAt(slotOf(name), name), map.get(name), `step ${step}: getAt ${name}`);
      } else {
        fields.clear();
        map.clear();
      }
      if (step % 97 === 0) for (const pair of pairs) assertSame(pair.fields, pair.map, `step ${step}`);
    }
    for (const pair of pairs) assertSame(pair.fields, pair.map, 'end');
  });

  it('puts a field deleted and set again at the end, as a Map does', () => {
    const fields = new DocumentFields().set('a', 1).set('b', 2).set('c', 3);
    fields.delete('a');
    fields.set('a', 4);
    fields.set('b', 5);
    assert.deepEqual([...fields], [['b', 5], ['c', 3], ['a', 4]]);
  });

  it('is written and nested as the same Map would be, deleted fields left out', () => {
    const fields = new DocumentFields();
    const map = new Map<string, unknown>();
    for (const [name, value] of [['event.kind', 'event'], ['source.ip', '192.0.2.1'], ['source.port', 443], ['tags', ['forwarded']], ['url.path', '/x']] as const) {
      fields.set(name, value);
      map.set(name, value);
    }
    fields.delete('source.port');
    map.delete('source.port');
    assert.deepEqual(toNested(fields), toNested(map));
    assert.equal(documentJson(fields), JSON.stringify(toNested(map)));
    assert.equal(documentJson(fields), documentJson(map));
  });

  it('keeps a shape hash that depends only on which name sits at which position, holes included', () => {
    const next = random(11);
    for (let round = 0; round < 300; round++) {
      // Random sets and deletes on one document…
      const built = new DocumentFields();
      for (let op = 0; op < 25; op++) {
        const name = NAMES[Math.floor(next() * NAMES.length)]!;
        if (next() < 0.7) built.set(name, op);
        else built.delete(name);
      }
      // …and the same names at the same positions by another way: each hole made by a filler set and deleted.
      const direct = new DocumentFields();
      built.names.forEach((name, at) => {
        direct.set(name ?? `filler.${at}`, at);
        if (name === undefined) direct.delete(`filler.${at}`);
      });
      assert.deepEqual(direct.names, built.names);
      assert.equal(direct.shape, built.shape, `round ${round}`);
      assert.equal(built.shapeless, false);
    }
    const ab = new DocumentFields().set('a', 1).set('b', 2);
    const ba = new DocumentFields().set('b', 1).set('a', 2);
    assert.notEqual(ab.shape, ba.shape, 'two fields swapped');
    ab.clear();
    assert.equal(ab.shape, new DocumentFields().shape);
  });

  it('still works for names beyond the bound on slots (found by a scan instead)', () => {
    // Past 65,536 distinct names (record keys a mapping does not know could be many), names get no slot.
    for (let i = 0; slotOf(`filler.${i}`) >= 0; i++);
    const late = ['late.one', 'late.two', 'late.three'];
    assert.deepEqual(late.map(slotOf), [-1, -1, -1]);
    const fields = new DocumentFields().set('event.kind', 'event');
    const other = new DocumentFields().set('late.two', 'other');
    for (const name of late) fields.set(name, name.length);
    fields.set('late.one', 'again');
    assert.equal(fields.delete('late.two'), true);
    assert.equal(other.get('late.two'), 'other');
    assert.deepEqual([...fields], [['event.kind', 'event'], ['late.one', 'again'], ['late.three', 10]]);
    assert.equal(fields.has('late.two'), false);
    assert.equal(fields.size, 3);
    // Such a document has no shape hash; the writer finds its plan by its names.
    assert.equal(fields.shapeless, true);
    assert.equal(documentJson(fields), JSON.stringify(toNested(fields)));
  });
});
