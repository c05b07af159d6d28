import { COLOS, HOSTS, type Random } from './random.js';
import type { RecordGenerator } from './types.js';

const QUERY_TYPES = [[1, 50], [28, 25], [5, 8], [15, 5], [16, 6], [33, 2], [65, 4]] as const; // A, AAAA, CNAME, MX, TXT, SRV, HTTPS
const RESPONSE_CODES = [[0, 90], [3, 8], [2, 2]] as const; // NOERROR, NXDOMAIN, SERVFAIL

/** A `dns_logs` record: an authoritative DNS query answered by Cloudflare. */
export const generateDns: RecordGenerator = (random: Random, timeMs: number) => ({
  ColoCode: random.pick(COLOS),
  EDNSSubnet: random.chance(0.4) ? `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.0` : '',
  EDNSSubnetLength: random.chance(0.4) ? 24 : 0,
  QueryName: random.chance(0.9) ? random.pick(HOSTS) : `${random.hex(8)}.example.com`,
  QueryType: random.weighted(QUERY_TYPES),
  ResponseCached: random.chance(0.7),
  ResponseCode: random.weighted(RESPONSE_CODES),
  SourceIP: random.ip(),
  Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
});
