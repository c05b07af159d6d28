import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { sinkhole_http } from '../../src/datasets/sinkhole_http.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = sinkhole_http as MappedDataset;
const SH = 'cloudflare_logpush.sinkhole_http';
const BASE = {
  AccountID: 'AC123456',
  Host: 'example.com',
  Method: 'GET',
  SinkholeID: 'SH001',
  Timestamp: '2023-09-19T12:00:00Z',
  URI: '/login',
  URL: 'https://example.com/login',
};
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('sinkhole_http mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a digit string', '1695124800'],
    ['Unix milliseconds as a JSON number', 1695124800000],
    ['Unix nanoseconds as a digit string', '1695124800000000000'],
    ['RFC 3339 with an offset', '2023-09-19T14:00:00+02:00'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads a Timestamp given as ${name}`, () => {
      const doc = map({ ...BASE, Timestamp: value });
      assert.equal(doc['@timestamp'], '2023-09-19T12:00:00.000Z');
      assert.equal(doc[`${SH}.timestamp`], '2023-09-19T12:00:00.000Z');
    });
  }

  const headers: [string, unknown, unknown][] = [
    ['drops trailing and inner empty lines', 'Host: a\n\nAccept: */*\n\n', ['Host: a', 'Accept: */*']],
    ['keeps carriage returns', 'Host: a\r\nAccept: */*', ['Host: a\r', 'Accept: */*']],
    ['keeps a single header as a one-element list', 'Host: a', ['Host: a']],
    ['drops a leading empty line', '\nHost: a', ['Host: a']],
    ['writes no field for nothing but newlines', '\n\n', undefined],
    ['keeps a list as it is', ['Host: a', 'Accept: */*'], ['Host: a', 'Accept: */*']],
  ];
  for (const [name, value, expected] of headers) {
    it(`splits Headers on newlines and ${name}`, () => {
      assert.deepEqual(map({ ...BASE, Headers: value })[`${SH}.request.headers`], expected);
    });
  }

  it('notes Headers that are not text', () => {
    const doc = map({ ...BASE, Headers: { Host: 'a' } });
    assert.deepEqual(doc['error.message'], ['cannot split {"Host":"a"} for request.headers: not a string']);
    assert.equal(doc[`${SH}.request.headers`], undefined);
  });

  const failures: [string, Record<string, unknown>, string, string[]][] = [
    ['an empty BodyLength (the reference has no empty-string guard)', { BodyLength: '' }, 'cannot convert "" to long for request.body.bytes', ['http.request.body.bytes']],
    ['a BodyLength that is not an integer', { BodyLength: '1.5k' }, 'cannot convert "1.5k" to long for request.body.bytes', ['http.request.body.bytes']],
    ['a SrcAddr that is not an IP', { SrcAddr: 'client-7' }, 'cannot convert "client-7" to ip for source.ip', ['source.ip', `${SH}.source.ip`, 'related.ip']],
    ['a URL that does not parse', { URL: 'https://exa mple.com/' }, 'cannot parse "https://exa mple.com/" as a URL for url.*', ['url.original', 'url.domain']],
    ['an unparseable Timestamp', { Timestamp: 'noon' }, 'cannot convert "noon" to date for timestamp', ['@timestamp']],
  ];
  for (const [name, change, message, absent] of failures) {
    it(`omits ${name}, notes it and keeps the raw line`, () => {
      const record = { ...BASE, ...change };
      const doc = map(record, { preserveOriginalEvent: false });
      assert.deepEqual(doc['error.message'], [message]);
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.equal(doc['event.original'], JSON.stringify(record));
      assert.ok((doc.tags as string[]).includes('preserve_original_event'));
      for (const field of absent) assert.equal(doc[field], undefined, field);
    });
  }

  it('keeps a BodyLength of 0 and a null one silently absent', () => {
    assert.equal(map({ ...BASE, BodyLength: 0 })['http.request.body.bytes'], 0);
    const doc = map({ ...BASE, BodyLength: null });
    assert.equal(doc['http.request.body.bytes'], undefined);
    assert.equal(doc['error.message'], undefined);
  });

  it('parses an empty UserAgent too, giving name and device "Other"', () => {
    const doc = map({ ...BASE, UserAgent: '' });
    assert.deepEqual(toNested(doc).user_agent, { name: 'Other', device: { name: 'Other' } });
  });

  it('writes the OS of a known user agent and none for an unknown one', () => {
    const known = map({ ...BASE, UserAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) Firefox/112.0' });
    assert.deepEqual(toNested(known).user_agent, {
      original: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) Firefox/112.0', name: 'Firefox', version: '112.0', os: { name: 'Ubuntu' }, device: { name: 'Other' },
    });
    assert.equal(map({ ...BASE, UserAgent: 'WinHTTP/1.0' })['user_agent.os.name'], undefined);
  });

  it('skips GeoIP for a missing address without an error', () => {
    const doc = map({ ...BASE, SrcAddr: '67.43.156.2' });
    assert.equal(doc['source.geo.country_iso_code'], 'BT');
    assert.equal(Object.keys(doc).some((f) => f.startsWith('destination.')), false);
    assert.equal(doc['error.message'], undefined);
  });

  it('writes no GeoIP fields without a database', () => {
    const doc = map({ ...BASE, SrcAddr: '67.43.156.2', DestAddr: '89.160.20.129' }, { geoip: undefined });
    assert.deepEqual(Object.keys(doc).filter((f) => /\.(geo|as)\./.test(f)), []);
    assert.deepEqual(doc['related.ip'], ['89.160.20.129', '67.43.156.2']);
  });

  it('drops the duplicates, including URI, and "N/A" values without preserve_duplicate_custom_fields', () => {
    const record = { ...BASE, Password: 'N/A', R2Path: '', Username: 'bob', UserAgent: 'curl/8.4.0', BodyLength: 0, Body: '', Referrer: 'N/A' };
    const doc = map(record, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(toNested(doc), {
      '@timestamp': '2023-09-19T12:00:00.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'] },
      host: { name: 'example.com' },
      http: { request: { method: 'GET', body: { bytes: 0 } } },
      user: { name: 'bob' },
      url: { domain: 'example.com', original: 'https://example.com/login', path: '/login', scheme: 'https' },
      user_agent: { original: 'curl/8.4.0', name: 'curl', version: '8.4.0', device: { name: 'Other' } },
      related: { hosts: ['example.com'], user: ['bob'] },
      cloudflare_logpush: { sinkhole_http: { account_id: 'AC123456', sinkhole_id: 'SH001' } },
      tags: ['forwarded'],
    });
  });
});
