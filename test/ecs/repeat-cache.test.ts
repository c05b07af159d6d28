/** RepeatCache: keeps values while keys repeat, steps aside for a while after a window of few hits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RepeatCache } from '../../src/ecs/repeat-cache.js';

/** Looks `key` up as a caller does: through the cache while it is in use, else by `work` alone. */
function lookUp(cache: RepeatCache<string>, key: string, work: (key: string) => string): { value: string; cached: boolean } {
  if (!cache.inUse()) return { value: work(key), cached: false };
  const hit = cache.get(key);
  if (hit !== undefined) return { value: hit, cached: true };
  const value = work(key);
  cache.set(key, value);
  return { value, cached: false };
}

describe('RepeatCache', () => {
  it('serves repeated keys from the cache', () => {
    const cache = new RepeatCache<string>();
    const work = (key: string) => key.toUpperCase();
    let cached = 0;
    for (let i = 0; i < 3000; i++) {
      const result = lookUp(cache, `key ${i % 20}`, work);
      assert.equal(result.value, `KEY ${i % 20}`);
      if (result.cached) cached++;
    }
    assert.equal(cached, 3000 - 20);
  });

  it('steps aside after a window of mostly new keys, and is tried again after resting', () => {
    const cache = new RepeatCache<string>();
    let inUse = 0;
    // 1,024 distinct keys: no hits in the first window, so the next 65,536 calls go without the cache.
    for (let i = 0; i < 1024 + 65_536; i++) if (cache.inUse()) {
      cache.get(`new ${i}`);
      inUse++;
    }
    assert.equal(inUse, 1024);
    assert.equal(cache.inUse(), true, 'in use again after resting');
    // The entries were let go when it stepped aside.
    assert.equal(cache.get('new 0'), undefined);
  });

  it('stays in use while most lookups of a window hit', () => {
    const cache = new RepeatCache<string>();
    for (let i = 0; i < 10 * 1024; i++) {
      assert.equal(cache.inUse(), true, `call ${i}`);
      const key = i % 3 !== 0 ? 'same' : `new ${i}`; // two hits in three
      if (cache.get(key) === undefined) cache.set(key, key);
    }
  });

  it('holds at most its capacity, starting again when full', () => {
    const cache = new RepeatCache<string>(4);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, key);
    assert.equal(cache.get('a'), 'a');
    cache.set('e', 'e');
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('e'), 'e');
  });
});
