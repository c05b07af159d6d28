/**
 * gateway_http rules that the golden fixtures do not exercise: [U] fields, event.type per action, URL
 * decomposition and its failure, conversions, duplicate removal and related.*.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateway_http } from '../../src/datasets/gateway_http.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { generateGatewayHttp } from '../../src/generate/gateway_http.js';
import { Random } from '../../src/generate/random.js';
import { referenceContext } from '../support/map-context.js';

const dataset = gateway_http as MappedDataset;
const NS = 'cloudflare_logpush.gateway_http';
const BASE = { Datetime: '2023-05-03T20:55:05Z', SourceIP: '10.0.0.1' };
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: [] };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
/** The named fields of a document (absent ones as undefined), for precise comparisons. */
const pick = (doc: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));

describe('gateway_http mapping', () => {
  it('keeps only the namespace fields without an ECS twin when duplicates are not preserved', () => {
    const record = {
      ...BASE, Action: 'allow', DestinationIP: '10.0.0.2', DestinationPort: '443', DeviceID: 'd1', DeviceName: 'laptop',
      Email: 'user@example.com', HTTPHost: 'example.com', HTTPMethod: 'GET', HTTPStatusCode: '200', HTTPVersion: 'HTTP/1.1',
      Referer: 'https://example.com/', SourcePort: 5000, URL: 'https://example.com/a.php?x=1', UserAgent: 'curl/8.4.0',
      UserID: 'u1', SourceInternalIP: '192.168.1.2', IsIsolated: 'false',
    };
    assert.deepEqual(toNested(map(record, { ...PLAIN, tags: ['forwarded'] })), {
      '@timestamp': '2023-05-03T20:55:05.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info', 'allowed'], action: 'allow' },
      source: { ip: '10.0.0.1', port: 5000 },
      destination: { ip: '10.0.0.2', port: 443 },
      host: { id: 'd1', name: 'laptop' },
      user: { email: 'user@example.com', id: 'u1' },
      http: { request: { method: 'GET', referrer: 'https://example.com/' }, response: { status_code: 200 }, version: 'HTTP/1.1' },
      url: { domain: 'example.com', path: '/a.php', extension: 'php', query: 'x=1', scheme: 'https', original: 'https://example.com/a.php?x=1' },
      user_agent: { original: 'curl/8.4.0' },
      related: { ip: ['10.0.0.1', '10.0.0.2'], hosts: ['d1', 'laptop'], user: ['u1', 'user@example.com'] },
      cloudflare_logpush: {
        gateway_http: { isolated: false, request: { host: 'example.com' }, source: { internal_ip: '192.168.1.2' } },
      },
      tags: ['forwarded'],
    });
  });

  const actions: [string, unknown, string[]][] = [
    ['allow', 'allow', ['info', 'allowed']],
    ['bypass', 'bypass', ['info', 'allowed']],
    ['block', 'block', ['info', 'denied']],
    ['isolate (nothing added)', 'isolate', ['info']],
    ['Block in another case (nothing added: the comparison is case-sensitive)', 'Block', ['info']],
    ['a name of an Object prototype member (nothing added)', 'constructor', ['info']],
  ];
  for (const [name, action, type] of actions) {
    it(`sets event.type for the action ${name}`, () => {
      const doc = map({ ...BASE, Action: action });
      assert.deepEqual(pick(doc, ['event.type', 'event.action']), { 'event.type': type, 'event.action': action });
    });
  }

  it('maps the newer [U] keys', () => {
    const record = {
      AppControlInfo: { id: 1 }, ApplicationIDs: [12], ApplicationNames: ['Slack'], ApplicationStatuses: ['approved'],
      CategoryIDs: [115], CategoryNames: ['Technology'], DestinationIPContinentCode: 'EU', DestinationIPCountryCode: 'SE',
      DownloadMatchedDlpProfileEntries: ['e1'], DownloadMatchedDlpProfiles: ['p1'], ForensicCopyStatus: 'success',
      PrivateAppAUD: 'aud', ProxyEndpoint: 'pe', Quarantined: 'TRUE', RedirectTargetURI: 'https://example.com/blocked',
      RegistrationID: 'r1', SessionID: 's1', SourceIPContinentCode: 'AS', SourceIPCountryCode: 'BT',
      UploadMatchedDlpProfileEntries: ['e2'], UploadMatchedDlpProfiles: ['p2'], VirtualNetworkID: 'v1', VirtualNetworkName: 'default',
    };
    const doc = toNested(map({ ...BASE, ...record }, PLAIN)) as { cloudflare_logpush: { gateway_http: unknown } };
    assert.deepEqual(doc.cloudflare_logpush.gateway_http, {
      app_control_info: { id: 1 },
      application: { ids: [12], names: ['Slack'], statuses: ['approved'] },
      category: { ids: [115], names: ['Technology'] },
      destination_ip: { continent_code: 'EU', country_code: 'SE' },
      download_matched_dlp: { profile_entries: ['e1'], profiles: ['p1'] },
      forensic_copy_status: 'success',
      private_app_aud: 'aud',
      proxy_endpoint: 'pe',
      quarantined: true,
      redirect_target_uri: 'https://example.com/blocked',
      registration_id: 'r1',
      session_id: 's1',
      source_ip: { continent_code: 'AS', country_code: 'BT' },
      upload_matched_dlp: { profile_entries: ['e2'], profiles: ['p2'] },
      virtual_network: { id: 'v1', name: 'default' },
    });
  });

  it('decomposes a URL without scheme as a relative reference', () => {
    assert.deepEqual(pick(map({ ...BASE, URL: 'example.com/a.php' }), ['url.original', 'url.path', 'url.extension', 'url.domain', 'url.scheme']), {
      'url.original': 'example.com/a.php', 'url.path': 'example.com/a.php', 'url.extension': 'php', 'url.domain': undefined, 'url.scheme': undefined,
    });
  });

  for (const [name, overrides] of [['with', {}], ['without', PLAIN]] as const) {
    it(`keeps NS.url but no url.* for a URL java.net.URI rejects, and fails the record (duplicates kept: ${name})`, () => {
      const doc = map({ ...BASE, URL: 'https://example.com/a b' }, overrides);
      assert.deepEqual(Object.keys(doc).filter((f) => f.startsWith('url.')), []);
      assert.equal(doc[`${NS}.url`], 'https://example.com/a b');
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.equal((doc['error.message'] as string[]).length, 1);
      assert.ok((doc.tags as string[]).includes('preserve_original_event'));
    });
  }

  const failures: [string, Record<string, unknown>, string[]][] = [
    ['an invalid SourceIP leaves no source.ip, GeoIP or related.ip', { SourceIP: '67.43.156' }, ['source.ip', `${NS}.source.ip`, 'source.geo.country_iso_code', 'related.ip']],
    ['an invalid DestinationIP leaves no destination.ip', { DestinationIP: 'example.com' }, ['destination.ip', `${NS}.destination.ip`]],
    ['an invalid SourceInternalIP is omitted', { SourceInternalIP: '192.168.1' }, [`${NS}.source.internal_ip`]],
    ['a non-numeric DestinationPort is omitted', { DestinationPort: 'https' }, ['destination.port', `${NS}.destination.port`]],
    ['a non-numeric HTTPStatusCode is omitted', { HTTPStatusCode: 'OK' }, ['http.response.status_code', `${NS}.response.status_code`]],
    ['a non-numeric BlockedFileSize is omitted', { BlockedFileSize: '43 kB' }, [`${NS}.blocked_file.size`]],
    ['an IsIsolated that is not a boolean is omitted', { IsIsolated: 'maybe' }, [`${NS}.isolated`]],
    ['a Quarantined that is not a boolean is omitted', { Quarantined: 1 }, [`${NS}.quarantined`]],
    ['an unparseable Datetime leaves no @timestamp', { Datetime: 'yesterday' }, ['@timestamp', `${NS}.timestamp`]],
  ];
  for (const [name, record, absent] of failures) {
    it(`${name}, records error.message and marks the event pipeline_error`, () => {
      const doc = map({ ...BASE, SourceIP: '67.43.156.2', ...record });
      for (const field of absent) assert.equal(doc[field], undefined, field);
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.equal((doc['error.message'] as string[]).length, 1);
    });
  }

  it('skips empty IPs silently', () => {
    const doc = map({ ...BASE, SourceIP: '', DestinationIP: null, SourceInternalIP: '' });
    assert.deepEqual(pick(doc, ['source.ip', 'destination.ip', 'error.message', 'event.kind']), {
      'source.ip': undefined, 'destination.ip': undefined, 'error.message': undefined, 'event.kind': 'event',
    });
  });

  it('writes related.hosts and related.user as strings, de-duplicated', () => {
    const doc = map({ ...BASE, DeviceID: 42, DeviceName: '42', UserID: 'u@example.com', Email: 'u@example.com' });
    assert.deepEqual(pick(doc, ['related.hosts', 'related.user']), { 'related.hosts': ['42'], 'related.user': ['u@example.com'] });
  });

  it('maps a line that is not a JSON object to a failed document', () => {
    const doc = mapLine(dataset, 'not json', referenceContext(PLAIN));
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
  });

  it('maps generated records without error', () => {
    const random = new Random(11);
    for (let i = 0; i < 300; i++) {
      const doc = mapLine(dataset, JSON.stringify(generateGatewayHttp(random, Date.UTC(2024, 4, 1) + i * 1000)), referenceContext());
      assert.equal(doc['error.message'], undefined, JSON.stringify(doc['error.message']));
      assert.equal(typeof doc['url.domain'], 'string');
    }
  });
});
