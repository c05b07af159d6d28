/**
 * The mapping engine on a small table of its own (not one of the 18 datasets): rules run in table order
 * whatever the record's key order, keys a record inherits are never read, and keys the table does not
 * know are found and kept. Then all 18 datasets where code generation is disallowed (the walked loop).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mapLine, mappedDatasets, type Dataset, type DatasetMapping, type MapContext } from '../../src/datasets/index.js';
import { move } from '../../src/ecs/rules.js';
import { createUserAgentParser } from '../../src/ecs/user-agent.js';
import { PROJECT_ROOT } from '../support/shared.js';

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

  it('maps the same documents where code generation from strings is disallowed (the walked rule loop)', () => {
    // A child process with the V8 flag some hardened deployments set: new Function throws there.
    const script = `
      import { mappedDatasets, mapLine } from ${JSON.stringify(join(PROJECT_ROOT, 'src/datasets/index.ts'))};
      import { generateLines, generatorFor } from ${JSON.stringify(join(PROJECT_ROOT, 'src/generate/index.ts'))};
      import { createUserAgentParser } from ${JSON.stringify(join(PROJECT_ROOT, 'src/ecs/user-agent.ts'))};
      let generated = true;
      try { new Function('return 1'); } catch { generated = false; }
      const ctx = { tags: [], preserveOriginalEvent: false, preserveDuplicateCustomFields: true, userAgent: createUserAgentParser() };
      const records = mappedDatasets().flatMap((d) => generateLines(generatorFor(d.name), { count: 30, seed: 5 }).map((line) => [d.name, line]));
      const docs = records.map(([name, line]) => mapLine(mappedDatasets().find((d) => d.name === name), line, ctx));
      process.stdout.write(JSON.stringify({ generated, records, docs }));
    `;
    const output = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
      maxBuffer: 1 << 28,
    });
    const child = JSON.parse(output.toString()) as { generated: boolean; records: [string, string][]; docs: unknown[] };
    assert.equal(child.generated, false, 'the flag took effect in the child');
    // The same lines mapped here, with the generated rule loop (the generator's times depend on the clock).
    const here = { ...ctx, preserveDuplicateCustomFields: true };
    const expected = child.records.map(([name, line]) => mapLine(mappedDatasets().find((d) => d.name === name)!, line, here));
    assert.equal(child.docs.length, mappedDatasets().length * 30);
    child.docs.forEach((doc, i) => assert.deepEqual(doc, JSON.parse(JSON.stringify(expected[i])), `document ${i}`));
  });
});
