import { COLOS, EMAILS, HOSTS } from './random.js';
import type { RecordGenerator } from './types.js';

const ACCOUNT_ID = 'e1836771179f98aabb828da5ea69a111';
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Zero Trust users, each with one enrolled device: e-mail, user id, device id, device name. */
const USERS = EMAILS.map((email, i) => {
  const name = email.split('@')[0]!;
  return [email, `166befbb-00e3-5e20-bd6e-27245723940${i}`, `083a8354-d56c-11ed-9771-6a842b1000${i}f`, `${name}-laptop`] as const;
});

const OFFRAMPS = [['INTERNET', 70], ['CFD_TUNNEL', 15], ['MAGIC', 10], ['WARP', 5]] as const;
const CLOSE_REASONS = [
  ['CLIENT_CLOSED', 55], ['ORIGIN_CLOSED', 25], ['CLIENT_IDLE_TIMEOUT', 10], ['ORIGIN_UNREACHABLE', 5], ['CLIENT_TLS_ERROR', 3], ['ORIGIN_TLS_ERROR', 2],
] as const;
const CLIENT_CIPHERS = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;
const ORIGIN_CIPHERS = ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256'] as const;
const ISSUERS = ['DigiCert Inc', "Let's Encrypt", 'Google Trust Services LLC', 'Sectigo Limited'] as const;
const TUNNEL_IDS = ['7b5a7c48-1d0c-4e0b-9f6a-2d3c4b5a6f70', 'c0ffee00-8d1e-4a3b-b2c1-0d9e8f7a6b5c'] as const;

const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** One proxied Zero Trust network session (WARP client → Cloudflare → origin), TCP mostly, often TLS. */
export const generateNetworkSession: RecordGenerator = (random, timeMs) => {
  const [email, userId, deviceId, deviceName] = random.pick(USERS);
  const protocol = random.weighted([['TCP', 80], ['UDP', 15], ['ICMP', 5]] as const);
  const offramp = random.weighted(OFFRAMPS);
  const tunnel = offramp === 'CFD_TUNNEL';
  const tls = protocol === 'TCP' && random.chance(0.7);
  const port = protocol === 'ICMP' ? 0 : tls ? 443 : protocol === 'UDP' ? random.pick([53, 443, 3478]) : random.pick([22, 80, 3389, 5432]);
  const host = random.pick(HOSTS);
  const colo = random.pick(COLOS);
  const egressed = offramp === 'INTERNET' && random.chance(0.3);
  return {
    AccountID: ACCOUNT_ID,
    BytesReceived: random.int(0, 2_000_000),
    BytesSent: random.int(40, 200_000),
    ClientTCPHandshakeDurationMs: protocol === 'TCP' ? random.int(1, 80) : 0,
    ClientTLSCipher: tls ? random.pick(CLIENT_CIPHERS) : '',
    ClientTLSHandshakeDurationMs: tls ? random.int(20, 250) : 0,
    ClientTLSVersion: tls ? random.weighted([['TLS 1.3', 85], ['TLS 1.2', 15]] as const) : '',
    ConnectionCloseReason: random.weighted(CLOSE_REASONS),
    ConnectionReuse: random.chance(0.2),
    DestinationTunnelID: tunnel ? random.pick(TUNNEL_IDS) : NIL_UUID,
    DetectedProtocol: tls ? 'TLS' : port === 22 ? 'SSH' : port === 80 ? 'HTTP' : port === 3389 ? 'RDP' : '',
    DeviceID: deviceId,
    DeviceName: deviceName,
    EgressColoName: colo,
    EgressIP: egressed ? `2a02:cf40::${random.int(1, 255).toString(16)}` : '',
    EgressPort: egressed ? random.int(1024, 65535) : 0,
    EgressRuleID: egressed ? random.uuid() : NIL_UUID,
    EgressRuleName: egressed ? 'Egress via dedicated IPs' : '',
    Email: email,
    IngressColoName: colo,
    InitialOriginIP: '',
    Offramp: offramp,
    OriginIP: tunnel ? `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}` : random.ip(),
    OriginPort: port,
    OriginTLSCertificateIssuer: tls ? random.pick(ISSUERS) : '',
    OriginTLSCertificateValidationResult: tls ? random.weighted([['VALID', 95], ['EXPIRED', 3], ['SELF_SIGNED', 2]] as const) : '',
    OriginTLSCipher: tls ? random.pick(ORIGIN_CIPHERS) : '',
    OriginTLSHandshakeDurationMs: tls ? random.int(20, 300) : 0,
    OriginTLSVersion: tls ? random.weighted([['TLS 1.3', 70], ['TLS 1.2', 30]] as const) : '',
    Protocol: protocol,
    RegistrationID: random.uuid(),
    ResolvedFQDN: tunnel || random.chance(0.5) ? host : '',
    RuleEvaluationDurationMs: random.int(0, 25),
    SNI: tls ? host : '',
    SessionEndTime: rfc3339(timeMs + random.int(0, 600) * 1000),
    SessionID: `${random.hex(16)}00007f${random.hex(10)}`,
    SessionStartTime: rfc3339(timeMs),
    SourceInternalIP: `100.96.${random.int(0, 15)}.${random.int(1, 254)}`,
    SourceIP: random.ipv4(),
    SourcePort: random.int(1024, 65535),
    UserID: userId,
    VirtualNetworkID: tunnel ? '0ce99869-63d3-4d5d-bdaf-d4f33df964aa' : '',
  };
};
