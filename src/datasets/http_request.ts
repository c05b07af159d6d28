// Cloudflare Logpush dataset `http_requests` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/http_requests/
// Mapping spec: shared/spec/datasets/http_request.md
import { isBlank } from '../ecs/convert.js';
import { type DocumentBuilder, type FieldName, fieldUnder } from '../ecs/document.js';
import { DESTINATION_IP, SOURCE_IP, TIMESTAMP, TLS_CLIENT_JA3, TLS_VERSION, TLS_VERSION_PROTOCOL, URL_DOMAIN, URL_PATH, URL_QUERY, URL_SCHEME, USER_AGENT_ORIGINAL } from '../ecs/fields.js';
import { setHttpProtocol, splitProtocolVersion } from '../ecs/http-protocol.js';
import { boolean, custom, date, derived, double, httpDate, ip, keyword, long, move } from '../ecs/rules.js';
import { URL_FIELDS, setUrlParts } from '../ecs/url.js';
import { USER_AGENT_FIELDS, setUserAgent } from '../ecs/user-agent.js';
import { ENGINE_FIELDS } from './map.js';
import type { CloudflareRecord, Dataset, FieldRule } from './types.js';

const NS = 'cloudflare_logpush.http_request';
// Read in derive: names with their slots, looked up once (see fieldName).
const FRAUD_USER_ID = fieldUnder(NS, 'fraud.user_id');
const DATETIME = fieldUnder(NS, 'datetime');

/**
 * A legacy key (`WAFAction`) that fills its field only when the newer key (`SecurityAction`) is absent or
 * null (rule 8); an empty newer value still wins, and is then pruned.
 */
function legacyOf(newer: string, ns: string): FieldRule {
  const rule = move(ns);
  return custom((value, doc, record, ctx) => {
    if (record[newer] === undefined || record[newer] === null) rule.apply(value, doc, record, ctx);
  });
}

/** Rule 4: `url.*` from the URI (java.net.URI semantics), then field by field from the other request keys. */
function setUrl(record: CloudflareRecord, doc: DocumentBuilder): void {
  // A URI that java.net.URI rejects gives no url.* and, as upstream (ignore_failure), no error.
  if (typeof record.ClientRequestURI === 'string') setUrlParts(doc, record.ClientRequestURI);
  const sslProtocol = record.ClientSSLProtocol;
  setUnlessSet(doc, URL_SCHEME, record.ClientRequestScheme);
  setUnlessSet(doc, URL_SCHEME, sslProtocol !== undefined && sslProtocol !== null ? 'https' : 'http');
  setUnlessSet(doc, URL_DOMAIN, record.ClientRequestHost);
  // An empty URI sets url.path to "" above, which blocks this fallback (as upstream); both are pruned.
  setUnlessSet(doc, URL_PATH, record.ClientRequestPath);
  setUnlessSet(doc, URL_QUERY, record.ClientRequestQuery);
}

/**
 * Sets a field the URI left unset, from a present value. A module function, not a closure made per record:
 * the loader (tsx) names every closure it makes with Object.defineProperty, which showed in profiles.
 */
function setUnlessSet(doc: DocumentBuilder, field: FieldName, value: unknown): void {
  if (doc.getField(field) === undefined && !isBlank(value)) doc.setField(field, value);
}

