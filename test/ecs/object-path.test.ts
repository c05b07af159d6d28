import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { omitTree, valueAt, withoutPaths } from '../../src/ecs/object-path.js';

describe('valueAt', () => {
  it('reads own members along a path, and nothing through arrays or missing steps', () => {
    const object = { request: { method: 'GET', list: [{ a: 1 }] } };
    assert.equal(valueAt(object, ['request', 'method']), 'GET');
    assert.equal(valueAt(object, ['request', 'list', '0']), undefined);
    assert.equal(valueAt(object, ['response', 'status']), undefined);
    assert.equal(valueAt(object, ['request', 'toString']), undefined);
  });
});

describe('withoutPaths', () => {
  const omit = omitTree([['ray_id'], ['request', 'method'], ['request', 'url'], ['response', 'status']]);

  it('leaves out the named members, keeps the others in order, and does not touch the original', () => {
    const event = { ray_id: 'r', request: { url: 'u', method: 'GET', headers: { a: 'b' } }, response: { status: 200 }, script: 'x' };
    const before = JSON.stringify(event);
    const result = withoutPaths(event, omit);
    assert.equal(JSON.stringify(result), '{"request":{"headers":{"a":"b"}},"script":"x"}');
    assert.equal(JSON.stringify(event), before);
  });

  it('drops objects it leaves empty, as pruning would, but keeps ones that were not objects', () => {
    assert.deepEqual(withoutPaths({ request: { url: 'u', method: 'GET' }, response: { status: 1 } }, omit), {});
    assert.deepEqual(withoutPaths({ request: 'text', response: [{ status: 1 }] }, omit), { request: 'text', response: [{ status: 1 }] });
  });

  it('keeps a "__proto__" member as a member', () => {
    const event = JSON.parse('{"__proto__":{"polluted":true},"ray_id":"r"}') as Record<string, unknown>;
    const result = withoutPaths(event, omit);
    assert.equal(JSON.stringify(result), '{"__proto__":{"polluted":true}}');
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
  });
});
