import { COLOS, HOSTS, type Random } from './random.js';
import type { RecordGenerator } from './types.js';

const QUERY_NAMES = [...HOSTS, 'mail.example.com', 'example.com', 'updates.example.net', 'tracker.example.xyz', 'nonexistent.example.org'] as const;
/** Query types by share of real resolver traffic: mostly A and AAAA. */
const QUERY_TYPES = [[1, 55], [28, 25], [65, 8], [5, 4], [15, 3], [16, 3], [12, 2]] as const;
/** NOERROR mostly, some NXDOMAIN, a few SERVFAIL and REFUSED. */
const RESPONSE_CODES = [[0, 85], [3, 10], [2, 4], [5, 1]] as const;
const CLUSTERS = ['2cf4bc1e4f0d3e3e8a6bd31df1c7a0e2', '9b7c1d5e0a4f46c8b3e2d1f0a9c8b7e6'] as const;

/** One DNS Firewall query: answered from cache most of the time, otherwise by the upstream resolver. */
export const generateDnsFirewall: RecordGenerator = (random: Random, timeMs: number) => {
  const cached = random.chance(0.6);
  const stale = cached && random.chance(0.05);
  const tcp = random.chance(0.05);
  const code = random.weighted(RESPONSE_CODES);
  const record: Record<string, unknown> = {
    Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    ClientResponseCode: code,
    ClusterID: random.pick(CLUSTERS),
    ColoCode: random.pick(COLOS),
    QueryDO: random.chance(0.3),
    QueryName: random.pick(QUERY_NAMES),
    QueryRD: random.chance(0.95),
    QuerySize: random.int(28, tcp ? 120 : 80),
    QueryTCP: tcp,
    QueryType: random.weighted(QUERY_TYPES),
    ResponseCached: cached,
    ResponseCachedStale: stale,
    ResponseReason: code === 0 ? 'success' : code === 3 ? 'nxdomain' : code === 2 ? 'upstream_failure' : 'refused',
    SourceIP: random.ip(),
  };
  if (random.chance(0.3)) {
    const ip = random.ipv4().split('.');
    record.EDNSSubnet = `${ip[0]}.${ip[1]}.${ip[2]}.0`;
    record.EDNSSubnetLength = 24;
  }
  if (!cached || stale) {
    record.UpstreamIP = random.ip();
    record.UpstreamResponseCode = code;
    record.UpstreamResponseTimeMs = random.int(2, code === 2 ? 2000 : 120);
  }
  return record;
};
