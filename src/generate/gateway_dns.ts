import type { RecordGenerator } from './types.js';
import { COLOS, COUNTRIES, EMAILS, type Random } from './random.js';

/** Queried names with their content categories ([id, name]), a canonical name for some, and a weight. */
const DOMAINS = [
  { name: 'www.google.com', categories: [[123, 'Search Engines']], weight: 20 },
  { name: 'security.ubuntu.com', categories: [[26, 'Technology']], weight: 8 },
  { name: 'outlook.office365.com', categories: [[26, 'Technology'], [155, 'Business']], cname: 'outlook.ms-acdc.office.com', weight: 15 },
  { name: 'slack.com', categories: [[155, 'Business']], weight: 15 },
  { name: 'www.youtube.com', categories: [[96, 'Streaming']], cname: 'youtube-ui.l.google.com', weight: 10 },
  { name: 'www.facebook.com', categories: [[133, 'Social Networks']], cname: 'star-mini.c10r.facebook.com', weight: 8 },
  { name: 'api.weather.com', categories: [[163, 'Weather']], weight: 4 },
  { name: 'ads.doubleclick.net', categories: [[66, 'Advertisements']], weight: 6 },
  { name: 'login-verify-account.xyz', categories: [[80, 'Phishing']], weight: 1 },
  { name: 'cdn.torrent-tracker.example', categories: [[120, 'P2P']], weight: 1 },
] as const;
/** The enrolled devices: one per user, so that user and device fields stay consistent across records. */
const DEVICES = EMAILS.map((email, i) => ({
  email,
  userId: `166befbb-00e3-5e20-bd6e-27245723949${i}`,
  deviceId: `083a8354-d56c-11ed-9771-6a842b100c${i}f`,
  deviceName: `laptop-${email.split('@')[0]}`,
}));
const BLOCKED_CATEGORIES = new Set([66, 80, 120]);
const LOCATIONS = [
  ['HQ office', 'f233bd67-78c7-4050-9aff-ad63cce25732'],
  ['Branch Paris', '0ad3b5c0-32c7-4a9c-9f2e-6f2b4e5c9a11'],
  ['GCP default', '5c7a1d64-1b0e-4f3c-8d1f-2a9e7b6c4d21'],
] as const;
const QUERY_TYPES = [[1, 'A', 70], [28, 'AAAA', 20], [65, 'HTTPS', 6], [16, 'TXT', 2], [15, 'MX', 2]] as const;
/** Transport of the query to Gateway: [Protocol, destination port]. DoH (`https`) dominates on managed devices. */
const PROTOCOLS: readonly (readonly [readonly [string, number], number])[] = [
  [['https', 443], 55], [['udp', 53], 30], [['tls', 853], 10], [['tcp', 53], 5],
];

/** One DNS resource record in wire format, base64 (the form Cloudflare puts in `RData[].data`). */
function wireRecord(name: string, type: number, ttl: number, rdata: Buffer): string {
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2); // class IN
  fixed.writeUInt32BE(ttl, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([...labels, Buffer.from([0]), fixed, rdata]).toString('base64');
}

/** The address bytes of an IPv4 or IPv6 literal (the record data of A / AAAA answers). */
function addressBytes(ip: string): Buffer {
  if (!ip.includes(':')) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const all = [...groups(head), ...Array(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2));
  return bytes;
}

function resolvedIps(random: Random, type: number, blocked: boolean): string[] {
  if (type !== 1 && type !== 28) return [];
  // Gateway answers a blocked A/AAAA query with the unspecified address (the default block behaviour).
  if (blocked) return [type === 28 ? '::' : '0.0.0.0'];
  return Array.from({ length: random.int(1, 3) }, () => (type === 28 ? random.ipv6() : random.ipv4()));
}

/** One Gateway DNS query: mostly allowed, some blocked by category, a few NXDOMAIN or SERVFAIL answers. */
export const generateGatewayDns: RecordGenerator = (random, timeMs) => {
  const domain = random.weighted(DOMAINS.map((d) => [d, d.weight] as const));
  const [typeId, typeName] = random.weighted(QUERY_TYPES.map(([id, name, w]) => [[id, name] as const, w] as const));
  const [protocol, dstPort] = random.weighted(PROTOCOLS);
  const [location, locationId] = random.pick(LOCATIONS);
  const categoryIds = domain.categories.map(([id]) => id);
  const blocked = categoryIds.some((id) => BLOCKED_CATEGORIES.has(id)) && random.chance(0.9);
  const rcode = blocked ? 0 : random.weighted([[0, 92], [3, 6], [2, 2]] as const);
  const ips = rcode === 0 ? resolvedIps(random, typeId, blocked) : [];
  const ttl = random.pick([60, 300, 3600]);
  const device = random.pick(DEVICES);
  return {
    Datetime: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    AccountID: '699d98642c564d2e855e9661899b7252',
    ApplicationID: 0,
    ColoCode: random.pick(COLOS),
    ColoID: random.int(1, 400),
    DeviceID: device.deviceId,
    DeviceName: device.deviceName,
    DstIP: protocol === 'https' ? '162.159.36.5' : random.pick(['172.64.36.1', '172.64.36.2']),
    DstPort: dstPort,
    Email: device.email,
    IsResponseCached: !blocked && random.chance(0.4),
    Location: location,
    LocationID: locationId,
    MatchedCategoryIDs: blocked ? categoryIds : [],
    MatchedCategoryNames: blocked ? domain.categories.map(([, name]) => name) : [],
    PolicyID: blocked ? '85063bec-74cb-4546-85a3-e0cde2cdfda2' : '',
    PolicyName: blocked ? 'Block risky categories' : '',
    Protocol: protocol,
    QueryCategoryIDs: categoryIds,
    QueryCategoryNames: domain.categories.map(([, name]) => name),
    QueryName: domain.name,
    QueryNameReversed: domain.name.split('.').reverse().join('.'),
    QuerySize: domain.name.length + random.int(30, 60),
    QueryType: typeId,
    QueryTypeName: typeName,
    RCode: rcode,
    CNAMEs: 'cname' in domain && !blocked ? [domain.cname] : [],
    RData: ips.map((ip) => ({
      type: String(typeId),
      data: wireRecord(domain.name, typeId, ttl, addressBytes(ip)),
    })),
    ResolvedIPs: ips,
    ResolverDecision: blocked ? 'blockedByCategory' : random.weighted([['allowedOnNoPolicyMatch', 85], ['allowedByQueryName', 15]] as const),
    SrcIP: random.ip(),
    // DoH queries carry SrcPort 0, as in the reference records.
    SrcPort: protocol === 'https' ? 0 : random.int(1024, 65535),
    SrcIPCountryCode: random.pick(COUNTRIES),
    TimeZone: random.pick(['UTC', 'Europe/Paris', 'America/New_York']),
    TimeZoneInferredMethod: random.pick(['fromLocalTime', 'fromLocation']),
    UserID: device.userId,
    ...(rcode === 2 ? { EDEErrors: [22] } : {}),
  };
};
