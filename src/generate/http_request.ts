import type { RecordGenerator } from './types.js';
import { COLOS, COUNTRIES, HOSTS, PATHS, USER_AGENTS } from './random.js';

/** Client networks: [ASN, share of traffic]. */
const ASNS = [[7922, 20], [3320, 10], [16509, 8], [15169, 6], [4134, 5], [24940, 4], [12322, 6], [2856, 5], [701, 8]] as const;

/** Edge data centres: code → Cloudflare colo id. */
const COLO_IDS: Record<string, number> = { AMS: 14, FRA: 19, LHR: 22, CDG: 21, IAD: 1, SJC: 6, NRT: 38, SIN: 35, GRU: 91, SYD: 41, ARN: 27, MRS: 339 };

/** Content types by path suffix; anything else is an HTML page or an API answer. */
const CONTENT_TYPES: [RegExp, string][] = [
  [/\.js$/, 'application/javascript'], [/\.css$/, 'text/css'], [/\.png$/, 'image/png'], [/^\/api\//, 'application/json'],
];

const CIPHERS = {
  'TLSv1.3': ['AEAD-AES128-GCM-SHA256', 'AEAD-AES256-GCM-SHA384', 'AEAD-CHACHA20-POLY1305-SHA256'],
  'TLSv1.2': ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-CHACHA20-POLY1305'],
} as const;

/** Security outcomes at the edge, with rough frequencies: most requests pass untouched. */
const SECURITY = [['', 88], ['block', 5], ['managed_challenge', 3], ['log', 2], ['skip', 2]] as const;
const SECURITY_SOURCES: Record<string, string> = {
  block: 'firewallManaged', managed_challenge: 'firewallCustom', log: 'firewallManaged', skip: 'firewallCustom',
};

/** Zone ids of the zones that own `HOSTS`. */
const ZONE_IDS: Record<string, number> = { 'example.com': 393347122, 'example.net': 393347123, 'example.org': 393347124, 'example.io': 393347125 };

/** `shop.example.com` → `example.com` (the zone that owns the host). */
const zoneOf = (host: string) => host.split('.').slice(-2).join('.');
const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** One request through Cloudflare's edge: mostly served (cached or from the origin), some blocked. */
export const generateHttpRequest: RecordGenerator = (random, timeMs) => {
  const host = random.pick(HOSTS);
  const path = random.pick(PATHS);
  const query = random.chance(0.2) ? `?id=${random.int(1, 99999)}&ref=${random.hex(6)}` : '';
  const https = random.chance(0.95);
  // Browsers speak HTTP/2 and HTTP/3 only over TLS, and HTTP/3 only with TLS 1.3.
  const protocol = https ? random.weighted([['HTTP/2', 60], ['HTTP/1.1', 25], ['HTTP/3', 15]] as const) : 'HTTP/1.1';
  const sslProtocol = !https ? 'none' : protocol === 'HTTP/3' ? 'TLSv1.3' : random.weighted([['TLSv1.3', 75], ['TLSv1.2', 25]] as const);
  const security = random.weighted(SECURITY);
  const mitigated = security === 'block' || security === 'managed_challenge';
  const bot = random.chance(0.15);
  const staticAsset = /\.(js|css|png)$/.test(path);
  const cache = mitigated ? 'unknown' : staticAsset ? random.weighted([['hit', 80], ['miss', 12], ['expired', 5], ['revalidated', 3]] as const) : 'dynamic';
  const fromOrigin = !mitigated && cache !== 'hit';
  const status = mitigated ? 403 : random.weighted([[200, 82], [304, 6], [301, 3], [404, 6], [500, 1], [502, 1], [503, 1]] as const);
  const bodyBytes = status === 304 ? 0 : random.int(120, staticAsset ? 400_000 : 60_000);
  const duration = fromOrigin ? random.int(20, 1500) : random.int(1, 30);
  const contentType = mitigated ? 'text/html' : CONTENT_TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? 'text/html';
  const colo = random.pick(COLOS);
  const rayId = random.hex(16);
  return {
    BotDetectionIDs: bot ? [random.int(1, 200)] : [],
    BotScore: bot ? random.int(1, 29) : random.int(30, 99),
    BotScoreSrc: bot ? random.pick(['Heuristics', 'Machine Learning', 'Verified Bot']) : 'Machine Learning',
    BotTags: bot ? [random.pick(['api', 'bing', 'google'])] : [],
    CacheCacheStatus: cache,
    CacheResponseBytes: mitigated ? 0 : bodyBytes + random.int(300, 900),
    CacheResponseStatus: mitigated ? 0 : status,
    CacheTieredFill: !mitigated && cache === 'miss' && random.chance(0.3),
    ClientASN: random.weighted(ASNS),
    ClientCountry: random.pick(COUNTRIES),
    ClientDeviceType: random.weighted([['desktop', 60], ['mobile', 35], ['tablet', 5]] as const),
    ClientIP: random.ip(),
    ClientIPClass: random.weighted([['noRecord', 90], ['searchEngine', 4], ['monitoringService', 3], ['clean', 3]] as const),
    ClientRequestBytes: random.int(300, 4000),
    ClientRequestHost: host,
    ClientRequestMethod: path.startsWith('/api/') ? random.weighted([['GET', 70], ['POST', 25], ['PUT', 3], ['DELETE', 2]] as const) : 'GET',
    ClientRequestPath: path,
    ClientRequestProtocol: protocol,
    ClientRequestReferer: random.chance(0.5) ? `https://${random.pick(HOSTS)}${random.pick(PATHS)}` : '',
    ClientRequestScheme: https ? 'https' : 'http',
    ClientRequestSource: 'eyeball',
    ClientRequestURI: path + query,
    ClientRequestUserAgent: random.pick(USER_AGENTS),
    ClientSSLCipher: https ? random.pick(CIPHERS[sslProtocol as keyof typeof CIPHERS]) : 'NONE',
    ClientSSLProtocol: sslProtocol,
    ClientSrcPort: random.int(1024, 65535),
    ClientTCPRTTMs: random.int(1, 250),
    ClientXRequestedWith: path.startsWith('/api/') && random.chance(0.3) ? 'XMLHttpRequest' : '',
    Cookies: {},
    EdgeCFConnectingO2O: false,
    EdgeColoCode: colo,
    EdgeColoID: COLO_IDS[colo] ?? 0,
    EdgeEndTimestamp: rfc3339(timeMs + duration),
    EdgePathingOp: mitigated ? 'ban' : 'wl',
    EdgePathingSrc: mitigated ? 'filterBasedFirewall' : 'macro',
    EdgePathingStatus: mitigated ? 'unknown' : 'nr',
    // Rate limiting and mTLS touch few requests; the dashboards' panels for them need some.
    EdgeRateLimitAction: random.chance(0.02) ? random.pick(['drop', 'simulate', 'challenge']) : '',
    EdgeRateLimitID: 0,
    EdgeRequestHost: host,
    EdgeResponseBodyBytes: bodyBytes,
    EdgeResponseBytes: bodyBytes + random.int(300, 900),
    EdgeResponseCompressionRatio: contentType === 'image/png' ? 1 : Math.round(random.next() * 400 + 100) / 100,
    EdgeResponseContentType: contentType,
    EdgeResponseStatus: status,
    EdgeServerIP: fromOrigin ? `172.70.${random.int(0, 255)}.${random.int(1, 254)}` : '',
    EdgeStartTimestamp: rfc3339(timeMs),
    EdgeTimeToFirstByteMs: duration,
    JA3Hash: https ? random.hex(32) : '',
    JA4: https ? `t13d${random.int(10, 19)}${random.int(10, 16)}h2_${random.hex(12)}_${random.hex(12)}` : '',
    OriginDNSResponseTimeMs: fromOrigin ? random.int(0, 20) : 0,
    OriginIP: fromOrigin ? random.ipv4() : '',
    OriginRequestHeaderSendDurationMs: 0,
    OriginResponseBytes: 0,
    OriginResponseDurationMs: fromOrigin ? duration - random.int(0, Math.min(duration, 15)) : 0,
    OriginResponseHTTPExpires: '',
    OriginResponseHTTPLastModified: fromOrigin && staticAsset ? new Date(timeMs - random.int(1, 90) * 86_400_000).toUTCString() : '',
    OriginResponseStatus: fromOrigin ? status : 0,
    OriginResponseTime: fromOrigin ? duration * 1_000_000 : 0,
    OriginSSLProtocol: fromOrigin ? 'TLSv1.3' : 'unknown',
    ParentRayID: '00',
    RayID: rayId,
    SecurityAction: security,
    SecurityActions: security === '' ? [] : [security],
    SecurityRuleDescription: security === '' ? '' : random.pick(['SQLi - Comment', 'Block bad bots', 'Skip WAF for health checks']),
    SecurityRuleID: security === '' ? '' : random.hex(32),
    SecurityRuleIDs: security === '' ? [] : [random.hex(32)],
    SecuritySources: security === '' ? [] : [SECURITY_SOURCES[security]!],
    SmartRouteColoID: 0,
    UpperTierColoID: fromOrigin && random.chance(0.3) ? random.pick(Object.values(COLO_IDS)) : 0,
    WAFProfile: random.weighted([['unknown', 70], ['med', 15], ['high', 10], ['low', 5]] as const),
    ClientMTLSAuthStatus: random.weighted([['unknown', 85], ['ok', 10], ['absent', 4], ['expired', 1]] as const),
    WAFAttackScore: mitigated ? random.int(1, 20) : random.int(60, 99),
    WorkerCPUTime: 0,
    WorkerStatus: 'unknown',
    WorkerSubrequest: false,
    WorkerSubrequestCount: 0,
    ZoneID: ZONE_IDS[zoneOf(host)] ?? 0,
    ZoneName: zoneOf(host),
  };
};
