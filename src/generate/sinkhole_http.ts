import type { RecordGenerator } from './types.js';
import { USER_AGENTS } from './random.js';

/** Domains pointed at the sinkhole (malware command-and-control, phishing kits), with their sinkhole. */
const SINKHOLED = [
  ['update-check.badcdn.example', 'sh-c2-01'],
  ['telemetry.evil-analytics.example', 'sh-c2-01'],
  ['login-microsoft.phish.example', 'sh-phish-02'],
  ['paypal-verify.phish.example', 'sh-phish-02'],
  ['cnc.botnet.example', 'sh-c2-03'],
] as const;
/** Cloudflare's sinkhole addresses answer for those domains. */
const SINKHOLE_IPS = ['89.160.20.129', '89.160.20.130', '2a02:cf40::1'] as const;
const PATHS = ['/gate.php', '/api/beacon', '/config.bin', '/login', '/wp-admin/admin-ajax.php', '/upload', '/'] as const;
const BOT_AGENTS = ['Mozilla/5.0', 'Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)', 'WinHTTP/1.0', ''] as const;

/**
 * One HTTP request caught by a Cloudflare sinkhole: infected hosts beaconing (mostly small POSTs with a
 * bot user agent), and people landing on phishing domains (browser GETs, sometimes posting credentials).
 */
export const generateSinkholeHttp: RecordGenerator = (random, timeMs) => {
  const [host, sinkholeId] = random.pick(SINKHOLED);
  const phishing = sinkholeId.startsWith('sh-phish');
  const method = phishing ? random.weighted([['GET', 7], ['POST', 3]] as const) : random.weighted([['POST', 7], ['GET', 3]] as const);
  const path = phishing ? random.pick(['/', '/login', '/signin/verify']) : random.pick(PATHS);
  const userAgent = phishing ? random.pick(USER_AGENTS) : random.pick(BOT_AGENTS);
  const credentials = phishing && method === 'POST' && random.chance(0.5);
  const body = method === 'POST' ? (credentials ? 'user=alice&pass=hunter2' : `{"id":"${random.hex(12)}","v":"2.${random.int(0, 9)}"}`) : '';
  const large = method === 'POST' && random.chance(0.05);
  const headers = [`Host: ${host}`, userAgent === '' ? undefined : `User-Agent: ${userAgent}`, 'Accept: */*', 'Connection: keep-alive'];
  if (method === 'POST') headers.push(`Content-Length: ${body.length}`);
  const referrer = phishing && random.chance(0.4) ? 'https://mail.example.com/' : '';
  return {
    AccountID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    Body: large ? '' : body,
    BodyLength: large ? random.int(1_048_577, 20_000_000) : body.length,
    DestAddr: random.pick(SINKHOLE_IPS),
    Headers: headers.filter((h) => h !== undefined).join('\n'),
    Host: host,
    Method: method,
    Password: credentials ? 'hunter2' : '',
    R2Path: large ? `/sinkhole/${sinkholeId}/${new Date(timeMs).toISOString().slice(0, 10).replace(/-/g, '')}/${random.hex(16)}` : '',
    Referrer: referrer,
    SinkholeID: sinkholeId,
    SrcAddr: random.ip(),
    Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    URI: path,
    URL: `https://${host}${path}`,
    UserAgent: userAgent,
    Username: credentials ? 'alice' : '',
  };
};
