import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateway_network } from '../../src/datasets/gateway_network.js';
import { mapLine } from '../../src/datasets/map.js';
import type { Dataset, DatasetMapping } from '../../src/datasets/types.js';
import { toNested } from '../../src/ecs/document.js';
import { assertFailed } from '../support/documents.js';
import { referenceContext } from '../support/map-context.js';

const dataset = gateway_network as Dataset & { mapping: DatasetMapping };
const NS = 'cloudflare_logpush.gateway_network';
const BASE = {
  Action: 'blockedRule',
  Datetime: '2023-05-18T21:12:57Z',
  DestinationIP: '89.160.20.129',
  DestinationPort: 443,
  DeviceID: '083a8354-d56c-11ed-9771-6a842b100cff',
  SessionID: '5f2d04be-3512-11e8-b467-0ed5f89f718b',
  SourceIP: '67.43.156.2',
  UserID: '166befbb-00e3-5e20-bd6e-27245723949f',
};
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: ['forwarded'] };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));

describe('gateway_network mapping', () => {
  const timestamps: [string, unknown][] = [
    ['Unix seconds as a digit string', '1684444377'],
    ['Unix milliseconds as a JSON number', 1684444377000],
    ['Unix nanoseconds as a digit string', '1684444377000000000'],
    ['RFC 3339 with Z', '2023-05-18T21:12:57Z'],
    ['RFC 3339 with a -hhmm offset', '2023-05-18T16:12:57-0500'],
  ];
  for (const [name, value] of timestamps) {
    it(`reads a Datetime given as ${name}`, () => {
      const doc = map({ ...BASE, Datetime: value });
      assert.equal(doc['@timestamp'], '2023-05-18T21:12:57.000Z');
      assert.equal(doc[`${NS}.timestamp`], '2023-05-18T21:12:57.000Z');
      assert.equal(doc['error.message'], undefined);
    });
  }

  it('notes an unparseable Datetime and sets no @timestamp', () => {
    const doc = map({ ...BASE, Datetime: 'May 18th' });
    assert.equal(doc['@timestamp'], undefined);
    assertFailed(doc, 'cannot convert "May 18th" to date for timestamp');
  });

  const transports: [string, Record<string, unknown>, string | undefined][] = [
    ['takes the deprecated Transport when TransportProtocol is absent', { Transport: 'udp' }, 'udp'],
    ['takes TransportProtocol alone', { TransportProtocol: 'quic' }, 'quic'],
    ['prefers TransportProtocol sent after Transport', { Transport: 'tcp', TransportProtocol: 'quic' }, 'quic'],
    ['prefers TransportProtocol sent before Transport', { TransportProtocol: 'quic', Transport: 'tcp' }, 'quic'],
    ['falls back to Transport when TransportProtocol is empty', { TransportProtocol: '', Transport: 'tcp' }, 'tcp'],
    ['sets no transport when neither is sent', {}, undefined],
  ];
  for (const [name, fields, expected] of transports) {
    it(name, () => {
      const doc = map({ ...BASE, ...fields });
      assert.equal(doc['network.transport'], expected);
      assert.equal(doc[`${NS}.transport`], expected);
    });
  }

  const ports: [string, string, string][] = [
    ['DestinationPort', 'destination.port', 'destination.port'],
    ['SourcePort', 'source.port', 'source.port'],
    ['OverridePort', 'override.port', 'override.port'],
  ];
  for (const [key, ecs, ns] of ports) {
    it(`reads a ${key} digit string as an integer`, () => {
      const doc = map({ ...BASE, [key]: '8443' });
      assert.equal(doc[`${NS}.${ns}`], 8443);
      if (key !== 'OverridePort') assert.equal(doc[ecs], 8443);
      assert.equal(doc['error.message'], undefined);
    });
    it(`omits a ${key} that is not an integer and notes it`, () => {
      const doc = map({ ...BASE, [key]: 'https' });
      assert.equal(doc[`${NS}.${ns}`], undefined);
      assert.equal(doc[ecs], undefined);
      assertFailed(doc, `cannot convert "https" to long for ${ns}`);
    });
  }

  it('omits an invalid DestinationIP with its geo and related.ip entry, and notes it', () => {
    const doc = map({ ...BASE, DestinationIP: 'www.elastic.co' });
    for (const field of ['destination.ip', `${NS}.destination.ip`, 'destination.geo.city_name', 'destination.as.number']) assert.equal(doc[field], undefined, field);
    assert.deepEqual(doc['related.ip'], ['67.43.156.2']);
    assertFailed(doc, 'cannot convert "www.elastic.co" to ip for destination.ip');
  });

  it('omits an invalid OverrideIP from the namespace and related.ip, and notes it', () => {
    const doc = map({ ...BASE, OverrideIP: '175.16.199' });
    assert.equal(doc[`${NS}.override.ip`], undefined);
    assert.deepEqual(doc['related.ip'], ['67.43.156.2', '89.160.20.129']);
    assertFailed(doc, 'cannot convert "175.16.199" to ip for override.ip');
  });

  it('notes an invalid SourceInternalIP', () => {
    const doc = map({ ...BASE, SourceInternalIP: 'laptop.local' });
    assert.equal(doc[`${NS}.source.internal_ip`], undefined);
    assertFailed(doc, 'cannot convert "laptop.local" to ip for source.internal_ip');
  });

  it('skips empty IPs and ports without an error', () => {
    const doc = map({ ...BASE, OverrideIP: '', OverridePort: null, SourceInternalIP: '' });
    assert.equal(doc['error.message'], undefined);
    assert.equal(doc['event.kind'], 'event');
  });

  it('starts related.hosts with the device when no SNI is sent', () => {
    const doc = map({ ...BASE, DeviceName: 'zt-test-vm1' });
    assert.deepEqual(doc['related.hosts'], ['083a8354-d56c-11ed-9771-6a842b100cff', 'zt-test-vm1']);
    assert.equal(doc['destination.domain'], undefined);
    assert.equal(doc['tls.client.server_name'], undefined);
  });

  it('moves the newer upstream fields to the namespace unchanged', () => {
    const moved: Record<string, [unknown, string]> = {
      ApplicationIDs: [[519], 'application.ids'],
      ApplicationNames: [['Slack'], 'application.names'],
      CategoryIDs: [[155], 'category.ids'],
      CategoryNames: [['Business'], 'category.names'],
      DestinationIPContinentCode: ['EU', 'destination_ip.continent_code'],
      DestinationIPCountryCode: ['se', 'destination_ip.country_code'],
      DetectedProtocol: ['TLS', 'detected_protocol'],
      ProxyEndpoint: ['proxy-a', 'proxy_endpoint'],
      RegistrationID: ['reg-1', 'registration_id'],
      SourceIPContinentCode: ['AS', 'source_ip.continent_code'],
      SourceIPCountryCode: ['bt', 'source_ip.country_code'],
      VirtualNetworkID: ['vnet-1', 'virtual_network.id'],
      VirtualNetworkName: ['default', 'virtual_network.name'],
    };
    const record = { ...BASE, ...Object.fromEntries(Object.entries(moved).map(([key, [value]]) => [key, value])) };
    const doc = map(record, PLAIN);
    for (const [key, [value, field]] of Object.entries(moved)) assert.deepEqual(doc[`${NS}.${field}`], value, key);
    assert.equal(doc['error.message'], undefined);
  });

  it('keeps only ECS fields and namespace-only fields when duplicates are not preserved', () => {
    const record = { ...BASE, AccountID: 'acc', OverrideIP: '10.0.0.1', OverridePort: 8080, PolicyName: 'Block RDP', SNI: 'rdp.example.com', SourceInternalIP: '192.168.1.3', TransportProtocol: 'tcp' };
    assert.deepEqual(toNested(map(record, { ...PLAIN, geoip: undefined })), {
      '@timestamp': '2023-05-18T21:12:57.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'], action: 'blockedRule', id: '5f2d04be-3512-11e8-b467-0ed5f89f718b' },
      destination: { ip: '89.160.20.129', port: 443, domain: 'rdp.example.com' },
      host: { id: '083a8354-d56c-11ed-9771-6a842b100cff' },
      source: { ip: '67.43.156.2' },
      user: { id: '166befbb-00e3-5e20-bd6e-27245723949f' },
      tls: { client: { server_name: 'rdp.example.com' } },
      network: { transport: 'tcp' },
      cloudflare_logpush: {
        gateway_network: {
          account_id: 'acc',
          override: { ip: '10.0.0.1', port: 8080 },
          policy: { name: 'Block RDP' },
          source: { internal_ip: '192.168.1.3' },
        },
      },
      related: {
        ip: ['67.43.156.2', '89.160.20.129', '10.0.0.1'],
        hosts: ['rdp.example.com', '083a8354-d56c-11ed-9771-6a842b100cff'],
        user: ['166befbb-00e3-5e20-bd6e-27245723949f'],
      },
      tags: ['forwarded'],
    });
  });

  it('still yields a document for a line that is not a JSON object', () => {
    const doc = mapLine(dataset, '{"Datetime":', referenceContext(PLAIN));
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.deepEqual(doc.tags, ['forwarded', 'preserve_original_event']);
  });
});
