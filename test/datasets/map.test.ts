/**
 * The mapping engine on a small table of its own (not one of the 18 datasets): rules run in table order
 * whatever the record's key order, keys a record inherits are never read, and keys the table does not
 * know are found and kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLine, type Dataset, type DatasetMapping, type MapContext } from '../../src/datasets/index.js';
import { move } from '../../src/ecs/rules.js';
import { createUserAgentParser } from '../../src/ecs/user-agent.js';

const dataset = {
  name: 'dns',
  cloudflareId: 'engine_test',
  scope: 'zone',
  defaultPrefix: 'engine_test',
  defaultTags: [],
  mapping: {
    fields: {},
    constants: {},
    rules: { Alpha: move('alpha'), Beta: move('beta'), constructor: move('ctor'), toString: move('to_string') },
  },
} as const satisfies Dataset & { mapping: DatasetMapping };

const ctx: MapContext = { tags: [], preserveOriginalEvent: false, preserveDuplicateCustomFields: false, userAgent: createUserAgentParser() };
const NS = 'cloudflare_logpush.dns';
const fieldsOf = (record: Record<string, unknown>) => Object.keys(mapLine(dataset, JSON.stringify(record), ctx)).filter((f) => f.startsWith(NS));

describe('mapping engine', () => {
  it('applies the rules in table order, whatever the order of the record', () => {
    assert.deepEqual(fieldsOf({ Beta: 'b', Alpha: 'a' }), [`${NS}.alpha`, `${NS}.beta`]);
    assert.deepEqual(fieldsOf({ Alpha: 'a', Beta: 'b' }), [`${NS}.alpha`, `${NS}.beta`]);
  });

  it('reads a key named like an inherited property only when the record has it', () => {
    assert.deepEqual(fieldsOf({ Alpha: 'a' }), [`${NS}.alpha`]);
    assert.equal(mapLine(dataset, '{"constructor":"c","toString":"t"}', ctx)[`${NS}.ctor`], 'c');
    assert.equal(mapLine(dataset, '{"constructor":"c","toString":"t"}', ctx)[`${NS}.to_string`], 't');
  });

  it('keeps unknown keys, also next to known keys holding null, and only those', () => {
    const doc = mapLine(dataset, '{"Alpha":null,"NewField":"n","Beta":"b","__proto__":"p"}', ctx);
    assert.equal(doc[`${NS}.new_field`], 'n');
    assert.equal(doc[`${NS}.__proto__`], 'p');
    assert.equal(doc[`${NS}.beta`], 'b');
    assert.equal(doc[`${NS}.alpha`], undefined);
    assert.deepEqual(fieldsOf({ Alpha: 'a', Beta: 'b' }).length, 2);
  });

  it('reads numbers beyond 2^53 as digit strings, under known keys, unknown keys and inside objects', () => {
    const big = '1653485126123456789';
    assert.equal(mapLine(dataset, `{"Alpha":${big},"Beta":"b"}`, ctx)[`${NS}.alpha`], big);
    assert.equal(mapLine(dataset, `{"Alpha":"a","Late":${big}}`, ctx)[`${NS}.late`], big);
    assert.deepEqual(mapLine(dataset, `{"Beta":{"list":[1,${big}]}}`, ctx)[`${NS}.beta`], { list: [1, big] });
    // A number within 2^53 stays a number.
    assert.equal(mapLine(dataset, '{"Alpha":9007199254740991}', ctx)[`${NS}.alpha`], 9007199254740991);
  });
});
