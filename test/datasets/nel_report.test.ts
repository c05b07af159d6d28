import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nel_report } from '../../src/datasets/nel_report.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = nel_report as MappedDataset;
const BASE = {
  ClientIPASN: '13335',
  ClientIPASNDescription: 'CLOUDFLARENET',
  ClientIPCountry: 'US',
  LastKnownGoodColoCode: 'SJC',
  Phase: 'connection',
  Timestamp: '2021-07-27T00:01:07Z',
  Type: 'network-error',
};
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
const line = (record: Record<string, unknown>) => JSON.stringify(record);

describe('nel_report mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a digit string', '1627344067'],
    ['Unix nanoseconds as a digit string', '1627344067000000000'],
    ['Unix seconds as a JSON number', 1627344067],
    ['Unix milliseconds as a JSON number', 1627344067000],
    ['RFC 3339 with an offset', '2021-07-27T02:01:07+02:00'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads a Timestamp given as ${name}`, () => {
      const doc = map({ ...BASE, Timestamp: value });
      assert.equal(doc['@timestamp'], '2021-07-27T00:01:07.000Z');
      assert.equal(doc['cloudflare_logpush.nel_report.timestamp'], '2021-07-27T00:01:07.000Z');
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('keeps only error.type and the namespace-only fields when duplicates are not preserved', () => {
    const doc = map(BASE, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(toNested(doc), {
      '@timestamp': '2021-07-27T00:01:07.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'] },
      error: { type: 'network-error' },
      cloudflare_logpush: {
        nel_report: {
          client: { ip: { asn: { value: 13335, description: 'CLOUDFLARENET' }, country: 'US' } },
          last_known_good: { colo: { code: 'SJC' } },
          phase: 'connection',
        },
      },
      tags: ['forwarded'],
    });
  });

  it('omits a ClientIPASN that is not an integer, notes it and keeps the raw line', () => {
    const record = { ...BASE, ClientIPASN: 'AS13335' };
    const doc = map(record, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false });
    assert.equal(doc['cloudflare_logpush.nel_report.client.ip.asn.value'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "AS13335" to long for client.ip.asn.value']);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal(doc['event.original'], line(record));
    assert.deepEqual(doc.tags, ['preserve_original_event']);
    assert.equal(doc['cloudflare_logpush.nel_report.phase'], 'connection');
  });

  it('notes an unparseable Timestamp and leaves @timestamp unset', () => {
    const doc = map({ ...BASE, Timestamp: 'yesterday' });
    assert.equal(doc['@timestamp'], undefined);
    assert.equal(doc['cloudflare_logpush.nel_report.timestamp'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "yesterday" to date for timestamp']);
    assert.equal(doc['event.kind'], 'pipeline_error');
  });

  it('skips null and empty values silently', () => {
    const doc = map({ ...BASE, ClientIPASN: null, Type: '', Timestamp: null, Phase: '' });
    assert.equal(doc['error.message'], undefined);
    assert.equal(doc['event.kind'], 'event');
    for (const field of ['@timestamp', 'error.type', 'cloudflare_logpush.nel_report.client.ip.asn.value', 'cloudflare_logpush.nel_report.phase']) {
      assert.equal(doc[field], undefined, field);
    }
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    const doc = map({ ...BASE, ServerIPASN: 64512 });
    assert.equal(doc['cloudflare_logpush.nel_report.server_ipasn'], 64512);
  });

  it('still yields a document for a line that is not a JSON object', () => {
    const doc = mapLine(dataset, '["not", "an", "object"]', referenceContext({ preserveOriginalEvent: false, preserveDuplicateCustomFields: false }));
    assert.deepEqual(doc, {
      'ecs.version': '8.11.0',
      'event.kind': 'pipeline_error',
      'event.original': '["not", "an", "object"]',
      'error.message': ['not a JSON object'],
      tags: ['preserve_original_event'],
    });
  });
});
