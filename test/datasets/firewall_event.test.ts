import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firewall_event } from '../../src/datasets/firewall_event.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = firewall_event as MappedDataset;
const NS = 'cloudflare_logpush.firewall_event';
const BASE = {
  Action: 'block',
  ClientIP: '175.16.199.0',
  ClientRequestHost: 'xyz.example.com',
  Datetime: '2022-05-31T05:23:43Z',
  RayID: '713d477539b55c29',
};
const line = (record: Record<string, unknown>) => JSON.stringify(record);
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, line(record), referenceContext(overrides));
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: [] };

/** The named fields of a document (absent ones as undefined), for precise comparisons. */
const pick = (doc: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));

describe('firewall_event mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a JSON number', 1653974623],
    ['Unix milliseconds as a JSON number', 1653974623000],
    ['Unix nanoseconds as a JSON number', '__NS__'],
    ['RFC 3339 with an offset', '2022-05-31T07:23:43+02:00'],
    ['RFC 3339 with an offset without a colon', '2022-05-31T00:23:43-0500'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads a Datetime given as ${name}`, () => {
      // A nanosecond JSON number exceeds 2^53, so it is written into the raw line by hand.
      const raw = value === '__NS__' ? line({ ...BASE, Datetime: 0 }).replace('"Datetime":0', '"Datetime":1653974623000000000') : line({ ...BASE, Datetime: value });
      const doc = mapLine(dataset, raw, referenceContext());
      assert.deepEqual(pick(doc, ['@timestamp', `${NS}.timestamp`, 'error.message']), {
        '@timestamp': '2022-05-31T05:23:43.000Z',
        [`${NS}.timestamp`]: '2022-05-31T05:23:43.000Z',
        'error.message': undefined,
      });
    });
  }

  it('keeps only the namespace fields without an ECS twin when duplicates are not preserved', () => {
    const record = {
      ...BASE, Action: 'managedChallenge', ClientASN: 15169, ClientCountry: 'us', ClientRequestMethod: 'GET',
      Description: 'Rule Description', EdgeResponseStatus: 403, RuleID: 'r1', ClientRequestProtocol: 'HTTP/2',
    };
    assert.deepEqual(toNested(map(record, { ...PLAIN, tags: ['forwarded'] })), {
      '@timestamp': '2022-05-31T05:23:43.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'], action: 'managedchallenge' },
      source: { ip: '175.16.199.0', as: { number: 15169 }, geo: { country_iso_code: 'us' } },
      http: { request: { method: 'GET' }, response: { status_code: 403 }, version: '2' },
      network: { protocol: 'http' },
      rule: { description: 'Rule Description', id: 'r1' },
      url: { domain: 'xyz.example.com' },
      related: { ip: ['175.16.199.0'], hosts: ['xyz.example.com'] },
      cloudflare_logpush: {
        firewall_event: { client: { request: { host: 'xyz.example.com', protocol: 'HTTP/2' } }, ray: { id: '713d477539b55c29' } },
      },
      tags: ['forwarded'],
    });
  });

  it('lower-cases event.action but keeps the case of the namespace copy', () => {
    const doc = map({ ...BASE, Action: 'JSChallenge' });
    assert.deepEqual(pick(doc, ['event.action', `${NS}.action`]), { 'event.action': 'jschallenge', [`${NS}.action`]: 'JSChallenge' });
  });

  const queries: [string, unknown, unknown][] = [
    ['drops only the first of two leading question marks', '??a=1', '?a=1'],
    ['keeps a query without a question mark as sent', 'a=%2F1', 'a=%2F1'],
    ['drops a query that is only a question mark', '?', undefined],
  ];
  for (const [name, query, expected] of queries) {
    it(`url.query ${name}; the namespace copy stays verbatim`, () => {
      const doc = map({ ...BASE, ClientRequestQuery: query });
      assert.deepEqual(pick(doc, ['url.query', `${NS}.client.request.query`]), { 'url.query': expected, [`${NS}.client.request.query`]: query });
    });
  }

  it('fills url.* from the request parts only, never from the referer, without a default scheme', () => {
    const doc = map({ ...BASE, ClientRequestHost: '', ClientRefererHost: 'abc.example.com', ClientRefererPath: '/a', ClientRefererScheme: 'https' });
    assert.deepEqual(Object.keys(doc).filter((f) => f.startsWith('url.')), []);
    assert.deepEqual(doc['related.hosts'], ['abc.example.com']);
  });

  const protocols: [string, unknown, unknown, unknown][] = [
    ['HTTP/2', 'HTTP/2', 'http', '2'],
    ['HTTP/3', 'HTTP/3', 'http', '3'],
    ['none', 'none', undefined, undefined],
    ['unknown', 'unknown', undefined, undefined],
    ['a protocol without a slash', 'SPDY', undefined, undefined],
  ];
  for (const [name, protocol, networkProtocol, version] of protocols) {
    it(`derives network.protocol and http.version from ${name} without error`, () => {
      const doc = map({ ...BASE, ClientRequestProtocol: protocol });
      assert.deepEqual(pick(doc, ['network.protocol', 'http.version', 'error.message', `${NS}.client.request.protocol`]), {
        'network.protocol': networkProtocol,
        'http.version': version,
        'error.message': undefined,
        [`${NS}.client.request.protocol`]: protocol,
      });
    });
  }

  it('maps the newer keys: content scan, fraud user, leaked credentials, rule description, ref and zone', () => {
    const doc = map({
      ...BASE, ContentScanObjResults: ['clean'], ContentScanObjSizes: ['1024', 77], ContentScanObjTypes: ['file'],
      FraudUserID: 'user-42', LeakedCredentialCheckResult: 'password_leaked', Description: 'Rule Description', Ref: 'r-ref',
      ZoneName: 'example.com',
    });
    assert.equal(doc['error.message'], undefined);
    assert.deepEqual(pick(doc, [`${NS}.content_scan.results`, `${NS}.content_scan.sizes`, `${NS}.content_scan.types`, `${NS}.fraud.user_id`, 'related.user', `${NS}.leaked_credential_check`, 'rule.description', `${NS}.rule.description`, `${NS}.ref`, `${NS}.zone.name`]), {
      [`${NS}.content_scan.results`]: ['clean'],
      [`${NS}.content_scan.sizes`]: [1024, 77],
      [`${NS}.content_scan.types`]: ['file'],
      [`${NS}.fraud.user_id`]: 'user-42',
      'related.user': ['user-42'],
      [`${NS}.leaked_credential_check`]: 'password_leaked',
      'rule.description': 'Rule Description',
      [`${NS}.rule.description`]: 'Rule Description',
      [`${NS}.ref`]: 'r-ref',
      [`${NS}.zone.name`]: 'example.com',
    });
  });

  it('maps an http_requests-shaped record without Datetime: no @timestamp, empty arrays pruned', () => {
    const doc = map({ ClientIP: '67.43.156.1', ClientRequestProtocol: 'HTTP/2', EdgeStartTimestamp: '2022-05-31T05:23:43Z', ContentScanObjSizes: [], ContentScanObjResults: [], OriginResponseStatus: 0 });
    assert.equal(doc['error.message'], undefined);
    assert.equal(doc['@timestamp'], undefined);
    assert.equal(doc[`${NS}.timestamp`], undefined);
    assert.equal(doc[`${NS}.content_scan.sizes`], undefined);
    assert.equal(doc[`${NS}.content_scan.results`], undefined);
    assert.equal(doc[`${NS}.origin.response.status`], 0);
    // Not a firewall key: kept under the namespace by the unknown-key rule, and no source of @timestamp.
    assert.equal(doc[`${NS}.edge_start_timestamp`], '2022-05-31T05:23:43Z');
    // No GeoIP in this data stream, although the test database knows this address.
    assert.deepEqual(Object.keys(doc).filter((f) => f.startsWith('source.')), ['source.ip']);
  });

  it('omits an invalid ClientIP everywhere, notes it and keeps the raw line', () => {
    const record = { ...BASE, ClientIP: '999.1.1.1' };
    const doc = map(record, PLAIN);
    assert.deepEqual(pick(doc, ['source.ip', `${NS}.client.ip`, 'related.ip', 'error.message', 'event.kind', 'event.original', 'tags']), {
      'source.ip': undefined,
      [`${NS}.client.ip`]: undefined,
      'related.ip': undefined,
      'error.message': ['cannot convert "999.1.1.1" to ip for client.ip'],
      'event.kind': 'pipeline_error',
      'event.original': line(record),
      tags: ['preserve_original_event'],
    });
  });

  const longs: [string, string, unknown, string[]][] = [
    ['EdgeResponseStatus', 'http.response.status_code', 'forbidden', ['cannot convert "forbidden" to long for edge.response.status']],
    ['ClientASN', 'source.as.number', 'AS15169', ['cannot convert "AS15169" to long for client.asn.value']],
    ['MatchIndex', `${NS}.match_index`, 1.5, ['cannot convert 1.5 to long for match_index']],
    ['ContentScanObjSizes', `${NS}.content_scan.sizes`, ['x'], ['cannot convert "x" to long for content_scan.sizes']],
  ];
  for (const [key, field, value, messages] of longs) {
    it(`notes a ${key} that is not an integer and omits ${field}`, () => {
      const doc = map({ ...BASE, [key]: value });
      assert.deepEqual(pick(doc, [field, 'error.message', 'event.kind']), { [field]: undefined, 'error.message': messages, 'event.kind': 'pipeline_error' });
    });
  }

  it('reads integer digit strings as longs', () => {
    const doc = map({ ...BASE, EdgeResponseStatus: '403', OriginResponseStatus: '0' });
    assert.deepEqual(pick(doc, ['http.response.status_code', `${NS}.origin.response.status`]), { 'http.response.status_code': 403, [`${NS}.origin.response.status`]: 0 });
  });

  it('notes an unparseable Datetime and leaves @timestamp unset', () => {
    const doc = map({ ...BASE, Datetime: 'yesterday' });
    assert.deepEqual(pick(doc, ['@timestamp', `${NS}.timestamp`, 'error.message', 'event.kind']), {
      '@timestamp': undefined,
      [`${NS}.timestamp`]: undefined,
      'error.message': ['cannot convert "yesterday" to date for timestamp'],
      'event.kind': 'pipeline_error',
    });
  });

  it('skips null and empty values silently', () => {
    const doc = map({ ...BASE, Datetime: null, ClientASN: '', ClientIP: null, Action: '', Metadata: { filter: '', type: null } }, PLAIN);
    assert.deepEqual(toNested(doc), {
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'] },
      url: { domain: 'xyz.example.com' },
      related: { hosts: ['xyz.example.com'] },
      cloudflare_logpush: { firewall_event: { client: { request: { host: 'xyz.example.com' } }, ray: { id: '713d477539b55c29' } } },
    });
  });

  it('drops "N/A" members, but related.* keeps what it collected before pruning', () => {
    const doc = map({ ...BASE, ClientRefererHost: 'N/A', Metadata: { filter: 'N/A', type: 'customer' } });
    assert.equal(doc[`${NS}.client.referer.host`], undefined);
    assert.deepEqual(doc[`${NS}.meta_data`], { type: 'customer' });
    assert.deepEqual(doc['related.hosts'], ['N/A', 'xyz.example.com']);
  });

  it('still yields a document for a line that is not a JSON object', () => {
    const doc = mapLine(dataset, 'not json', referenceContext(PLAIN));
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
    assert.equal(doc['event.kind'], 'pipeline_error');
  });
});
