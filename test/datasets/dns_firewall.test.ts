/**
 * dns_firewall rules that the golden fixtures do not exercise: fallbacks, precedence, [U] rules,
 * conversion failures and the generator. Golden files cover the baseline records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dns_firewall } from '../../src/datasets/dns_firewall.js';
import { mapLine, type MapContext, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = dns_firewall as MappedDataset;
const NS = 'cloudflare_logpush.dns_firewall';

function map(record: Record<string, unknown> | string, overrides: Partial<MapContext> = {}) {
  const line = typeof record === 'string' ? record : JSON.stringify(record);
  return mapLine(dataset, line, referenceContext(overrides));
}

/** The listed fields of a mapped document (absent ones as undefined). */
function pick(doc: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((f) => [f, doc[f]]));
}

describe('dns_firewall mapping', () => {
  const cases: { name: string; record: Record<string, unknown> | string; expected: Record<string, unknown> }[] = [
    {
      name: 'falls back to UpstreamResponseCode for dns.response_code when ClientResponseCode is missing',
      record: { UpstreamResponseCode: 2 },
      expected: { 'dns.response_code': '2', [`${NS}.upstream.response_code`]: '2', [`${NS}.response.code`]: undefined },
    },
    {
      name: 'falls back to UpstreamResponseCode when ClientResponseCode is null',
      record: { ClientResponseCode: null, UpstreamResponseCode: 3 },
      expected: { 'dns.response_code': '3', [`${NS}.upstream.response_code`]: '3', [`${NS}.response.code`]: undefined },
    },
    {
      name: 'prefers ClientResponseCode over UpstreamResponseCode whatever the key order',
      record: { UpstreamResponseCode: 2, ClientResponseCode: 5 },
      expected: { 'dns.response_code': '5', [`${NS}.upstream.response_code`]: '2', [`${NS}.response.code`]: '5' },
    },
    {
      name: 'keeps a string response code as sent',
      record: { ClientResponseCode: '0' },
      expected: { 'dns.response_code': '0', [`${NS}.response.code`]: '0' },
    },
    {
      name: 'names a QueryType sent as a string and keeps the string in the namespace',
      record: { QueryType: '65' },
      expected: { 'dns.question.type': 'HTTPS', [`${NS}.question.type`]: '65' },
    },
    {
      name: 'leaves dns.question.type unset, without error, for a code that has no name',
      record: { QueryType: 54 },
      expected: { 'dns.question.type': undefined, [`${NS}.question.type`]: 54, 'error.message': undefined },
    },
    {
      name: 'names the highest registered codes',
      record: { QueryType: 32769 },
      expected: { 'dns.question.type': 'DLV' },
    },
    {
      name: 'reads QueryTCP "TRUE" as tcp',
      record: { QueryTCP: 'TRUE' },
      expected: { 'network.transport': 'tcp', [`${NS}.question.tcp`]: true },
    },
    {
      name: 'sets no network.transport without QueryTCP',
      record: { QueryName: 'example.com' },
      expected: { 'network.transport': undefined },
    },
    {
      name: 'keeps ResponseReason in the namespace',
      record: { ResponseReason: 'upstream_failure' },
      expected: { [`${NS}.response.reason`]: 'upstream_failure' },
    },
    {
      name: 'prunes "N/A" values',
      record: { ResponseReason: 'N/A', ClusterID: 'N/A' },
      expected: { [`${NS}.response.reason`]: undefined, [`${NS}.cluster_id`]: undefined },
    },
    {
      name: 'reads Unix nanoseconds given as a JSON number without precision loss',
      record: '{"Timestamp":1695126600123456789}',
      expected: { '@timestamp': '2023-09-19T12:30:00.123Z' },
    },
    {
      name: 'reads Unix milliseconds',
      record: { Timestamp: 1695126600123 },
      expected: { '@timestamp': '2023-09-19T12:30:00.123Z' },
    },
    {
      name: 'reads Unix seconds given as a digit string',
      record: { Timestamp: '1695126600' },
      expected: { '@timestamp': '2023-09-19T12:30:00.000Z', [`${NS}.timestamp`]: '2023-09-19T12:30:00.000Z' },
    },
    {
      name: 'reads RFC 3339 with an offset',
      record: { Timestamp: '2023-09-19T14:30:00+02:00' },
      expected: { '@timestamp': '2023-09-19T12:30:00.000Z' },
    },
    {
      name: 'keeps a key the spec does not list under the namespace in snake_case',
      record: { QueryName: 'example.com', ResolverLatencyMs: 7 },
      expected: { [`${NS}.resolver_latency_ms`]: 7 },
    },
  ];
  for (const { name, record, expected } of cases) {
    it(name, () => assert.deepEqual(pick(map(record), Object.keys(expected)), expected));
  }

  it('drops the duplicate namespace copies without preserve_duplicate_custom_fields, keeping the upstream ones', () => {
    const doc = map(
      { Timestamp: '2023-09-19T12:30:00Z', SourceIP: '67.43.156.2', QueryName: 'example.com', QueryType: 1, ClientResponseCode: 0, UpstreamIP: '81.2.69.144', UpstreamResponseCode: 0 },
      { preserveDuplicateCustomFields: false, preserveOriginalEvent: false },
    );
    assert.deepEqual(Object.keys(doc).filter((f) => f.startsWith(NS)).sort(), [
      `${NS}.question.type`,
      `${NS}.upstream.ip`,
      `${NS}.upstream.response_code`,
    ]);
    assert.equal(doc['event.original'], undefined);
    assert.equal(doc.tags, undefined, 'no tags configured: the empty list is pruned');
  });

  it('omits an invalid SourceIP everywhere and reports it as a pipeline error', () => {
    const line = JSON.stringify({ SourceIP: 'not-an-ip', EDNSSubnet: '1.128.0.0', UpstreamIP: '81.2.69.144' });
    const doc = map(line, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(pick(doc, ['source.ip', 'source.geo.country_name', 'related.ip', 'event.kind', 'error.message', 'event.original', 'tags']), {
      'source.ip': undefined,
      'source.geo.country_name': undefined,
      'related.ip': ['1.128.0.0', '81.2.69.144'],
      'event.kind': 'pipeline_error',
      'error.message': ['cannot convert "not-an-ip" to ip for source.ip'],
      'event.original': line,
      tags: ['forwarded', 'preserve_original_event'],
    });
  });

  it('omits an invalid UpstreamIP from destination.ip, its GeoIP and related.ip', () => {
    const doc = map({ SourceIP: '67.43.156.2', UpstreamIP: '999.1.1.1' });
    assert.equal(doc['destination.ip'], undefined);
    assert.equal(doc['destination.geo.country_name'], undefined);
    assert.equal(doc[`${NS}.upstream.ip`], undefined);
    assert.deepEqual(doc['related.ip'], ['67.43.156.2']);
    assert.deepEqual(doc['error.message'], ['cannot convert "999.1.1.1" to ip for upstream.ip']);
  });

  it('reports values that do not convert and keeps the rest of the record', () => {
    const doc = map({ Timestamp: 'yesterday', QuerySize: 'big', QueryDO: 'maybe', QueryName: 'example.com' });
    assert.equal(doc['@timestamp'], undefined);
    assert.equal(doc[`${NS}.question.size`], undefined);
    assert.equal(doc[`${NS}.question.dnssec_ok`], undefined);
    assert.equal(doc['dns.question.name'], 'example.com');
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal((doc['error.message'] as string[]).length, 3);
  });

  it('turns a line that is not a JSON object into an error document', () => {
    assert.deepEqual(toNested(map('[1,2]', { preserveOriginalEvent: false, preserveDuplicateCustomFields: false })), {
      ecs: { version: '8.11.0' },
      event: { kind: 'pipeline_error', original: '[1,2]' },
      error: { message: ['not a JSON object'] },
      tags: ['preserve_original_event'],
    });
  });
});
