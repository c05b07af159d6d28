import type { CloudflareRecord } from '../datasets/types.js';
import type { Random } from './random.js';
import type { RecordGenerator } from './types.js';

/** Cloudflare data centres: code, city, country, geohash. */
const COLOS = [
  ['FRA', 'Frankfurt', 'DE', 'u0yhd7hbvm5r'],
  ['SJC', 'San Jose', 'US', '9q9k93whbm56'],
  ['AMS', 'Amsterdam', 'NL', 'u173zq37x014'],
  ['LHR', 'London', 'GB', 'gcpsv4y9ue8n'],
  ['NRT', 'Tokyo', 'JP', 'xn76urx6600w'],
  ['IAD', 'Ashburn', 'US', 'dqbvhgk6mwqc'],
] as const;

/** Source networks: ASN, name, country, geohash. */
const SOURCES = [
  [4812, 'CHINANET-SH-AP China Telecom Group', 'CN', 'wtw3egg49gts'],
  [42337, 'RESPINA-AS', 'IR', 'tnke1fseyv8b'],
  [7922, 'COMCAST-7922', 'US', 'dr4e3m2fqhxk'],
  [3320, 'DTAG Internet service provider operations', 'DE', 'u33dc0cpnm5k'],
  [16509, 'AMAZON-02', 'US', 'c23nb62w20st'],
  [12389, 'ROSTELECOM-AS', 'RU', 'ucfv0j6zm0dj'],
] as const;

const ATTACK_VECTORS = ['SYN Flood', 'ACK Flood', 'UDP Flood', 'DNS Amplification', 'GRE Flood'] as const;
const TCP_FLAGS = [[[2, 'SYN'], 30], [[16, 'ACK'], 40], [[18, 'SYN-ACK'], 10], [[24, 'PSH-ACK'], 15], [[4, 'RST'], 5]] as const;

/** The fields of a protocol the packet is not: Cloudflare sends them as 0 or "". */
function emptyHeaders(): CloudflareRecord {
  const record: CloudflareRecord = { TCPFlagsString: '', TCPOptions: '', TCPSACKBlocks: '', IPv4Options: '', IPv6ExtensionHeaders: '' };
  for (const key of [
    'GREChecksum', 'GREEtherType', 'GREHeaderLength', 'GREKey', 'GRESequenceNumber', 'GREVersion', 'ICMPChecksum', 'ICMPCode',
    'ICMPType', 'IPv6DSCP', 'IPv6ECN', 'IPv6FlowLabel', 'IPv6Identification', 'TCPAcknowledgementNumber', 'TCPChecksum',
    'TCPDataOffset', 'TCPFlags', 'TCPMSS', 'TCPSACKPermitted', 'TCPSequenceNumber', 'TCPTimestampECR', 'TCPTimestampValue',
    'TCPUrgentPointer', 'TCPWindowScale', 'TCPWindowSize', 'UDPChecksum', 'UDPPayloadLength',
  ]) record[key] = 0;
  return record;
}

function protocolHeaders(random: Random, protocol: string): CloudflareRecord {
  switch (protocol) {
    case 'TCP': {
      const [flags, name] = random.weighted(TCP_FLAGS);
      const syn = (flags & 2) !== 0;
      const sack = random.chance(0.2) ? [random.int(1e9, 4e9), random.int(1e9, 4e9)].join(',') : '';
      return {
        TCPAcknowledgementNumber: flags & 16 ? random.int(1, 4e9) : 0, TCPChecksum: random.int(0, 65535),
        TCPDataOffset: syn ? 40 : 20, TCPFlags: flags, TCPFlagsString: name, TCPMSS: syn ? 1460 : 0,
        TCPOptions: syn ? '2,4,1,3,8' : '', TCPSACKBlocks: sack, TCPSACKPermitted: syn ? 1 : 0,
        TCPSequenceNumber: random.int(1, 4e9), TCPWindowSize: random.pick([0, 1024, 29200, 32767, 65535]),
        TCPWindowScale: syn ? 7 : 0,
      };
    }
    case 'UDP':
      return { UDPChecksum: random.int(0, 65535), UDPPayloadLength: random.int(8, 1472) };
    case 'ICMP':
      return { ICMPChecksum: random.int(0, 65535), ICMPType: random.pick([0, 3, 8, 11]), ICMPCode: 0 };
    default:
      return { GREEtherType: 2048, GREHeaderLength: 4, GREChecksum: 0, GREKey: 0, GRESequenceNumber: 0, GREVersion: 0 };
  }
}

