/**
 * device_posture rules that the golden fixtures do not exercise: the tag-less shape, boolean coercion and
 * its failure, pruning inside the posture objects, related.* de-duplication and the generator.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { device_posture } from '../../src/datasets/device_posture.js';
import { mapLine, type MapContext, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { generateDevicePosture } from '../../src/generate/device_posture.js';
import { Random } from '../../src/generate/random.js';
import { referenceContext } from '../support/map-context.js';

const dataset = device_posture as MappedDataset;
const NS = 'cloudflare_logpush.device_posture';
const BASE = {
  ClientVersion: '2024.10.1', DeviceID: '083a8354-d56c-11ed-9771-111111111', DeviceManufacturer: 'Apple Inc.',
  DeviceModel: 'MacBookPro18,3', DeviceName: 'alice-laptop', DeviceSerialNumber: 'C02G71ABQ6L4', DeviceType: 'macos',
  Email: 'alice@example.com', OSVersion: '14.2.1', PolicyID: 'policy-abcdefgh', PostureCheckName: 'Disk encryption',
  PostureCheckType: 'disk_encryption', PostureEvaluatedResult: false, PostureExpectedJSON: { requireAll: true },
  PostureReceivedJSON: { encrypted: false }, RegistrationID: 'reg-1234', Timestamp: '2024-11-05T08:15:00Z', UserUID: 'user-abcdefgh',
};

function map(record: Record<string, unknown> | string, overrides: Partial<MapContext> = {}) {
  const line = typeof record === 'string' ? record : JSON.stringify(record);
  return mapLine(dataset, line, referenceContext(overrides));
}

function pick(doc: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((f) => [f, doc[f]]));
}

describe('device_posture mapping', () => {
  it('without the option tags keeps only eval, the registration and the device hardware in the namespace', () => {
    const doc = map(BASE, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false });
    assert.deepEqual(toNested(doc), {
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['host'], type: ['info'], outcome: 'failure' },
      user_agent: { version: '2024.10.1' },
      host: { id: BASE.DeviceID, name: 'alice-laptop', os: { family: 'macos', version: '14.2.1' } },
      user: { email: 'alice@example.com', id: 'user-abcdefgh' },
      rule: { id: 'policy-abcdefgh', name: 'Disk encryption', category: 'disk_encryption' },
      '@timestamp': '2024-11-05T08:15:00.000Z',
      cloudflare_logpush: {
        device_posture: {
          host: { manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', serial: 'C02G71ABQ6L4' },
          eval: { result: false, expected: { requireAll: true }, received: { encrypted: false } },
          registration_id: 'reg-1234',
        },
      },
      related: { hosts: [BASE.DeviceID, 'alice-laptop'], user: ['user-abcdefgh', 'alice@example.com'] },
    });
  });

  const cases: { name: string; record: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    {
      name: 'reads the string "TRUE" as a passed check',
      record: { ...BASE, PostureEvaluatedResult: 'TRUE' },
      expected: { [`${NS}.eval.result`]: true, 'event.outcome': 'success' },
    },
    {
      name: 'sets no outcome when the result is missing',
      record: { ...BASE, PostureEvaluatedResult: null },
      expected: { [`${NS}.eval.result`]: undefined, 'event.outcome': undefined, 'error.message': undefined },
    },
    {
      name: 'prunes "N/A", null and emptied members inside the posture objects but keeps "N/A" in arrays, 0 and false',
      record: { ...BASE, PostureExpectedJSON: { path: 'N/A', nested: { a: null, b: '' }, list: ['N/A', null, {}], count: 0, on: false } },
      expected: { [`${NS}.eval.expected`]: { list: ['N/A'], count: 0, on: false } },
    },
    {
      name: 'removes a posture object left empty by pruning',
      record: { ...BASE, PostureReceivedJSON: { version: 'N/A' } },
      expected: { [`${NS}.eval.received`]: undefined },
    },
    {
      name: 'lists a device once in related.hosts when its ID and name are equal',
      record: { ...BASE, DeviceName: BASE.DeviceID },
      expected: { 'related.hosts': [BASE.DeviceID] },
    },
    {
      name: 'skips absent values in related.user',
      record: { ...BASE, UserUID: '' },
      expected: { 'related.user': ['alice@example.com'], 'user.id': undefined },
    },
    {
      name: 'keeps DeviceType as sent, without changing its case',
      record: { ...BASE, DeviceType: 'macOS' },
      expected: { 'host.os.family': 'macOS' },
    },
    {
      name: 'reads Unix milliseconds given as a JSON number',
      record: { ...BASE, Timestamp: 1684324800123 },
      expected: { '@timestamp': '2023-05-17T12:00:00.123Z', [`${NS}.timestamp`]: '2023-05-17T12:00:00.123Z' },
    },
    {
      name: 'keeps a key the spec does not list under the namespace in snake_case',
      record: { ...BASE, DeviceOSBuild: '23C71' },
      expected: { [`${NS}.device_os_build`]: '23C71' },
    },
  ];
  for (const { name, record, expected } of cases) {
    it(name, () => assert.deepEqual(pick(map(record), Object.keys(expected)), expected));
  }

  it('reports a result that is not a boolean and sets neither eval.result nor event.outcome', () => {
    const line = JSON.stringify({ ...BASE, PostureEvaluatedResult: 'yes' });
    const doc = map(line, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(pick(doc, [`${NS}.eval.result`, 'event.outcome', 'event.kind', 'error.message', 'event.original', 'tags', 'host.id']), {
      [`${NS}.eval.result`]: undefined,
      'event.outcome': undefined,
      'event.kind': 'pipeline_error',
      'error.message': ['cannot convert "yes" to boolean for eval.result'],
      'event.original': line,
      tags: ['forwarded', 'preserve_original_event'],
      'host.id': BASE.DeviceID,
    });
  });

  it('reports a timestamp that does not parse', () => {
    const doc = map({ ...BASE, Timestamp: '17/05/2023 12:00' });
    assert.equal(doc['@timestamp'], undefined);
    assert.equal(doc[`${NS}.timestamp`], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "17/05/2023 12:00" to date for timestamp']);
  });

  it('turns a line that is not a JSON object into an error document', () => {
    const doc = map('"just a string"', { preserveOriginalEvent: false, preserveDuplicateCustomFields: false });
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
  });

  it('maps generated records without error', () => {
    const random = new Random(3);
    const outcomes = new Set<unknown>();
    for (let i = 0; i < 200; i++) {
      const doc = map(generateDevicePosture(random, Date.UTC(2024, 0, 1) + i * 1000));
      assert.equal(doc['error.message'], undefined, JSON.stringify(doc));
      outcomes.add(doc['event.outcome']);
    }
    assert.deepEqual([...outcomes].sort(), ['failure', 'success']);
  });
});
