import type { RecordGenerator } from './types.js';
import { COLOS, COUNTRIES } from './random.js';

/** Spectrum applications: origin port, transport, whether the edge terminates TLS. */
const APPLICATIONS = [
  { port: 22, proto: 'tcp', tls: false },
  { port: 3389, proto: 'tcp', tls: false },
  { port: 25565, proto: 'tcp', tls: false },
  { port: 5432, proto: 'tcp', tls: true },
  { port: 8883, proto: 'tcp', tls: true },
  { port: 27015, proto: 'udp', tls: false },
] as const;

const CLIENT_ASNS = [7922, 701, 3320, 2856, 3215, 4134, 16509, 200391, 13335] as const;
const CIPHERS = ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'AEAD-AES128-GCM-SHA256', 'AEAD-CHACHA20-POLY1305-SHA256'] as const;

/** What happened to the connection, with the Spectrum status code logged for it (0 = opened). */
const OUTCOMES = [
  [['connect', 0], 45],
  [['disconnect', 200], 45],
  [['clientFiltered', 403], 4],
  [['originError', 502], 4],
  [['originError', 504], 2],
] as const;

const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * One Spectrum event: a TCP/UDP connection proxied from a client to an origin. Connect events have no
 * disconnect time yet (Cloudflare writes 0); disconnect events carry the byte counts of the session.
 */
export const generateSpectrumEvent: RecordGenerator = (random, timeMs) => {
  const app = random.pick(APPLICATIONS);
  const [event, status] = random.weighted(OUTCOMES);
  const closed = event !== 'connect';
  const durationMs = closed ? random.int(50, 3_600_000) : 0;
  const tlsProtocol = app.tls ? random.weighted([['TLSv1.3', 7], ['TLSv1.2', 3]] as const) : 'none';
  const ipFirewall = random.chance(0.3);
  const filtered = event === 'clientFiltered';
  return {
    Application: random.hex(32),
    ClientAsn: random.pick(CLIENT_ASNS),
    ClientBytes: closed && !filtered ? random.int(200, 5_000_000) : 0,
    ClientCountry: random.pick(COUNTRIES),
    ClientIP: random.ip(),
    ClientMatchedIpFirewall: ipFirewall ? (filtered ? 'BLOCK' : 'ALLOW') : 'UNKNOWN',
    ClientPort: random.int(1024, 65535),
    ClientProto: app.proto,
    ClientTcpRtt: app.proto === 'tcp' ? random.int(1_000_000, 250_000_000) : 0,
    ClientTlsCipher: app.tls ? random.pick(CIPHERS) : 'UNK',
    ClientTlsClientHelloServerName: app.tls ? random.pick(['db.example.com', 'mqtt.example.com']) : '',
    ClientTlsProtocol: tlsProtocol,
    ClientTlsStatus: app.tls ? 'OK' : 'UNKNOWN',
    ColoCode: random.pick(COLOS),
    ConnectTimestamp: rfc3339(timeMs - durationMs),
    DisconnectTimestamp: closed ? rfc3339(timeMs) : 0,
    Event: event,
    IpFirewall: ipFirewall,
    OriginBytes: closed && !filtered && status === 200 ? random.int(200, 50_000_000) : 0,
    OriginIP: `175.16.199.${random.int(1, 254)}`,
    OriginPort: app.port,
    OriginProto: app.proto,
    OriginTcpRtt: app.proto === 'tcp' && !filtered ? random.int(500_000, 80_000_000) : 0,
    OriginTlsCipher: 'UNK',
    OriginTlsFingerprint: '',
    OriginTlsMode: 'off',
    OriginTlsProtocol: 'unknown',
    OriginTlsStatus: 'UNKNOWN',
    ProxyProtocol: random.weighted([['off', 8], ['v1', 1], ['v2', 1]] as const),
    Status: status,
    Timestamp: rfc3339(timeMs),
  };
};
