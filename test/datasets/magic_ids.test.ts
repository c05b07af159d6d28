/**
 * magic_ids rules that the golden fixtures do not exercise: the tag-less default shape, action matching,
 * conversion failures, missing sides, timestamp forms and the generator.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { magic_ids } from '../../src/datasets/magic_ids.js';
import { mapLine, type MapContext, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { generateMagicIds } from '../../src/generate/magic_ids.js';
import { Random } from '../../src/generate/random.js';
import { sortKeysDeep, withoutFields } from '../support/documents.js';
import { referenceContext } from '../support/map-context.js';
import { sharedFixtureDir } from '../support/shared.js';

const dataset = magic_ids as MappedDataset;
const NS = 'cloudflare_logpush.magic_ids';
const BASE = {
  Action: 'pass', ColoCode: 'NRT', DestinationIP: '89.160.20.129', DestinationPort: 80, Protocol: 'tcp',
  SignatureID: 2031296, SignatureMessage: 'ET CURRENT_EVENTS [Fireeye] POSSIBLE HackTool.TCP.Rubeus.[User32LogonProcesss]',
  SignatureRevision: 1, SourceIP: '67.43.156.2', SourcePort: 44667, Timestamp: '2023-09-11T03:02:57Z', ColoCity: 'Tokyo',
};

function map(record: Record<string, unknown> | string, overrides: Partial<MapContext> = {}) {
  const line = typeof record === 'string' ? record : JSON.stringify(record);
  return mapLine(dataset, line, referenceContext(overrides));
}

function pick(doc: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((f) => [f, doc[f]]));
}

describe('magic_ids mapping', () => {
  it('without the option tags keeps only colo and signature in the namespace, as the public sample shows', () => {
    const sample = JSON.parse(readFileSync(join(sharedFixtureDir('magic_ids'), 'sample_event.json'), 'utf8'));
    const doc = map(BASE, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: sample.tags });
    const shipper = ['agent', 'cloud', 'data_stream', 'elastic_agent', 'gcs', 'input', 'log', 'event.agent_id_status', 'event.dataset', 'event.ingested', 'ecs.version'];
    assert.deepEqual(sortKeysDeep(withoutFields(toNested(doc), shipper)), sortKeysDeep(withoutFields(sample, shipper)));
  });

  const cases: { name: string; record: Record<string, unknown> | string; expected: Record<string, unknown> }[] = [
    {
      name: 'adds nothing to event.type for an action that is not exactly pass or block',
      record: { ...BASE, Action: 'Block' },
      expected: { 'event.type': ['info'], 'event.action': 'Block' },
    },
    {
      name: 'maps a record without SourceIP normally, omitting the source side',
      record: { ...BASE, SourceIP: null },
      expected: { 'source.ip': undefined, 'source.geo.country_name': undefined, 'related.ip': ['89.160.20.129'], 'error.message': undefined, 'event.kind': 'event' },
    },
    {
      name: 'lists equal source and destination IPs once in related.ip',
      record: { ...BASE, SourceIP: '89.160.20.129' },
      expected: { 'related.ip': ['89.160.20.129'] },
    },
    {
      name: 'reads integer strings as ports and keeps port 0 for protocol any',
      record: { ...BASE, Protocol: 'any', DestinationPort: 0, SourcePort: '0' },
      expected: { 'destination.port': 0, 'source.port': 0, 'network.transport': 'any', [`${NS}.source.port`]: 0 },
    },
    {
      name: 'copies Protocol without changing its case',
      record: { ...BASE, Protocol: 'TCP' },
      expected: { 'network.transport': 'TCP', [`${NS}.transport`]: 'TCP' },
    },
    {
      name: 'keeps SignatureID and SignatureRevision as sent',
      record: { ...BASE, SignatureID: '2031296', SignatureRevision: 2 },
      expected: { [`${NS}.signature.id`]: '2031296', [`${NS}.signature.revision`]: 2, 'error.message': undefined },
    },
    {
      name: 'prunes "N/A" values',
      record: { ...BASE, ColoCity: 'N/A' },
      expected: { [`${NS}.colo.city`]: undefined, [`${NS}.colo.code`]: 'NRT' },
    },
    {
      name: 'reads Cloudflare\'s default Unix-nanosecond JSON numbers exactly',
      record: JSON.stringify({ ...BASE, Timestamp: 0 }).replace('"Timestamp":0', '"Timestamp":1694401377999999999'),
      expected: { '@timestamp': '2023-09-11T03:02:57.999Z', [`${NS}.timestamp`]: '2023-09-11T03:02:57.999Z' },
    },
    {
      name: 'reads Unix seconds given as a digit string',
      record: { ...BASE, Timestamp: '1694401377' },
      expected: { '@timestamp': '2023-09-11T03:02:57.000Z' },
    },
    {
      name: 'reads RFC 3339 with a fraction and an offset',
      record: { ...BASE, Timestamp: '2023-09-11T12:02:57.5+0900' },
      expected: { '@timestamp': '2023-09-11T03:02:57.500Z' },
    },
  ];
  for (const { name, record, expected } of cases) {
    it(name, () => assert.deepEqual(pick(map(record), Object.keys(expected)), expected));
  }

  it('omits an invalid DestinationIP everywhere and reports it as a pipeline error', () => {
    const line = JSON.stringify({ ...BASE, DestinationIP: '89.160.20' });
    const doc = map(line, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false });
    assert.deepEqual(
      pick(doc, ['destination.ip', 'destination.geo.country_name', 'destination.as.number', 'destination.port', 'related.ip', 'event.kind', 'error.message', 'event.original', 'tags']),
      {
        'destination.ip': undefined,
        'destination.geo.country_name': undefined,
        'destination.as.number': undefined,
        'destination.port': 80,
        'related.ip': ['67.43.156.2'],
        'event.kind': 'pipeline_error',
        'error.message': ['cannot convert "89.160.20" to ip for destination.ip'],
        'event.original': line,
        tags: ['preserve_original_event'],
      },
    );
  });

  it('reports a port and a timestamp that do not convert and keeps the rest', () => {
    const doc = map({ ...BASE, SourcePort: 'ephemeral', Timestamp: 'soon' });
    assert.deepEqual(pick(doc, ['source.port', `${NS}.source.port`, '@timestamp', `${NS}.timestamp`, 'source.ip', 'event.kind']), {
      'source.port': undefined,
      [`${NS}.source.port`]: undefined,
      '@timestamp': undefined,
      [`${NS}.timestamp`]: undefined,
      'source.ip': '67.43.156.2',
      'event.kind': 'pipeline_error',
    });
    assert.equal((doc['error.message'] as string[]).length, 2);
  });

  it('turns a line that is not JSON into an error document', () => {
    const doc = map('{"Action":', { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
    assert.deepEqual(doc.tags, ['forwarded', 'preserve_original_event']);
  });

  it('maps generated records without error', () => {
    const random = new Random(11);
    for (let i = 0; i < 200; i++) {
      const doc = map(generateMagicIds(random, Date.UTC(2024, 0, 1) + i * 1000));
      assert.equal(doc['error.message'], undefined, JSON.stringify(doc));
      assert.equal(doc['related.ip'] !== undefined, true);
    }
  });
});
