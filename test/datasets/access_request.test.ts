import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { access_request } from '../../src/datasets/access_request.js';
import type { MappedDataset } from '../../src/datasets/index.js';
import { mapLine } from '../../src/datasets/map.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = access_request as MappedDataset;
const NS = 'cloudflare_logpush.access_request';
const BASE = {
  Action: 'login',
  Allowed: true,
  AppDomain: 'partner-zt-logs.cloudflareaccess.com/warp',
  AppUUID: '123e4567-e89b-12d3-a456-426614174000',
  Connection: 'onetimepin',
  Country: 'us',
  CreatedAt: '2023-05-24T02:48:33+09:30',
  Email: 'user@example.com',
  IPAddress: '67.43.156.93',
  PurposeJustificationPrompt: 'Please provide your reason for accessing the application.',
  PurposeJustificationResponse: 'I need to access the application for work purposes.',
  RayID: '00c0ffeeabc12345',
  TemporaryAccessApprovers: ['approver1@example.com', 'approver2@example.com'],
  TemporaryAccessDuration: 7200,
  UserUID: '166befbb-00e3-5e20-bd6e-27245333949f',
};
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('access_request mapping', () => {
  const timestamps: [string, unknown][] = [
    ['RFC 3339 with Z and a fraction', '2023-05-23T17:18:33.123456Z'],
    ['Unix seconds as a digit string', '1684862313'],
    ['Unix milliseconds as a JSON number', 1684862313000],
    ['Unix nanoseconds as a digit string', '1684862313000000000'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads CreatedAt given as ${name}`, () => {
      const doc = map({ ...BASE, CreatedAt: value });
      assert.equal(doc['@timestamp'], name.includes('fraction') ? '2023-05-23T17:18:33.123Z' : '2023-05-23T17:18:33.000Z');
      assert.equal(doc[`${NS}.timestamp`], doc['@timestamp']);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('keeps only the namespace-only fields, and no event.original or tags, without the option tags', () => {
    assert.deepEqual(toNested(map(BASE, { ...PLAIN, tags: [] })), {
      '@timestamp': '2023-05-23T17:18:33.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['access', 'allowed'], action: 'login', id: '00c0ffeeabc12345' },
      url: { domain: 'partner-zt-logs.cloudflareaccess.com/warp' },
      client: { ip: '67.43.156.93', geo: { continent_name: 'Asia', country_iso_code: 'BT', country_name: 'Bhutan', location: { lat: 27.5, lon: 90.5 } }, as: { number: 35908 } },
      user: { email: 'user@example.com', id: '166befbb-00e3-5e20-bd6e-27245333949f' },
      related: {
        user: ['166befbb-00e3-5e20-bd6e-27245333949f', 'user@example.com', 'approver1@example.com', 'approver2@example.com'],
        ip: ['67.43.156.93'],
      },
      cloudflare_logpush: {
        access_request: {
          app: { uuid: '123e4567-e89b-12d3-a456-426614174000' },
          connection: 'onetimepin',
          request: { prompt: BASE.PurposeJustificationPrompt, response: BASE.PurposeJustificationResponse },
          temp_access: { approvers: ['approver1@example.com', 'approver2@example.com'], duration: 7200 },
        },
      },
    });
  });

  const allowedCases: [string, unknown, string[], boolean | undefined][] = [
    ['false appends denied', false, ['access', 'denied'], false],
    ['"TRUE" in any case reads as true', 'TRUE', ['access', 'allowed'], true],
    ['"false" as a string appends denied', 'false', ['access', 'denied'], false],
    ['null appends nothing', null, ['access'], undefined],
  ];
  for (const [name, value, type, allowed] of allowedCases) {
    it(`extends event.type from Allowed: ${name}`, () => {
      const doc = map({ ...BASE, Allowed: value });
      assert.deepEqual(doc['event.type'], type);
      assert.equal(doc[`${NS}.allowed`], allowed);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('leaves event.type at access when Allowed is missing', () => {
    const { Allowed: _, ...record } = BASE;
    assert.deepEqual(map(record)['event.type'], ['access']);
  });

  it('notes an Allowed that is not a boolean and appends nothing to event.type', () => {
    const doc = map({ ...BASE, Allowed: 'yes' }, PLAIN);
    assert.deepEqual(doc['error.message'], ['cannot convert "yes" to boolean for allowed']);
    assert.deepEqual(doc['event.type'], ['access']);
    assert.equal(doc[`${NS}.allowed`], undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.deepEqual(doc.tags, ['preserve_original_event']);
    assert.equal(doc['event.original'], JSON.stringify({ ...BASE, Allowed: 'yes' }));
  });

  it('keeps the upper-cased Country when no GeoIP database is configured', () => {
    const doc = map(BASE, { geoip: undefined });
    assert.equal(doc['client.geo.country_iso_code'], 'US');
    assert.equal(doc[`${NS}.country`], 'us');
    assert.equal(doc['client.geo.country_name'], undefined);
    assert.equal(doc['client.as.number'], undefined);
  });

  it('keeps the upper-cased Country when the city database has no entry, and still adds the ASN', () => {
    const doc = map({ ...BASE, IPAddress: '1.128.0.0' });
    assert.equal(doc['client.geo.country_iso_code'], 'US');
    assert.equal(doc['client.as.number'], 1221);
    assert.equal(doc['client.as.organization.name'], 'Telstra Pty Ltd');
  });

  it('replaces the whole client.geo with a city entry, dropping the upper-cased Country', () => {
    const doc = map({ ...BASE, IPAddress: '81.2.69.142', Country: 'de' });
    assert.equal(doc['client.geo.country_iso_code'], 'GB');
    assert.equal(doc['client.geo.city_name'], 'London');
    assert.equal(doc[`${NS}.country`], 'de');
  });

  it('notes a Country that is not a string and writes neither copy', () => {
    const doc = map({ ...BASE, Country: 840 }, { geoip: undefined });
    assert.deepEqual(doc['error.message'], ['cannot change the case of 840 for country: not a string']);
    assert.equal(doc['client.geo.country_iso_code'], undefined);
    assert.equal(doc[`${NS}.country`], undefined);
  });

  it('notes an invalid IPAddress and sets no client.ip, related.ip or GeoIP', () => {
    const doc = map({ ...BASE, IPAddress: '67.43.156' });
    assert.deepEqual(doc['error.message'], ['cannot convert "67.43.156" to ip for client.ip']);
    for (const field of ['client.ip', `${NS}.client.ip`, 'related.ip', 'client.as.number', 'client.geo.country_name']) {
      assert.equal(doc[field], undefined, field);
    }
    assert.equal(doc['client.geo.country_iso_code'], 'US');
  });

  it('reads TemporaryAccessDuration from a digit string and notes anything else', () => {
    assert.equal(map({ ...BASE, TemporaryAccessDuration: '900' })[`${NS}.temp_access.duration`], 900);
    const doc = map({ ...BASE, TemporaryAccessDuration: '2h' });
    assert.equal(doc[`${NS}.temp_access.duration`], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "2h" to long for temp_access.duration']);
  });

  it('lists each user once in related.user, UserUID first', () => {
    const doc = map({ ...BASE, TemporaryAccessApprovers: ['user@example.com', 'boss@example.com', 'boss@example.com'] });
    assert.deepEqual(doc['related.user'], ['166befbb-00e3-5e20-bd6e-27245333949f', 'user@example.com', 'boss@example.com']);
  });

  it('removes "N/A" members but keeps "N/A" inside arrays', () => {
    const doc = map({ ...BASE, Connection: 'N/A', TemporaryAccessApprovers: ['N/A', ''] });
    assert.equal(doc[`${NS}.connection`], undefined);
    assert.deepEqual(doc[`${NS}.temp_access.approvers`], ['N/A']);
  });

  it('notes an unparseable CreatedAt and leaves @timestamp to the storage side', () => {
    const doc = map({ ...BASE, CreatedAt: 'yesterday' });
    assert.equal(doc['@timestamp'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "yesterday" to date for timestamp']);
    assert.equal(doc['event.kind'], 'pipeline_error');
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...BASE, SessionID: 'abc' })[`${NS}.session_id`], 'abc');
  });

  it('still yields a document for a line that is not a JSON object', () => {
    assert.deepEqual(mapLine(dataset, 'not json', referenceContext(PLAIN))['event.kind'], 'pipeline_error');
  });
});
