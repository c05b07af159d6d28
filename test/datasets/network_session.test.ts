import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network_session } from '../../src/datasets/network_session.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { referenceContext } from '../support/map-context.js';

const dataset = network_session as MappedDataset;
const NS = 'cloudflare_logpush.network_session';
const SESSION = {
  SessionStartTime: '2023-05-04T11:29:14Z',
  SessionEndTime: '2023-05-04T11:30:00Z',
  SourceIP: '67.43.156.2',
  OriginIP: '89.160.20.129',
  EgressIP: '2a02:cf40::23',
  DeviceID: 'd1',
  DeviceName: 'zt-test-vm1',
  UserID: 'u1',
  Email: 'user@test.com',
};
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
const pick = (doc: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));
const TIMES = ['@timestamp', `${NS}.timestamp`, 'event.start', `${NS}.session.start`];

describe('network_session mapping', () => {
  const starts: [string, unknown, Record<string, unknown>][] = [
    ['an RFC 3339 string: @timestamp normalised, event.start kept as sent', '2023-05-04T13:29:14+02:00', {
      '@timestamp': '2023-05-04T11:29:14.000Z', [`${NS}.timestamp`]: '2023-05-04T11:29:14.000Z',
      'event.start': '2023-05-04T13:29:14+02:00', [`${NS}.session.start`]: '2023-05-04T13:29:14+02:00',
    }],
    ['Unix seconds as a digit string: every field normalised', '1683199754', Object.fromEntries(TIMES.map((f) => [f, '2023-05-04T11:29:14.000Z']))],
    ['Unix nanoseconds as a digit string: every field normalised', '1683199754000000000', Object.fromEntries(TIMES.map((f) => [f, '2023-05-04T11:29:14.000Z']))],
    ['Unix milliseconds as a JSON number: every field normalised', 1683199754123, Object.fromEntries(TIMES.map((f) => [f, '2023-05-04T11:29:14.123Z']))],
  ];
  for (const [name, value, expected] of starts) {
    it(`reads SessionStartTime given as ${name}`, () => {
      const doc = map({ SessionStartTime: value });
      assert.deepEqual(pick(doc, TIMES), expected);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('normalises a numeric SessionEndTime and keeps an RFC 3339 one as sent', () => {
    assert.equal(map({ SessionEndTime: 1683199800 })['event.end'], '2023-05-04T11:30:00.000Z');
    assert.equal(map({ SessionEndTime: '2023-05-04T11:30:00Z' })['event.end'], '2023-05-04T11:30:00Z');
  });

  it('notes an unparseable SessionStartTime once per target and sets no time', () => {
    const doc = map({ ...SESSION, SessionStartTime: 'soon' });
    assert.deepEqual(pick(doc, TIMES), Object.fromEntries(TIMES.map((f) => [f, undefined])));
    assert.deepEqual(doc['error.message'], ['cannot convert "soon" to date for timestamp', 'cannot convert "soon" to date for session.start']);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal(doc['event.end'], '2023-05-04T11:30:00Z');
  });

  it('notes an unparseable SessionEndTime and leaves event.end unset', () => {
    const doc = map({ ...SESSION, SessionEndTime: '2023-13-45T00:00:00Z' }, { preserveOriginalEvent: false });
    assert.equal(doc['event.end'], undefined);
    assert.deepEqual(doc['error.message'], ['cannot convert "2023-13-45T00:00:00Z" to date for session.end']);
    assert.ok((doc.tags as string[]).includes('preserve_original_event'));
  });

  const badIps: [string, string, string[]][] = [
    ['OriginIP', 'destination.ip', ['destination.ip', `${NS}.destination.ip`, 'destination.geo.country_iso_code', 'destination.as.number']],
    ['SourceIP', 'source.ip', ['source.ip', `${NS}.source.ip`, 'source.geo.country_iso_code', 'source.as.number']],
    ['EgressIP', 'egress.ip', [`${NS}.egress.ip`]],
    ['SourceInternalIP', 'source.internal_ip', [`${NS}.source.internal_ip`]],
    ['InitialOriginIP', 'initial_origin_ip', [`${NS}.initial_origin_ip`]],
  ];
  for (const [key, target, absent] of badIps) {
    it(`rejects a ${key} that is not an IP literal: no field, no GeoIP, no related.ip entry`, () => {
      const doc = map({ ...SESSION, [key]: 'ORD-edge-1' });
      for (const field of absent) assert.equal(doc[field], undefined, field);
      assert.ok(!(doc['related.ip'] as string[]).includes('ORD-edge-1'));
      assert.deepEqual(doc['error.message'], [`cannot convert "ORD-edge-1" to ip for ${target}`]);
      assert.equal(doc['event.kind'], 'pipeline_error');
    });
  }

  it('keeps the newer keys in the namespace only, outside related.*', () => {
    const doc = map({ ...SESSION, InitialOriginIP: '81.2.69.142', ResolvedFQDN: 'db.internal.example', SNI: 'www.example.com', DetectedProtocol: 'TLS', RegistrationID: 'r-1' });
    assert.deepEqual(pick(doc, [`${NS}.initial_origin_ip`, `${NS}.resolved_fqdn`, `${NS}.sni`, `${NS}.detected_protocol`, `${NS}.registration_id`]), {
      [`${NS}.initial_origin_ip`]: '81.2.69.142', [`${NS}.resolved_fqdn`]: 'db.internal.example', [`${NS}.sni`]: 'www.example.com',
      [`${NS}.detected_protocol`]: 'TLS', [`${NS}.registration_id`]: 'r-1',
    });
    assert.deepEqual(pick(doc, ['related.ip', 'related.hosts']), {
      'related.ip': ['67.43.156.2', '89.160.20.129', '2a02:cf40::23'],
      'related.hosts': ['d1', 'zt-test-vm1'],
    });
    assert.equal(doc['tls.client.server_name'], undefined);
  });

  it('de-duplicates related.* and adds numbers as text', () => {
    const doc = map({ ...SESSION, DeviceID: 42, DeviceName: '42', UserID: 'user@test.com', OriginIP: '67.43.156.2' });
    assert.deepEqual(pick(doc, ['related.hosts', 'related.user', 'related.ip']), {
      'related.hosts': ['42'], 'related.user': ['user@test.com'], 'related.ip': ['67.43.156.2', '2a02:cf40::23'],
    });
  });

  it('removes the duplicate namespace copies unless asked to keep them', () => {
    const record = {
      ...SESSION, BytesReceived: 1, BytesSent: 2, OriginPort: 80, SourcePort: 5000, OriginTLSCertificateIssuer: 'DigiCert Inc',
      Protocol: 'TCP', SessionID: 's1', VirtualNetworkID: 'v1', AccountID: 'a1', SourceInternalIP: '1.128.0.1', ConnectionReuse: false,
    };
    const doc = map(record, { preserveDuplicateCustomFields: false });
    assert.deepEqual(Object.keys(doc).filter((f) => f.startsWith(`${NS}.`)).sort(), [
      `${NS}.account_id`, `${NS}.egress.ip`, `${NS}.source.internal_ip`, `${NS}.tcp.connection.reuse`,
    ]);
    assert.deepEqual(pick(doc, ['event.id', 'vlan.id', 'network.transport', 'tls.server.issuer', 'destination.bytes', 'source.port', 'event.start']), {
      'event.id': 's1', 'vlan.id': 'v1', 'network.transport': 'TCP', 'tls.server.issuer': 'DigiCert Inc', 'destination.bytes': 1,
      'source.port': 5000, 'event.start': '2023-05-04T11:29:14Z',
    });
  });

  it('adds no geo or as fields without GeoIP databases', () => {
    const doc = map(SESSION, { geoip: undefined });
    assert.deepEqual(Object.keys(doc).filter((f) => f.includes('.geo.') || f.includes('.as.')), []);
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...SESSION, ClientAppName: 'v1' })[`${NS}.client_app_name`], 'v1');
  });
});
