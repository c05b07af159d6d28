import type { RecordGenerator } from './types.js';
import { COLOS, COUNTRIES, HOSTS, PATHS, USER_AGENTS } from './random.js';

/** Client networks: [ASN, Cloudflare's ASN description]. */
const NETWORKS = [
  [7922, 'COMCAST-7922'],
  [3320, 'DTAG'],
  [16509, 'AMAZON-02'],
  [14061, 'DIGITALOCEAN-ASN'],
  [4134, 'CHINANET-BACKBONE'],
  [15169, 'GOOGLE'],
  [24940, 'HETZNER-AS'],
  [13335, 'CLOUDFLARENET'],
] as const;

/** Security products that log firewall events (Cloudflare's `Source` values), with rough frequencies. */
const SOURCES = [
  ['firewallmanaged', 30], ['firewallcustom', 25], ['firewallrules', 10], ['ratelimit', 10], ['bic', 5],
  ['securitylevel', 5], ['l7ddos', 3], ['ip', 4], ['country', 3], ['uablock', 2], ['botfight', 3],
] as const;

/** Actions as Cloudflare logs them: mostly mitigations, some log-only and bypass events. */
const ACTIONS = [
  ['block', 40], ['managedchallenge', 20], ['jschallenge', 5], ['challenge', 3], ['log', 20], ['bypass', 8],
  ['allow', 3], ['connectionclose', 1],
] as const;

const DESCRIPTIONS = [
  'SQLi - Comment', 'XSS - JavaScript Events', 'Apache Struts - Remote Code Execution', 'Block bad bots',
  'Rate limit login attempts', 'Challenge traffic from outside allowed countries', 'Log API writes',
  'Skip WAF for health checks',
] as const;

const IP_CLASSES = [['unknown', 85], ['searchEngine', 4], ['monitoringService', 3], ['scan', 3], ['tor', 2], ['badHost', 2], ['noRecord', 1]] as const;
const LEAKED_CREDENTIAL_RESULTS = ['clean', 'clean', 'clean', 'password_leaked', 'username_and_password_leaked', 'username_leaked'] as const;

/** `shop.example.com` → `example.com` (the zone that owns the host). */
const zoneOf = (host: string) => host.split('.').slice(-2).join('.');

/** One firewall event: a security rule matched a request at the edge and took an action. */
export const generateFirewallEvent: RecordGenerator = (random, timeMs) => {
  const [asn, asnDescription] = random.pick(NETWORKS);
  const action = random.weighted(ACTIONS);
  const mitigated = action !== 'log' && action !== 'bypass' && action !== 'allow';
  // A mitigated request never reaches the origin: Cloudflare logs OriginResponseStatus 0.
  const originStatus = mitigated ? 0 : random.weighted([[200, 85], [304, 5], [404, 6], [500, 2], [502, 2]] as const);
  const source = random.weighted(SOURCES);
  const host = random.pick(HOSTS);
  const path = random.pick(PATHS);
  const referred = random.chance(0.4);
  const referer = referred ? random.pick(HOSTS) : '';
  const login = path === '/login' || path === '/wp-login.php';
  return {
    Action: action,
    ClientASN: asn,
    ClientASNDescription: asnDescription,
    ClientCountry: random.pick(COUNTRIES),
    ClientIP: random.ip(),
    ClientIPClass: random.weighted(IP_CLASSES),
    ClientRefererHost: referer,
    ClientRefererPath: referred ? random.pick(PATHS) : '',
    ClientRefererQuery: '',
    ClientRefererScheme: referred ? 'https' : '',
    ClientRequestHost: host,
    ClientRequestMethod: login ? 'POST' : random.weighted([['GET', 85], ['POST', 10], ['HEAD', 3], ['PUT', 2]] as const),
    ClientRequestPath: path,
    ClientRequestProtocol: random.weighted([['HTTP/2', 60], ['HTTP/1.1', 30], ['HTTP/3', 10]] as const),
    ClientRequestQuery: random.chance(0.25) ? `?id=${random.int(1, 99999)}` : '',
    ClientRequestScheme: random.chance(0.97) ? 'https' : 'http',
    ClientRequestUserAgent: random.pick(USER_AGENTS),
    ContentScanObjResults: [],
    ContentScanObjSizes: [],
    ContentScanObjTypes: [],
    Datetime: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    Description: random.pick(DESCRIPTIONS),
    EdgeColoCode: random.pick(COLOS),
    EdgeResponseStatus: mitigated ? 403 : originStatus,
    FraudUserID: '',
    Kind: 'firewall',
    LeakedCredentialCheckResult: login ? random.pick(LEAKED_CREDENTIAL_RESULTS) : '',
    // The last matching rule has MatchIndex 0; a rule that matched before it (e.g. a log rule) has 1.
    MatchIndex: random.chance(0.9) ? 0 : 1,
    Metadata: source === 'firewallrules' ? { filter: random.hex(32), type: 'customer' } : {},
    OriginResponseStatus: originStatus,
    OriginatorRayID: '00',
    RayID: random.hex(16),
    Ref: '',
    RuleID: random.hex(32),
    Source: source,
    ZoneName: zoneOf(host),
  };
};