export const http_request: Dataset = {
  name: 'http_request',
  cloudflareId: 'http_requests',
  scope: 'zone',
  defaultPrefix: 'http_request',
  defaultTags: ['forwarded', 'cloudflare_logpush-http_request'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      // The namespace start time is always kept; @timestamp falls back to Datetime in derive.
      EdgeStartTimestamp: date('edge.start_time', { ecs: '@timestamp', keep: true }),
      EdgeEndTimestamp: date('edge.end_time'),
      Datetime: date('datetime'),
      BotDetectionIDs: move('bot.detection_ids'),
      BotDetectionTags: move('bot.detection_tags'),
      BotScore: long('bot.score.value'),
      BotScoreSrc: move('bot.score.src'),
      BotTags: move('bot.tag'),
      CacheCacheStatus: move('cache.status'),
      CacheReserveUsed: boolean('cache.reserve_used'),
      CacheResponseBytes: long('cache.response.bytes'),
      CacheResponseStatus: long('cache.response.status'),
      CacheTieredFill: boolean('cache.tiered_fill'),
      ClientASN: long('client.asn', { ecs: 'source.as.number' }),
      ClientCity: move('client.city'),
      // Copied as sent: a lower-case country code (`sa`) stays lower case.
      ClientCountry: move('client.country', { ecs: 'source.geo.country_iso_code' }),
      ClientDeviceType: move('client.device.type'),
      ClientIP: ip('client.ip', { ecs: 'source.ip' }),
      ClientIPClass: move('client.ip_class'),
      ClientLatitude: move('client.latitude'),
      ClientLongitude: move('client.longitude'),
      ClientMTLSAuthCertFingerprint: move('client.mtls.auth.fingerprint'),
      ClientMTLSAuthStatus: move('client.mtls.auth.status'),
      ClientRegionCode: move('client.region_code'),
      ClientRequestBytes: long('client.request.bytes'),
      ClientRequestHost: move('client.request.host'),
      ClientRequestMethod: move('client.request.method', { ecs: 'http.request.method' }),
      ClientRequestPath: move('client.request.path'),
      ClientRequestProtocol: move('client.request.protocol'),
      ClientRequestQuery: derived,
      ClientRequestReferer: move('client.request.referer'),
      ClientRequestScheme: move('client.request.scheme'),
      ClientRequestSource: move('client.request.source'),
      ClientRequestURI: move('client.request.uri'),
      ClientRequestUserAgent: keyword('client.request.user.agent', { ecs: 'user_agent.original' }),
      // "NONE" is kept: the pipeline copies the cipher verbatim.
      ClientSSLCipher: move('client.ssl.cipher', { ecs: 'tls.cipher' }),
      ClientSSLProtocol: move('client.ssl.protocol'),
      ClientSrcPort: long('client.src.port'),
      ClientTCPRTTMs: long('client.tcp_rtt.ms'),
      ClientXRequestedWith: move('client.xrequested_with'),
      ContentScanObjResults: move('content_scan.results'),
      ContentScanObjSizes: long('content_scan.sizes'),
      ContentScanObjTypes: move('content_scan.types'),
      Cookies: move('cookies'),
      EdgeCFConnectingO2O: boolean('edge.cf_connecting_o2o'),
      EdgeColoCode: move('edge.colo.code'),
      EdgeColoID: long('edge.colo.id'),
      EdgePathingOp: move('edge.pathing.op'),
      EdgePathingSrc: move('edge.pathing.src'),
      EdgePathingStatus: move('edge.pathing.status'),
      EdgeRateLimitAction: move('edge.rate.limit.action'),
      EdgeRateLimitID: long('edge.rate.limit.id'),
      EdgeRequestHost: move('edge.request.host'),
      EdgeResponseBodyBytes: long('edge.response.body_bytes'),
      EdgeResponseBytes: long('edge.response.bytes'),
      EdgeResponseCompressionRatio: double('edge.response.compression_ratio'),
      EdgeResponseContentType: move('edge.response.content_type', { ecs: 'http.response.mime_type' }),
      EdgeResponseStatus: long('edge.response.status', { ecs: 'http.response.status_code' }),
      // Namespace only: the baseline pipeline does not add the edge IP to related.ip.
      EdgeServerIP: ip('edge.server.ip'),
      EdgeTimeToFirstByteMs: long('edge.time_to_first_byte.ms'),
      FirewallMatchesActions: legacyOf('SecurityActions', 'firewall.matches.action'),
      FirewallMatchesRuleIDs: legacyOf('SecurityRuleIDs', 'firewall.matches.rule_id'),
      FirewallMatchesSources: legacyOf('SecuritySources', 'firewall.matches.sources'),
      FraudAttack: move('fraud.attack'),
      FraudDetectionIDs: keyword('fraud.detection_ids'),
      FraudDetectionTags: move('fraud.detection_tags'),
      FraudEmailRisk: move('fraud.email_risk'),
      FraudUserID: move('fraud.user_id'),
      JA3Hash: move('ja3_hash', { ecs: 'tls.client.ja3' }),
      JA4: move('ja4'),
      JA4Signals: move('ja4_signals'),
      JSDetectionPassed: move('js_detection_passed'),
      LeakedCredentialCheckResult: move('leaked_credential_check'),
      OriginDNSResponseTimeMs: long('origin.dns_response_time.ms'),
      OriginIP: ip('origin.ip', { ecs: 'destination.ip' }),
      OriginRequestHeaderSendDurationMs: long('origin.request_header_send_duration.ms'),
      OriginResponseBytes: long('origin.response.bytes'),
      OriginResponseDurationMs: long('origin.response.duration.ms'),
      OriginResponseHeaderReceiveDurationMs: long('origin.response.header_receive_duration.ms'),
      // Header dates: ISO 8601, RFC 1123, or epoch milliseconds ("0" → 1970-01-01), as upstream.
      OriginResponseHTTPExpires: httpDate('origin.response.http.expires'),
      OriginResponseHTTPLastModified: httpDate('origin.response.http.last_modified'),
      OriginResponseStatus: long('origin.response.status'),
      OriginResponseTime: long('origin.response.time'),
      OriginSSLProtocol: move('origin.ssl_protocol'),
      OriginTCPHandshakeDurationMs: long('origin.tcp_handshake_duration.ms'),
      OriginTLSHandshakeDurationMs: long('origin.tls_handshake_duration.ms'),
      ParentRayID: move('parent_ray.id'),
      PayPerCrawlStatus: move('pay_per_crawl_status'),
      RayID: move('ray.id', { ecs: 'event.id', keep: true }),
      RequestHeaders: move('request.headers'),
      ResponseHeaders: move('response.headers'),
      SecurityAction: move('waf.action'),
      SecurityActions: move('firewall.matches.action'),
      SecurityLevel: move('security_level'),
      SecurityRuleDescription: move('waf.rule.message'),
      SecurityRuleID: move('waf.rule.id'),
      SecurityRuleIDs: move('firewall.matches.rule_id'),
      SecuritySources: move('firewall.matches.sources'),
      SmartRouteColoID: long('smart_route.colo.id'),
      UpperTierColoID: long('upper_tier.colo.id'),
      VerifiedBotCategory: move('verified_bot_category'),
      WAFAction: legacyOf('SecurityAction', 'waf.action'),
      WAFAttackScore: long('waf.score.global'),
      WAFFlags: move('waf.flag'),
      WAFMatchedVar: move('waf.matched_var'),
      WAFProfile: move('waf.profile'),
      WAFRCEAttackScore: long('waf.score.rce'),
      WAFRuleID: legacyOf('SecurityRuleID', 'waf.rule.id'),
      WAFRuleMessage: legacyOf('SecurityRuleDescription', 'waf.rule.message'),
      WAFSQLiAttackScore: long('waf.score.sqli'),
      WAFXSSAttackScore: long('waf.score.xss'),
      WebAssetsLabelsManaged: move('web_assets.labels_managed'),
      WebAssetsOperationID: move('web_assets.operation_id'),
      WorkerCPUTime: long('worker.cpu_time'),
      WorkerScriptName: move('worker.script_name'),
      WorkerStatus: move('worker.status'),
      WorkerSubrequest: boolean('worker.subrequest.value'),
      WorkerSubrequestCount: long('worker.subrequest.count'),
      WorkerWallTimeUs: long('worker.wall_time_us'),
      ZoneID: long('zone.id'),
      ZoneName: move('zone.name'),
    },
    derive(record, doc, ctx) {
      const datetime = doc.getField(DATETIME);
      if (doc.getField(TIMESTAMP) === undefined && datetime !== undefined) doc.setField(TIMESTAMP, datetime);
      setUrl(record, doc);
      setHttpProtocol(doc, record.ClientRequestProtocol);
      const tls = splitProtocolVersion(record.ClientSSLProtocol, 'v');
      if (tls !== undefined) {
        doc.setField(TLS_VERSION_PROTOCOL, tls[0]);
        doc.setField(TLS_VERSION, tls[1]);
      }
      setUserAgent(doc, doc.getField(USER_AGENT_ORIGINAL), ctx.userAgent);
      // No related.hosts and no edge IP: the baseline pipeline sets neither.
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP));
      doc.appendRelated('hash', doc.getField(TLS_CLIENT_JA3));
      doc.appendRelated('user', doc.getField(FRAUD_USER_ID));
    },
    // Rule 17: "N/A" object members are pruned like empty strings.
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.id': 'keyword',
      'source.ip': 'ip',
      'source.as.number': 'long',
      'source.geo.country_iso_code': 'keyword',
      'destination.ip': 'ip',
      'http.request.method': 'keyword',
      'http.response.mime_type': 'keyword',
      'http.response.status_code': 'long',
      'http.version': 'keyword',
      'network.protocol': 'keyword',
      'tls.cipher': 'keyword',
      'tls.version': 'keyword',
      'tls.version_protocol': 'keyword',
      'tls.client.ja3': 'keyword',
      ...URL_FIELDS,
      ...USER_AGENT_FIELDS,
      'related.ip': 'ip[]',
      'related.hash': 'keyword[]',
      'related.user': 'keyword[]',
      [`${NS}.edge.start_time`]: 'date',
      [`${NS}.edge.end_time`]: 'date',
      [`${NS}.datetime`]: 'date',
      [`${NS}.bot.detection_ids`]: 'long[]',
      [`${NS}.bot.detection_tags`]: 'keyword[]',
      [`${NS}.bot.score.value`]: 'long',
      [`${NS}.bot.score.src`]: 'keyword',
      [`${NS}.bot.tag`]: 'keyword[]',
      [`${NS}.cache.status`]: 'keyword',
      [`${NS}.cache.reserve_used`]: 'boolean',
      [`${NS}.cache.response.bytes`]: 'long',
      [`${NS}.cache.response.status`]: 'long',
      [`${NS}.cache.tiered_fill`]: 'boolean',
      [`${NS}.client.asn`]: 'long',
      [`${NS}.client.city`]: 'keyword',
      [`${NS}.client.country`]: 'keyword',
      [`${NS}.client.device.type`]: 'keyword',
      [`${NS}.client.ip`]: 'ip',
      [`${NS}.client.ip_class`]: 'keyword',
      [`${NS}.client.latitude`]: 'keyword',
      [`${NS}.client.longitude`]: 'keyword',
      [`${NS}.client.mtls.auth.fingerprint`]: 'keyword',
      [`${NS}.client.mtls.auth.status`]: 'keyword',
      [`${NS}.client.region_code`]: 'keyword',
      [`${NS}.client.request.bytes`]: 'long',
      [`${NS}.client.request.host`]: 'keyword',
      [`${NS}.client.request.method`]: 'keyword',
      [`${NS}.client.request.path`]: 'keyword',
      [`${NS}.client.request.protocol`]: 'keyword',
      [`${NS}.client.request.referer`]: 'keyword',
      [`${NS}.client.request.scheme`]: 'keyword',
      [`${NS}.client.request.source`]: 'keyword',
      [`${NS}.client.request.uri`]: 'keyword',
      [`${NS}.client.request.user.agent`]: 'keyword',
      [`${NS}.client.ssl.cipher`]: 'keyword',
      [`${NS}.client.ssl.protocol`]: 'keyword',
      [`${NS}.client.src.port`]: 'long',
      [`${NS}.client.tcp_rtt.ms`]: 'long',
      [`${NS}.client.xrequested_with`]: 'keyword',
      [`${NS}.content_scan.results`]: 'keyword[]',
      [`${NS}.content_scan.sizes`]: 'long[]',
      [`${NS}.content_scan.types`]: 'keyword[]',
      [`${NS}.cookies`]: 'flattened',
      [`${NS}.edge.cf_connecting_o2o`]: 'boolean',
      [`${NS}.edge.colo.code`]: 'keyword',
      [`${NS}.edge.colo.id`]: 'long',
      [`${NS}.edge.pathing.op`]: 'keyword',
      [`${NS}.edge.pathing.src`]: 'keyword',
      [`${NS}.edge.pathing.status`]: 'keyword',
      [`${NS}.edge.rate.limit.action`]: 'keyword',
      [`${NS}.edge.rate.limit.id`]: 'long',
      [`${NS}.edge.request.host`]: 'keyword',
      [`${NS}.edge.response.body_bytes`]: 'long',
      [`${NS}.edge.response.bytes`]: 'long',
      [`${NS}.edge.response.compression_ratio`]: 'double',
      [`${NS}.edge.response.content_type`]: 'keyword',
      [`${NS}.edge.response.status`]: 'long',
      [`${NS}.edge.server.ip`]: 'ip',
      [`${NS}.edge.time_to_first_byte.ms`]: 'long',
      [`${NS}.firewall.matches.action`]: 'keyword[]',
      [`${NS}.firewall.matches.rule_id`]: 'keyword[]',
      [`${NS}.firewall.matches.sources`]: 'keyword[]',
      [`${NS}.fraud.attack`]: 'keyword',
      [`${NS}.fraud.detection_ids`]: 'keyword[]',
      [`${NS}.fraud.detection_tags`]: 'keyword[]',
      [`${NS}.fraud.email_risk`]: 'keyword',
      [`${NS}.fraud.user_id`]: 'keyword',
      [`${NS}.ja3_hash`]: 'keyword',
      [`${NS}.ja4`]: 'keyword',
      [`${NS}.ja4_signals`]: 'flattened',
      [`${NS}.js_detection_passed`]: 'keyword',
      [`${NS}.leaked_credential_check`]: 'keyword',
      [`${NS}.origin.dns_response_time.ms`]: 'long',
      [`${NS}.origin.ip`]: 'ip',
      [`${NS}.origin.request_header_send_duration.ms`]: 'long',
      [`${NS}.origin.response.bytes`]: 'long',
      [`${NS}.origin.response.duration.ms`]: 'long',
      [`${NS}.origin.response.header_receive_duration.ms`]: 'long',
      [`${NS}.origin.response.http.expires`]: 'date',
      [`${NS}.origin.response.http.last_modified`]: 'date',
      [`${NS}.origin.response.status`]: 'long',
      [`${NS}.origin.response.time`]: 'long',
      [`${NS}.origin.ssl_protocol`]: 'keyword',
      [`${NS}.origin.tcp_handshake_duration.ms`]: 'long',
      [`${NS}.origin.tls_handshake_duration.ms`]: 'long',
      [`${NS}.parent_ray.id`]: 'keyword',
      [`${NS}.pay_per_crawl_status`]: 'keyword',
      [`${NS}.ray.id`]: 'keyword',
      [`${NS}.request.headers`]: 'flattened',
      [`${NS}.response.headers`]: 'flattened',
      [`${NS}.security_level`]: 'keyword',
      [`${NS}.smart_route.colo.id`]: 'long',
      [`${NS}.upper_tier.colo.id`]: 'long',
      [`${NS}.verified_bot_category`]: 'keyword',
      [`${NS}.waf.action`]: 'keyword',
      [`${NS}.waf.flag`]: 'keyword',
      [`${NS}.waf.matched_var`]: 'keyword',
      [`${NS}.waf.profile`]: 'keyword',
      [`${NS}.waf.rule.id`]: 'keyword',
      [`${NS}.waf.rule.message`]: 'keyword',
      [`${NS}.waf.score.global`]: 'long',
      [`${NS}.waf.score.rce`]: 'long',
      [`${NS}.waf.score.sqli`]: 'long',
      [`${NS}.waf.score.xss`]: 'long',
      [`${NS}.web_assets.labels_managed`]: 'keyword[]',
      [`${NS}.web_assets.operation_id`]: 'keyword',
      [`${NS}.worker.cpu_time`]: 'long',
      [`${NS}.worker.script_name`]: 'keyword',
      [`${NS}.worker.status`]: 'keyword',
      [`${NS}.worker.subrequest.value`]: 'boolean',
      [`${NS}.worker.subrequest.count`]: 'long',
      [`${NS}.worker.wall_time_us`]: 'long',
      [`${NS}.zone.id`]: 'long',
      [`${NS}.zone.name`]: 'keyword',
    },
  },
};
