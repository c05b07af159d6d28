import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { spectrum_event } from '../../src/datasets/spectrum_event.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = spectrum_event as MappedDataset;
const SE = 'cloudflare_logpush.spectrum_event';
const BASE = {
  Application: '7ef659a2f8ef4810a9bade96fdad7c75',
  ClientIP: '67.43.156.0',
  ClientPort: 40456,
  ClientProto: 'tcp',
  ClientTlsProtocol: 'TLSv1.2',
  Event: 'connect',
  OriginIP: '175.16.199.0',
  OriginPort: 3389,
  Status: 0,
  Timestamp: '2022-05-26T09:24:00Z',
};
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('spectrum_event mapping', () => {
  const times: [string, unknown][] = [
    ['RFC 3339', '2022-05-26T09:24:00Z'],
    ['Unix seconds as a digit string', '1653557040'],
    ['Unix nanoseconds as a digit string', '1653557040000000000'],
    ['Unix milliseconds as a JSON number', 1653557040000],
    ['RFC 3339 with an offset', '2022-05-26T11:24:00+02:00'],
  ];
  for (const [name, value] of times) {
    it(`reads Timestamp, ConnectTimestamp and DisconnectTimestamp given as ${name}`, () => {
      const doc = map({ ...BASE, Timestamp: value, ConnectTimestamp: value, DisconnectTimestamp: value });
      for (const field of ['@timestamp', `${SE}.timestamp`, 'event.start', `${SE}.connect.time`, 'event.end', `${SE}.disconnect.time`]) {
        assert.equal(doc[field], '2022-05-26T09:24:00.000Z', field);
      }
      assert.equal(doc['error.message'], undefined);
    });
  }

  const noTimes: [string, unknown][] = [['the string "0"', '0'], ['the number 0', 0], ['an empty string', ''], ['null', null]];
  for (const [name, value] of noTimes) {
    it(`treats a connect/disconnect time of ${name} as absent, without an error`, () => {
      const doc = map({ ...BASE, ConnectTimestamp: value, DisconnectTimestamp: value });
      for (const field of ['event.start', `${SE}.connect.time`, 'event.end', `${SE}.disconnect.time`]) assert.equal(doc[field], undefined, field);
      assert.equal(doc['@timestamp'], '2022-05-26T09:24:00.000Z');
      assert.equal(doc['event.kind'], 'event');
    });
  }

  it('keeps the Unix epoch written as RFC 3339: it is not a zero marker', () => {
    const doc = map({ ...BASE, DisconnectTimestamp: '1970-01-01T00:00:00Z' });
    assert.equal(doc['event.end'], '1970-01-01T00:00:00.000Z');
  });

  it('notes an unparseable connect time and keeps mapping the rest', () => {
    const doc = map({ ...BASE, ConnectTimestamp: 'soon' });
    assert.deepEqual(doc['error.message'], ['cannot convert "soon" to date for connect.time']);
    assert.equal(doc['event.start'], undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal(doc['source.ip'], '67.43.156.0');
  });

  const tlsCases: [string, unknown, Record<string, unknown>][] = [
    ['splits TLSv1.3 into tls and 1.3', 'TLSv1.3', { 'tls.version_protocol': 'tls', 'tls.version': '1.3' }],
    ['splits SSLv3 into ssl and 3', 'SSLv3', { 'tls.version_protocol': 'ssl', 'tls.version': '3' }],
    ['writes no tls fields for "none"', 'none', {}],
    ['writes no tls fields for "unknown"', 'unknown', {}],
  ];
  for (const [name, protocol, expected] of tlsCases) {
    it(`${name}, keeping the protocol as sent in the namespace`, () => {
      const doc = map({ ...BASE, ClientTlsProtocol: protocol });
      assert.deepEqual(toNested(doc).tls, Object.keys(expected).length === 0 ? undefined : toNested(expected).tls);
      assert.equal(doc[`${SE}.client.tls.protocol`], protocol);
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('notes a client TLS protocol without a lower-case "v" and writes no tls fields', () => {
    const doc = map({ ...BASE, ClientTlsProtocol: 'UNKNOWN' });
    assert.deepEqual(doc['error.message'], ['cannot split "UNKNOWN" into tls.version_protocol and tls.version']);
    assert.equal(doc['tls.version'], undefined);
    assert.equal(doc[`${SE}.client.tls.protocol`], 'UNKNOWN');
    assert.equal(doc['event.kind'], 'pipeline_error');
  });

  it('lower-cases event.action and network.transport but keeps the namespace copies as sent', () => {
    const doc = map({ ...BASE, Event: 'Disconnect', ClientProto: 'TCP' });
    assert.equal(doc['event.action'], 'disconnect');
    assert.equal(doc[`${SE}.action`], 'Disconnect');
    assert.equal(doc['network.transport'], 'tcp');
    assert.equal(doc[`${SE}.client.protocol`], 'TCP');
    assert.equal(doc['network.community_id'], '1:X7lywUVKlduqRq5SyCRaBj4hLP0=');
  });

  const communityIds: [string, Record<string, unknown>, string | undefined][] = [
    ['computes the community ID of a UDP flow', { ClientProto: 'udp' }, '1:9kyN7CeY+kUAwtOM+3odt74sC+Y='],
    ['omits the community ID for an ICMP flow', { ClientProto: 'icmp' }, undefined],
    ['omits the community ID for a unix socket', { ClientProto: 'unix' }, undefined],
    ['omits the community ID when a port is missing', { OriginPort: null }, undefined],
    ['omits the community ID when a port is 0', { ClientPort: 0 }, undefined],
  ];
  for (const [name, change, expected] of communityIds) {
    it(name, () => assert.equal(map({ ...BASE, ...change })['network.community_id'], expected));
  }

  it('reads IpFirewall given as a string in any case', () => {
    assert.equal(map({ ...BASE, IpFirewall: 'TRUE' })[`${SE}.ip_firewall`], true);
    assert.equal(map({ ...BASE, IpFirewall: 'false' })[`${SE}.ip_firewall`], false);
  });

  const failures: [string, Record<string, unknown>, string, string[]][] = [
    ['an IpFirewall that is not a boolean', { IpFirewall: 'yes' }, 'cannot convert "yes" to boolean for ip_firewall', [`${SE}.ip_firewall`]],
    ['a ClientPort that is not an integer', { ClientPort: '40456/tcp' }, 'cannot convert "40456/tcp" to long for client.port', ['source.port', `${SE}.client.port`, 'network.community_id']],
    ['an OriginIP that is not an IP', { OriginIP: 'origin.example.com' }, 'cannot convert "origin.example.com" to ip for origin.ip', ['destination.ip', `${SE}.origin.ip`, 'network.community_id']],
    ['a Status that is not an integer', { Status: 'OK' }, 'cannot convert "OK" to long for status', ['http.response.status_code', `${SE}.status`]],
    ['an Event that is not a string', { Event: 7 }, 'cannot change the case of 7 for action: not a string', ['event.action', `${SE}.action`]],
  ];
  for (const [name, change, message, absent] of failures) {
    it(`omits ${name}, notes it and keeps the raw line`, () => {
      const doc = map({ ...BASE, ...change }, { preserveOriginalEvent: false });
      assert.deepEqual(doc['error.message'], [message]);
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.equal(doc['event.original'], JSON.stringify({ ...BASE, ...change }));
      for (const field of absent) assert.equal(doc[field], undefined, field);
    });
  }

  it('keeps related.ip to the valid addresses, client first', () => {
    assert.deepEqual(map({ ...BASE, ClientIP: 'bad' })['related.ip'], ['175.16.199.0']);
    assert.deepEqual(map({ ...BASE, OriginIP: '67.43.156.0' })['related.ip'], ['67.43.156.0']);
  });

  it('drops the duplicates and "N/A" values without preserve_duplicate_custom_fields', () => {
    const record = { ...BASE, ClientAsn: 200391, ClientBytes: 0, ClientCountry: 'bg', OriginBytes: 10, ColoCode: 'N/A', OriginProto: 'tcp', IpFirewall: false };
    const doc = map(record, { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] });
    assert.deepEqual(toNested(doc), {
      '@timestamp': '2022-05-26T09:24:00.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'], id: '7ef659a2f8ef4810a9bade96fdad7c75', action: 'connect' },
      source: { as: { number: 200391 }, bytes: 0, geo: { country_iso_code: 'bg' }, ip: '67.43.156.0', port: 40456 },
      destination: { ip: '175.16.199.0', port: 3389, bytes: 10 },
      network: { transport: 'tcp', community_id: '1:X7lywUVKlduqRq5SyCRaBj4hLP0=' },
      http: { response: { status_code: 0 } },
      tls: { version_protocol: 'tls', version: '1.2' },
      related: { ip: ['67.43.156.0', '175.16.199.0'] },
      cloudflare_logpush: {
        spectrum_event: { client: { protocol: 'tcp', tls: { protocol: 'TLSv1.2' } }, ip_firewall: false, origin: { protocol: 'tcp' } },
      },
      tags: ['forwarded'],
    });
  });

  it('keeps a key the spec does not list under the namespace in snake_case', () => {
    const doc = map({ ...BASE, ',DisconnectTimestamp': '0', ClientTlsJA3: 'abc' });
    assert.equal(doc[`${SE}._disconnect_timestamp`], '0');
    assert.equal(doc[`${SE}.client_tls_ja3`], 'abc');
    assert.equal(doc['event.end'], undefined);
  });
});
