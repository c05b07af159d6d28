import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateway_dns } from '../../src/datasets/gateway_dns.js';
import { mapLine } from '../../src/datasets/map.js';
import type { Dataset, DatasetMapping } from '../../src/datasets/types.js';
import { toNested } from '../../src/ecs/document.js';
import { assertFailed } from '../support/documents.js';
import { referenceContext } from '../support/map-context.js';

const dataset = gateway_dns as Dataset & { mapping: DatasetMapping };
const NS = 'cloudflare_logpush.gateway_dns';
const BASE = {
  Datetime: '2023-05-02T22:49:53Z',
  DeviceID: '083a8354-d56c-11ed-9771-6a842b111aaa',
  QueryName: 'security.ubuntu.com',
  RCode: 0,
  SrcIP: '67.43.156.2',
};
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('gateway_dns mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a JSON number', 1683067793],
    ['Unix milliseconds as a JSON number', 1683067793000],
    ['Unix nanoseconds as a JSON number', 1683067793000000000],
    ['Unix milliseconds as a digit string', '1683067793000'],
    ['RFC 3339 with a +hh:mm offset', '2023-05-03T08:19:53+09:30'],
    ['RFC 3339 with a -hhmm offset', '2023-05-02T17:49:53-0500'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads a Datetime given as ${name}`, () => {
      const doc = map({ ...BASE, Datetime: value });
      assert.equal(doc['@timestamp'], '2023-05-02T22:49:53.000Z');
      assert.equal(doc[`${NS}.timestamp`], '2023-05-02T22:49:53.000Z');
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('keeps the milliseconds of a nanosecond Datetime beyond 2^53', () => {
    const doc = mapLine(dataset, '{"Datetime":1684444377058000000}', referenceContext());
    assert.equal(doc['@timestamp'], '2023-05-18T21:12:57.058Z');
  });

  it('notes an unparseable Datetime and leaves @timestamp to the storage side', () => {
    const doc = map({ ...BASE, Datetime: '1683067793.5' });
    assert.equal(doc['@timestamp'], undefined);
    assertFailed(doc, 'cannot convert "1683067793.5" to date for timestamp');
  });

  const outcomes: [string, unknown, string | undefined, string | undefined][] = [
    ['RCode 0 is a success', 0, 'success', '0'],
    ['a positive RCode is a failure', 3, 'failure', '3'],
    ['an RCode sent as a digit string counts as its number', '2', 'failure', '2'],
    ['a negative RCode gives no outcome', -1, undefined, '-1'],
    ['an RCode name is kept as sent, without outcome', 'NXDOMAIN', undefined, 'NXDOMAIN'],
    ['a null RCode gives neither outcome nor response code', null, undefined, undefined],
    ['an empty RCode gives neither outcome nor response code', '', undefined, undefined],
  ];
  for (const [name, rcode, outcome, responseCode] of outcomes) {
    it(name, () => {
      const doc = map({ ...BASE, RCode: rcode });
      assert.equal(doc['event.outcome'], outcome);
      assert.equal(doc['dns.response_code'], responseCode);
      assert.equal(doc[`${NS}.response_code`], responseCode);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('sets no outcome when RCode is missing', () => {
    const { RCode: _, ...record } = BASE;
    const doc = map(record);
    assert.equal(doc['event.outcome'], undefined);
    assert.equal(doc['dns.response_code'], undefined);
  });

  const policies: [string, Record<string, unknown>, unknown][] = [
    ['takes PolicyName as the policy name', { PolicyName: 'Block ads' }, 'Block ads'],
    ['takes the deprecated Policy when PolicyName is missing', { Policy: 'Legacy' }, 'Legacy'],
    ['takes the deprecated Policy when PolicyName is empty', { PolicyName: '', Policy: 'Legacy' }, 'Legacy'],
    ['appends a different Policy after PolicyName', { PolicyName: 'Block ads', Policy: 'Legacy' }, ['Block ads', 'Legacy']],
    ['keeps one name when Policy equals PolicyName', { PolicyName: 'Block ads', Policy: 'Block ads' }, 'Block ads'],
    ['ignores an empty Policy beside PolicyName', { PolicyName: 'Block ads', Policy: '' }, 'Block ads'],
  ];
  for (const [name, fields, expected] of policies) {
    it(name, () => assert.deepEqual(map({ ...BASE, ...fields })[`${NS}.policy.name`], expected));
  }

  it('keeps valid AuthoritativeNameServerIPs as sent', () => {
    const doc = map({ ...BASE, AuthoritativeNameServerIPs: ['198.41.0.4', '2001:503:ba3e::2:30'] });
    assert.deepEqual(doc[`${NS}.authoritative_name_server_ip`], ['198.41.0.4', '2001:503:ba3e::2:30']);
    assert.equal(doc['error.message'], undefined);
  });

  it('omits AuthoritativeNameServerIPs entirely when one element is not an IP', () => {
    const doc = map({ ...BASE, AuthoritativeNameServerIPs: ['198.41.0.4', 'a.root-servers.net'] });
    assert.equal(doc[`${NS}.authoritative_name_server_ip`], undefined);
    assertFailed(doc, 'cannot convert "a.root-servers.net" to ip for authoritative_name_server_ip');
  });

  const conversions: [string, Record<string, unknown>, string, unknown][] = [
    ['reads a CustomResolveDurationMs digit string as an integer', { CustomResolveDurationMs: '17' }, 'custom_resolver.duration_milli', 17],
    ['reads IsResponseCached "TRUE" as true', { IsResponseCached: 'TRUE' }, 'is_response_cached', true],
    ['keeps IsResponseCached false', { IsResponseCached: false }, 'is_response_cached', false],
  ];
  for (const [name, fields, field, expected] of conversions) {
    it(name, () => {
      const doc = map({ ...BASE, ...fields });
      assert.equal(doc[`${NS}.${field}`], expected);
      assert.equal(doc['error.message'], undefined);
    });
  }

  const failures: [string, Record<string, unknown>, string, string][] = [
    ['rejects a fractional CustomResolveDurationMs', { CustomResolveDurationMs: 1.5 }, 'custom_resolver.duration_milli', 'cannot convert 1.5 to long for custom_resolver.duration_milli'],
    ['rejects an IsResponseCached that is not a boolean', { IsResponseCached: 'yes' }, 'is_response_cached', 'cannot convert "yes" to boolean for is_response_cached'],
  ];
  for (const [name, fields, field, message] of failures) {
    it(name, () => {
      const doc = map({ ...BASE, ...fields });
      assert.equal(doc[`${NS}.${field}`], undefined);
      assertFailed(doc, message);
    });
  }

  it('omits an invalid SrcIP with its geo and related.ip entry, and notes it', () => {
    const doc = map({ ...BASE, SrcIP: '67.43.156', DstIP: '89.160.20.129' });
    for (const field of ['source.ip', `${NS}.source.ip`, 'source.geo.country_iso_code', 'source.as.number']) assert.equal(doc[field], undefined, field);
    assert.deepEqual(doc['related.ip'], ['89.160.20.129']);
    assert.equal(doc['destination.geo.city_name'], 'Linköping');
    assertFailed(doc, 'cannot convert "67.43.156" to ip for source.ip');
  });

  it('moves the newer upstream fields to the namespace unchanged', () => {
    const moved: Record<string, [unknown, string]> = {
      AccountID: ['699d98642c564d2e855e9661899b7252', 'account_id'],
      ApplicationName: ['Slack', 'application_name'],
      CNAMEs: [['a.example.net'], 'cname'],
      CustomResolverPolicyID: ['c1', 'custom_resolver.policy.ids'],
      EDEErrors: [[22, 23], 'extended_dns_error_codes'],
      InternalDNSRCode: [0, 'internal_dns.rcode'],
      QueryApplicationIDs: [[12], 'question.application.ids'],
      ResolvedIPCountryCodes: [['us'], 'resolved_ip_details.country_codes'],
      ResolverPolicyName: ['Resolver', 'resolver.policy.names'],
      ResourceRecords: [[{ type: 1, data: 'x' }], 'resource_records.object'],
      ResourceRecordsJSON: ['[{"type":1}]', 'resource_records.json'],
      SrcIPContinentCode: ['EU', 'source_id.continent_code'],
    };
    const record = { ...BASE, ...Object.fromEntries(Object.entries(moved).map(([key, [value]]) => [key, value])) };
    const doc = map(record, PLAIN);
    for (const [key, [value, field]] of Object.entries(moved)) assert.deepEqual(doc[`${NS}.${field}`], value, key);
    assert.equal(doc['error.message'], undefined);
  });

  it('drops AppliedMaxTTL, as the reference does, but keeps an unknown key in snake_case', () => {
    const doc = map({ ...BASE, AppliedMaxTTL: 300, NewGatewayField: 'x' }, PLAIN);
    assert.equal(Object.keys(doc).some((field) => field.includes('applied_max_ttl')), false);
    assert.equal(doc[`${NS}.new_gateway_field`], 'x');
  });

  it('keeps only ECS fields and namespace-only fields when duplicates are not preserved', () => {
    const record = { ...BASE, DstPort: 443, Email: 'user@test.com', QueryTypeName: 'A', ResolvedIPs: ['67.43.156.1'], SrcPort: 0, TimeZone: 'UTC', ColoID: 14 };
    assert.deepEqual(toNested(map(record, PLAIN)), {
      '@timestamp': '2023-05-02T22:49:53.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'], outcome: 'success', timezone: 'UTC' },
      host: { id: '083a8354-d56c-11ed-9771-6a842b111aaa' },
      dns: { question: { name: 'security.ubuntu.com', type: 'A' }, response_code: '0', resolved_ip: ['67.43.156.1'] },
      source: { ip: '67.43.156.2', port: 0, geo: { continent_name: 'Asia', country_iso_code: 'BT', country_name: 'Bhutan', location: { lat: 27.5, lon: 90.5 } }, as: { number: 35908 } },
      destination: { port: 443 },
      user: { email: 'user@test.com' },
      cloudflare_logpush: { gateway_dns: { colo: { id: 14 } } },
      related: { ip: ['67.43.156.2'], hosts: ['083a8354-d56c-11ed-9771-6a842b111aaa'], user: ['user@test.com'] },
      tags: ['forwarded'],
    });
  });

  it('still yields a document for a line that is not a JSON object', () => {
    const doc = mapLine(dataset, 'not json', referenceContext(PLAIN));
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.deepEqual(doc.tags, ['forwarded', 'preserve_original_event']);
  });
});
