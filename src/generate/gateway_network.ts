import type { RecordGenerator } from './types.js';
import { COUNTRIES, EMAILS } from './random.js';

/** Destinations: port, detected protocol, SNI (TLS only), application and content categories ([id, name]). */
const DESTINATIONS = [
  { port: 443, protocol: 'TLS', sni: 'www.elastic.co', app: [0, ''], categories: [[26, 'Technology']], weight: 20 },
  { port: 443, protocol: 'TLS', sni: 'slack.com', app: [519, 'Slack'], categories: [[155, 'Business']], weight: 25 },
  { port: 443, protocol: 'TLS', sni: 'outlook.office365.com', app: [529, 'Microsoft Outlook'], categories: [[155, 'Business']], weight: 20 },
  { port: 443, protocol: 'TLS', sni: 'www.youtube.com', app: [539, 'YouTube'], categories: [[96, 'Streaming']], weight: 10 },
  { port: 80, protocol: 'HTTP', sni: '', app: [0, ''], categories: [[26, 'Technology']], weight: 8 },
  { port: 22, protocol: 'SSH', sni: '', app: [0, ''], categories: [], weight: 6 },
  { port: 3389, protocol: 'RDP', sni: '', app: [0, ''], categories: [], weight: 4 },
  { port: 6881, protocol: '', sni: '', app: [0, ''], categories: [[120, 'P2P']], weight: 2 },
] as const;
const DEVICES = EMAILS.map((email, i) => ({
  email,
  userId: `166befbb-00e3-5e20-bd6e-27245723949${i}`,
  deviceId: `083a8354-d56c-11ed-9771-6a842b100c${i}f`,
  deviceName: `zt-${email.split('@')[0]}-laptop`,
}));
const CONTINENTS: Record<(typeof COUNTRIES)[number], string> = {
  us: 'NA', ca: 'NA', mx: 'NA', br: 'SA', de: 'EU', gb: 'EU', fr: 'EU', se: 'EU', nl: 'EU',
  jp: 'AS', in: 'AS', cn: 'AS', sg: 'AS', au: 'OC', za: 'AF',
};
/** Gateway network policies: the rule a session matched, or none (allowedOnNoRuleMatch). */
const POLICIES = {
  block: ['1c6a3a51-3b8b-4f58-9d8a-2b3b8a6f5c10', 'Block P2P and remote desktop'],
  allow: ['5d3c2a0e-8f31-4c1b-bf44-7a6d0e9c2b21', 'Allow SSH to bastion'],
  override: ['85063bec-74cb-4546-85a3-e0cde2cdfda2', 'Route legacy app to proxy'],
} as const;

/** One Gateway network session: mostly allowed without a rule, some allowed or blocked by a rule, a few overrides. */
export const generateGatewayNetwork: RecordGenerator = (random, timeMs) => {
  const destination = random.weighted(DESTINATIONS.map((d) => [d, d.weight] as const));
  const device = random.pick(DEVICES);
  const risky = destination.port === 3389 || destination.port === 6881;
  const action = risky && random.chance(0.8)
    ? 'blockedRule'
    : random.weighted([['allowedOnNoRuleMatch', 85], ['allowedRule', 10], ['overrideRule', 5]] as const);
  const policy = action === 'blockedRule' ? POLICIES.block : action === 'allowedRule' ? POLICIES.allow : action === 'overrideRule' ? POLICIES.override : ['', ''];
  const [appId, appName] = destination.app;
  const destinationCountry = random.pick(COUNTRIES);
  const sourceCountry = random.pick(COUNTRIES);
  return {
    Datetime: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    AccountID: 'e1836771179f98aabb828da5ea69a111',
    Action: action,
    ApplicationIDs: appId === 0 ? [] : [appId],
    ApplicationNames: appName === '' ? [] : [appName],
    CategoryIDs: destination.categories.map(([id]) => id),
    CategoryNames: destination.categories.map(([, name]) => name),
    DestinationIP: random.ipv4(),
    DestinationIPContinentCode: CONTINENTS[destinationCountry],
    DestinationIPCountryCode: destinationCountry,
    DestinationPort: destination.port,
    DetectedProtocol: destination.protocol,
    DeviceID: device.deviceId,
    DeviceName: device.deviceName,
    Email: device.email,
    OverrideIP: action === 'overrideRule' ? `10.20.${random.int(0, 3)}.${random.int(2, 254)}` : '',
    OverridePort: action === 'overrideRule' ? random.pick([8080, 3128]) : 0,
    PolicyID: policy[0],
    PolicyName: policy[1],
    SNI: destination.sni,
    SessionID: random.uuid(),
    SourceIP: random.ip(),
    SourceIPContinentCode: CONTINENTS[sourceCountry],
    SourceIPCountryCode: sourceCountry,
    SourceInternalIP: random.chance(0.7) ? `192.168.${random.int(0, 3)}.${random.int(2, 254)}` : `10.0.${random.int(0, 255)}.${random.int(2, 254)}`,
    SourcePort: random.int(1024, 65535),
    // QUIC only on TLS destinations; everything else is TCP, with a little UDP.
    TransportProtocol: destination.protocol === 'TLS' && random.chance(0.2) ? 'quic' : destination.port === 6881 ? 'udp' : 'tcp',
    UserID: device.userId,
    VirtualNetworkID: 'a1b2c3d4-0000-4000-a000-0000000000d1',
    VirtualNetworkName: 'default',
  };
};