/** One sampled packet of Magic Transit / DDoS traffic: mostly passed, some dropped by dosd or Magic Firewall. */
export const generateNetworkAnalytics: RecordGenerator = (random, timeMs) => {
  const [coloCode, coloCity, coloCountry, coloGeoHash] = random.pick(COLOS);
  const [sourceAsn, sourceAsnName, sourceCountry, sourceGeoHash] = random.pick(SOURCES);
  const protocol = random.weighted([['TCP', 60], ['UDP', 30], ['ICMP', 7], ['GRE', 3]] as const);
  const protocolNumber = { TCP: 6, UDP: 17, ICMP: 1, GRE: 47 }[protocol];
  const source = random.ipv4();
  const destination = `203.0.113.${random.int(1, 254)}`;
  const system = random.weighted([['dosd', 50], ['flowtrackd', 20], ['magic-firewall', 30]] as const);
  const dropped = random.chance(0.2);
  const dns = protocol === 'UDP' && random.chance(0.3);
  const ported = protocol === 'TCP' || protocol === 'UDP';
  return {
    Datetime: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    AttackCampaignID: dropped && system === 'dosd' ? random.hex(32) : '',
    AttackID: dropped && system === 'dosd' ? random.hex(32) : '',
    AttackVector: dropped && system === 'dosd' ? random.pick(ATTACK_VECTORS) : '',
    ColoCity: coloCity, ColoCode: coloCode, ColoCountry: coloCountry, ColoGeoHash: coloGeoHash,
    ColoName: `${coloCode.toLowerCase()}${random.int(1, 20).toString().padStart(2, '0')}`,
    DestinationASN: 13335, DestinationASNName: 'CLOUDFLARENET', DestinationCountry: 'US', DestinationGeoHash: '9q8yyf3hhvek',
    DestinationPort: ported ? (dns ? 53 : random.pick([80, 443, 22, 25565, 27015])) : 0,
    Direction: random.weighted([['ingress', 9], ['egress', 1]] as const),
    ...(dns ? { DNSQueryName: random.pick(['example.com', 'api.example.com', 'isc.org']), DNSQueryType: random.pick(['A', 'AAAA', 'ANY', 'TXT']) } : {}),
    IPDestinationAddress: destination, IPDestinationSubnet: '203.0.113.0/24',
    IPProtocol: protocolNumber, IPProtocolName: protocol,
    IPSourceAddress: source, IPSourceSubnet: `${source.split('.').slice(0, 3).join('.')}.0/24`,
    IPFragmentOffset: 0, IPHeaderLength: 20, IPMoreFragments: 0,
    IPTotalLength: random.int(40, 1500), IPTotalLengthBuckets: random.pick([0, 100, 500, 1500]),
    IPTTL: random.int(40, 128), IPTTLBuckets: random.pick([50, 60, 110, 120]),
    IPv4Checksum: random.int(0, 65535), IPv4DontFragment: random.int(0, 1), IPv4DSCP: 0, IPv4ECN: 0,
    IPv4Identification: random.int(0, 65535),
    MitigationReason: dropped ? random.pick(['BLOCKED', 'RATE_LIMITED', 'OUT_OF_SEQUENCE']) : '',
    MitigationScope: dropped ? random.pick(['local', 'global']) : '',
    MitigationSystem: system,
    Outcome: dropped ? 'drop' : 'pass',
    ProtocolState: system === 'flowtrackd' && protocol === 'TCP' ? random.pick(['OPEN', 'NEW', 'CLOSING']) : '',
    RuleID: dropped && system === 'magic-firewall' ? random.hex(32) : '',
    RuleName: dropped && system === 'magic-firewall' ? random.pick(['Block game server floods', 'Drop inbound telnet']) : '',
    RulesetID: system === 'magic-firewall' ? random.hex(32) : '',
    RulesetOverrideID: '',
    SampleInterval: random.pick([1, 100, 1000, 10000]),
    SourceASN: sourceAsn, SourceASNName: sourceAsnName, SourceCountry: sourceCountry, SourceGeoHash: sourceGeoHash,
    SourcePort: ported ? random.int(1024, 65535) : 0,
    Verdict: dropped ? 'drop' : 'pass',
    ...emptyHeaders(),
    ...protocolHeaders(random, protocol),
  };
};
