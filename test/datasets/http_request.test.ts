/**
 * http_request rules that the golden fixtures do not exercise: [U] fields, failed conversions, fallbacks,
 * precedence between new and legacy keys, duplicate removal and the URL steps (spec rule 4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http_request } from '../../src/datasets/http_request.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';

const dataset = http_request as MappedDataset;
const NS = 'cloudflare_logpush.http_request';
const BASE = { ClientIP: '81.2.69.144', EdgeStartTimestamp: '2022-05-25T13:25:26Z', RayID: '710e98d9367f357d' };
const PLAIN = { preserveOriginalEvent: false, preserveDuplicateCustomFields: false, tags: [] };
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
/** The named fields of a document (absent ones as undefined), for precise comparisons. */
const pick = (doc: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));

describe('http_request mapping', () => {
  it('keeps only the namespace fields without an ECS twin when duplicates are not preserved', () => {
    const record = {
      ...BASE, ClientASN: 43766, ClientCountry: 'sa', ClientRequestMethod: 'GET', ClientRequestUserAgent: 'curl/8.4.0',
      ClientSSLCipher: 'AEAD-AES128-GCM-SHA256', ClientSSLProtocol: 'TLSv1.3', EdgeResponseContentType: 'text/html',
      EdgeResponseStatus: 200, JA3Hash: 'abc123', OriginIP: '67.43.156.0', ClientRequestURI: '/index.html?q=1',
    };
    assert.deepEqual(toNested(map(record, { ...PLAIN, tags: ['forwarded'] })), {
      '@timestamp': '2022-05-25T13:25:26.000Z',
      ecs: { version: '8.11.0' },
      event: { kind: 'event', category: ['network'], type: ['info'], id: '710e98d9367f357d' },
      source: { ip: '81.2.69.144', as: { number: 43766 }, geo: { country_iso_code: 'sa' } },
      destination: { ip: '67.43.156.0' },
      http: { request: { method: 'GET' }, response: { mime_type: 'text/html', status_code: 200 } },
      tls: { cipher: 'AEAD-AES128-GCM-SHA256', client: { ja3: 'abc123' }, version_protocol: 'tls', version: '1.3' },
      url: { path: '/index.html', extension: 'html', query: 'q=1', original: '/index.html?q=1', scheme: 'https' },
      user_agent: { original: 'curl/8.4.0', name: 'curl', version: '8.4.0', device: { name: 'Other' } },
      related: { ip: ['81.2.69.144', '67.43.156.0'], hash: ['abc123'] },
      cloudflare_logpush: {
        http_request: {
          edge: { start_time: '2022-05-25T13:25:26.000Z' },
          ray: { id: '710e98d9367f357d' },
          client: { request: { uri: '/index.html?q=1' }, ssl: { protocol: 'TLSv1.3' } },
        },
      },
      tags: ['forwarded'],
    });
  });

  it('maps the newer [U] keys', () => {
    const doc = map({
      ...BASE, CacheReserveUsed: 'TRUE', ClientCity: 'London', ClientLatitude: '51.5', ClientLongitude: '-0.1',
      ClientRegionCode: 'ENG', ContentScanObjResults: ['clean'], ContentScanObjSizes: ['1024', 2048], ContentScanObjTypes: ['zip'],
      FraudAttack: 'account_takeover', FraudDetectionIDs: [1, 22], FraudDetectionTags: ['login'], FraudEmailRisk: 'low',
      FraudUserID: 'user-42', JSDetectionPassed: 'passed', LeakedCredentialCheckResult: 'clean', PayPerCrawlStatus: 'none',
      RequestHeaders: { 'x-a': '1' }, ResponseHeaders: { 'x-b': '2' }, VerifiedBotCategory: 'Search Engine Crawler',
      WebAssetsLabelsManaged: ['cf-log-in'], WebAssetsOperationID: 'op1', WorkerScriptName: 'edge', WorkerWallTimeUs: 1500,
    });
    assert.deepEqual(pick(doc, [
      `${NS}.cache.reserve_used`, `${NS}.client.city`, `${NS}.client.latitude`, `${NS}.client.longitude`, `${NS}.client.region_code`,
      `${NS}.content_scan.results`, `${NS}.content_scan.sizes`, `${NS}.content_scan.types`, `${NS}.fraud.attack`,
      `${NS}.fraud.detection_ids`, `${NS}.fraud.detection_tags`, `${NS}.fraud.email_risk`, `${NS}.fraud.user_id`,
      `${NS}.js_detection_passed`, `${NS}.leaked_credential_check`, `${NS}.pay_per_crawl_status`, `${NS}.request.headers`,
      `${NS}.response.headers`, `${NS}.verified_bot_category`, `${NS}.web_assets.labels_managed`, `${NS}.web_assets.operation_id`,
      `${NS}.worker.script_name`, `${NS}.worker.wall_time_us`, 'related.user', 'error.message',
    ]), {
      [`${NS}.cache.reserve_used`]: true,
      [`${NS}.client.city`]: 'London',
      [`${NS}.client.latitude`]: '51.5',
      [`${NS}.client.longitude`]: '-0.1',
      [`${NS}.client.region_code`]: 'ENG',
      [`${NS}.content_scan.results`]: ['clean'],
      [`${NS}.content_scan.sizes`]: [1024, 2048],
      [`${NS}.content_scan.types`]: ['zip'],
      [`${NS}.fraud.attack`]: 'account_takeover',
      [`${NS}.fraud.detection_ids`]: ['1', '22'],
      [`${NS}.fraud.detection_tags`]: ['login'],
      [`${NS}.fraud.email_risk`]: 'low',
      [`${NS}.fraud.user_id`]: 'user-42',
      [`${NS}.js_detection_passed`]: 'passed',
      [`${NS}.leaked_credential_check`]: 'clean',
      [`${NS}.pay_per_crawl_status`]: 'none',
      [`${NS}.request.headers`]: { 'x-a': '1' },
      [`${NS}.response.headers`]: { 'x-b': '2' },
      [`${NS}.verified_bot_category`]: 'Search Engine Crawler',
      [`${NS}.web_assets.labels_managed`]: ['cf-log-in'],
      [`${NS}.web_assets.operation_id`]: 'op1',
      [`${NS}.worker.script_name`]: 'edge',
      [`${NS}.worker.wall_time_us`]: 1500,
      'related.user': ['user-42'],
      'error.message': undefined,
    });
  });

  it('prunes "N/A" object members, empty strings, arrays and objects', () => {
    const doc = map({ ...BASE, ClientCity: 'N/A', ClientLatitude: '', BotTags: [], Cookies: {}, RequestHeaders: { a: 'N/A' } });
    assert.deepEqual(Object.keys(doc).filter((f) => f.includes('client.city') || f.includes('latitude') || f.includes('bot') || f.includes('cookies') || f.includes('headers')), []);
  });

  const timestamps: [string, string, string][] = [
    ['Unix nanoseconds as a JSON number', '1653485126000000000', '2022-05-25T13:25:26.000Z'],
    ['Unix milliseconds as a JSON number', '1653485126123', '2022-05-25T13:25:26.123Z'],
    ['RFC 3339 with an offset', '"2022-05-25T15:25:26+02:00"', '2022-05-25T13:25:26.000Z'],
  ];
  for (const [name, raw, expected] of timestamps) {
    it(`reads EdgeStartTimestamp given as ${name}`, () => {
      // Written into the raw line by hand: a nanosecond JSON number exceeds 2^53.
      const doc = mapLine(dataset, `{"ClientIP":"81.2.69.144","EdgeStartTimestamp":${raw}}`, referenceContext());
      assert.deepEqual(pick(doc, ['@timestamp', `${NS}.edge.start_time`]), { '@timestamp': expected, [`${NS}.edge.start_time`]: expected });
    });
  }

  it('takes @timestamp from Datetime when EdgeStartTimestamp does not parse, and reports the failure', () => {
    const doc = map({ ...BASE, EdgeStartTimestamp: 'yesterday', Datetime: 1742843440 });
    assert.equal(doc['@timestamp'], '2025-03-24T19:10:40.000Z');
    assert.equal(doc[`${NS}.edge.start_time`], undefined);
    assert.equal(doc['event.kind'], 'pipeline_error');
    assert.equal((doc['error.message'] as string[]).length, 1);
  });

  const headerDates: [string, unknown, string | undefined][] = [
    ['RFC 1123 with GMT', 'Sat, 21 May 2022 11:17:33 GMT', '2022-05-21T11:17:33.000Z'],
    ['"0" as epoch milliseconds', '0', '1970-01-01T00:00:00.000Z'],
    ['"-1" as epoch milliseconds', '-1', '1969-12-31T23:59:59.999Z'],
    ['garbage, which fails', 'never', undefined],
  ];
  for (const [name, value, expected] of headerDates) {
    it(`reads OriginResponseHTTPExpires given as ${name}`, () => {
      const doc = map({ ...BASE, OriginResponseHTTPExpires: value });
      assert.equal(doc[`${NS}.origin.response.http.expires`], expected);
      assert.equal(doc['error.message'] === undefined, expected !== undefined);
    });
  }

  const failures: [string, Record<string, unknown>, string[]][] = [
    ['an invalid ClientIP leaves no source.ip and no related.ip', { ClientIP: 'not-an-ip' }, ['source.ip', `${NS}.client.ip`, 'related.ip']],
    ['an invalid OriginIP leaves no destination.ip', { OriginIP: '300.1.1.1' }, ['destination.ip', `${NS}.origin.ip`]],
    ['a fractional EdgeResponseStatus leaves no status code', { EdgeResponseStatus: 200.5 }, ['http.response.status_code', `${NS}.edge.response.status`]],
    ['a non-numeric BotScore is omitted', { BotScore: 'high' }, [`${NS}.bot.score.value`]],
    ['a boolean that is not true/false is omitted', { CacheTieredFill: 'yes' }, [`${NS}.cache.tiered_fill`]],
    ['a bad element of ContentScanObjSizes is dropped', { ContentScanObjSizes: ['x'] }, [`${NS}.content_scan.sizes`]],
  ];
  for (const [name, record, absent] of failures) {
    it(`${name}, records error.message and marks the event pipeline_error`, () => {
      const doc = map({ ...BASE, ClientIP: '175.16.199.0', ...record }, PLAIN);
      for (const field of absent) assert.equal(doc[field], undefined, field);
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.equal((doc['error.message'] as string[]).length, 1);
      assert.deepEqual(doc.tags, ['preserve_original_event']);
      assert.equal(typeof doc['event.original'], 'string');
    });
  }

  it('maps a line that is not a JSON object to a failed document', () => {
    const doc = mapLine(dataset, '[1,2]', referenceContext(PLAIN));
    assert.deepEqual(Object.keys(doc).sort(), ['ecs.version', 'error.message', 'event.kind', 'event.original', 'tags']);
  });

  const precedence: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['uses the legacy WAF fields when the Security ones are absent',
      { WAFAction: 'drop', WAFRuleID: 'w1', WAFRuleMessage: 'legacy', FirewallMatchesActions: ['block'], FirewallMatchesRuleIDs: ['r'], FirewallMatchesSources: ['waf'] },
      { action: 'drop', id: 'w1', message: 'legacy', actions: ['block'], ids: ['r'], sources: ['waf'] }],
    ['uses the legacy WAF fields when the Security ones are null',
      { SecurityAction: null, WAFAction: 'drop', SecurityRuleIDs: null, FirewallMatchesRuleIDs: ['r'] },
      { action: 'drop', id: undefined, message: undefined, actions: undefined, ids: ['r'], sources: undefined }],
    ['prefers the Security fields whatever the key order',
      { WAFAction: 'drop', SecurityAction: 'block', WAFRuleID: 'w1', SecurityRuleID: 's1', FirewallMatchesSources: ['waf'], SecuritySources: ['firewallManaged'] },
      { action: 'block', id: 's1', message: undefined, actions: undefined, ids: undefined, sources: ['firewallManaged'] }],
    ['lets an empty Security field win over the legacy one (then pruned)',
      { SecurityAction: '', WAFAction: 'drop', SecurityActions: [], FirewallMatchesActions: ['block'] },
      { action: undefined, id: undefined, message: undefined, actions: undefined, ids: undefined, sources: undefined }],
  ];
  for (const [name, record, expected] of precedence) {
    it(name, () => {
      const doc = map({ ...BASE, ...record });
      assert.deepEqual({
        action: doc[`${NS}.waf.action`], id: doc[`${NS}.waf.rule.id`], message: doc[`${NS}.waf.rule.message`],
        actions: doc[`${NS}.firewall.matches.action`], ids: doc[`${NS}.firewall.matches.rule_id`], sources: doc[`${NS}.firewall.matches.sources`],
      }, expected);
    });
  }

  const urls: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['decomposes an absolute URI, which wins over the other request keys',
      { ClientRequestURI: 'http://u:p@shop.example.com:8080/a%20b/c.tar.gz?x=%41#f', ClientRequestHost: 'xyz.example.com', ClientRequestScheme: 'https', ClientRequestPath: '/p' },
      { 'url.original': 'http://u:p@shop.example.com:8080/a%20b/c.tar.gz?x=%41#f', 'url.scheme': 'http', 'url.domain': 'shop.example.com', 'url.port': 8080,
        'url.path': '/a b/c.tar.gz', 'url.extension': 'gz', 'url.query': 'x=A', 'url.fragment': 'f', 'url.user_info': 'u:p', 'url.username': 'u', 'url.password': 'p' }],
    ['reads a URI starting with // as authority and path',
      { ClientRequestURI: '//android-chrome-192x192.png', ClientRequestHost: 'xyz.example.com' },
      { 'url.original': '//android-chrome-192x192.png', 'url.domain': 'android-chrome-192x192.png', 'url.scheme': 'http' }],
    ['falls back to host, path and query, without error, when java.net.URI rejects the URI',
      { ClientRequestURI: '/search?q=a b', ClientRequestHost: 'xyz.example.com', ClientRequestPath: '/search', ClientRequestQuery: '?q=a b' },
      { 'url.original': undefined, 'url.domain': 'xyz.example.com', 'url.path': '/search', 'url.query': '?q=a b', 'url.scheme': 'http', 'error.message': undefined }],
    ['lets an empty URI block the ClientRequestPath fallback',
      { ClientRequestURI: '', ClientRequestPath: '/p' },
      { 'url.original': undefined, 'url.path': undefined, 'url.scheme': 'http' }],
    ['defaults url.scheme to https when the record has a ClientSSLProtocol',
      { ClientRequestPath: '/p', ClientSSLProtocol: 'TLSv1.2' },
      { 'url.path': '/p', 'url.scheme': 'https' }],
    ['prefers ClientRequestScheme to the TLS default',
      { ClientRequestScheme: 'http', ClientSSLProtocol: 'TLSv1.2' },
      { 'url.scheme': 'http' }],
  ];
  for (const [name, record, expected] of urls) {
    it(`url: ${name}`, () => assert.deepEqual(pick(map({ ...BASE, ...record }), Object.keys(expected)), expected));
  }

  const protocols: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['splits HTTP/2', { ClientRequestProtocol: 'HTTP/2' }, { 'network.protocol': 'http', 'http.version': '2' }],
    ['ignores a protocol without a slash', { ClientRequestProtocol: 'SPDY' }, { 'network.protocol': undefined, 'http.version': undefined }],
    ['splits TLSv1.3', { ClientSSLProtocol: 'TLSv1.3' }, { 'tls.version_protocol': 'tls', 'tls.version': '1.3' }],
    ['gives no TLS version for "none"', { ClientSSLProtocol: 'none' }, { 'tls.version_protocol': undefined, 'tls.version': undefined }],
  ];
  for (const [name, record, expected] of protocols) {
    it(`protocols: ${name}`, () => {
      const doc = map({ ...BASE, ...record });
      assert.deepEqual(pick(doc, [...Object.keys(expected), 'error.message']), { ...expected, 'error.message': undefined });
    });
  }

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...BASE, NewCloudflareField: 'x' })[`${NS}.new_cloudflare_field`], 'x');
  });
});
