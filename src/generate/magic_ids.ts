import { COLOS, type Random } from './random.js';
import type { RecordGenerator } from './types.js';

interface Signature {
  readonly id: number;
  readonly revision: number;
  readonly message: string;
  readonly protocol: 'tcp' | 'udp';
  readonly ports: readonly number[];
}

/** Suricata / Emerging Threats signatures of the kind Magic IDS reports, with the ports they watch. */
const SIGNATURES: readonly (readonly [Signature, number])[] = [
  [{ id: 2001219, revision: 20, message: 'ET SCAN Potential SSH Scan', protocol: 'tcp', ports: [22] }, 30],
  [{ id: 2010935, revision: 3, message: 'ET SCAN Suspicious inbound to MSSQL port 1433', protocol: 'tcp', ports: [1433] }, 15],
  [{ id: 2010937, revision: 3, message: 'ET SCAN Suspicious inbound to mySQL port 3306', protocol: 'tcp', ports: [3306] }, 15],
  [{ id: 2002910, revision: 6, message: 'ET SCAN Potential VNC Scan 5800-5820', protocol: 'tcp', ports: [5800, 5801, 5810] }, 10],
  [{ id: 2034647, revision: 2, message: 'ET EXPLOIT Apache log4j RCE Attempt (http ldap) (CVE-2021-44228)', protocol: 'tcp', ports: [80, 443, 8080] }, 10],
  [{ id: 2031296, revision: 1, message: 'ET CURRENT_EVENTS [Fireeye] POSSIBLE HackTool.TCP.Rubeus.[User32LogonProcesss]', protocol: 'tcp', ports: [80, 88] }, 10],
  [{ id: 2022699, revision: 1, message: 'ET EXPLOIT Quanta LTE Router UDP Backdoor Activation Attempt', protocol: 'udp', ports: [39889] }, 10],
];

/** Customer prefixes protected by Magic Transit (documentation ranges and MaxMind test networks). */
const PREFIXES = ['89.160.20.', '203.0.113.', '198.51.100.'] as const;
const CITY_BY_COLO: Readonly<Record<string, string>> = {
  AMS: 'Amsterdam', FRA: 'Frankfurt', LHR: 'London', CDG: 'Paris', IAD: 'Ashburn', SJC: 'San Jose', NRT: 'Tokyo',
  SIN: 'Singapore', GRU: 'São Paulo', SYD: 'Sydney', ARN: 'Stockholm', MRS: 'Marseille',
};

/** One IDS detection: mostly passed (IDS only observes), some blocked by a Magic Firewall rule. */
export const generateMagicIds: RecordGenerator = (random: Random, timeMs: number) => {
  const signature = random.weighted(SIGNATURES);
  // A few detections are on rules that match any protocol; the ports are then 0.
  const any = random.chance(0.03);
  const colo = random.pick(COLOS);
  return {
    Action: random.weighted([['pass', 80], ['block', 20]]),
    ColoCity: CITY_BY_COLO[colo],
    ColoCode: colo,
    DestinationIP: `${random.pick(PREFIXES)}${random.int(1, 254)}`,
    DestinationPort: any ? 0 : random.pick(signature.ports),
    Protocol: any ? 'any' : signature.protocol,
    SignatureID: signature.id,
    SignatureMessage: signature.message,
    SignatureRevision: signature.revision,
    SourceIP: random.ipv4(),
    SourcePort: any ? 0 : random.int(1024, 65535),
    Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
  };
};
