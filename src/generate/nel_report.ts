import type { RecordGenerator } from './types.js';
import { COLOS, COUNTRIES } from './random.js';

/** Client networks that send NEL reports: [ASN, Cloudflare's ASN description]. */
const NETWORKS = [
  [7922, 'COMCAST-7922'],
  [701, 'UUNET'],
  [3320, 'DTAG'],
  [2856, 'BT-UK-AS'],
  [3215, 'FranceTelecom'],
  [4134, 'CHINANET-BACKBONE'],
  [16509, 'AMAZON-02'],
  [13335, 'CLOUDFLARENET'],
] as const;

type Phase = 'dns' | 'connection' | 'application';
const PHASES: readonly (readonly [Phase, number])[] = [['connection', 6], ['application', 3], ['dns', 1]];

/** NEL error types (W3C Network Error Logging, section 6) by phase, with rough frequencies. */
const TYPES: Record<Phase, readonly (readonly [string, number])[]> = {
  dns: [['dns.name_not_resolved', 6], ['dns.unreachable', 2], ['dns.failed', 1]],
  connection: [['tcp.timed_out', 6], ['tcp.reset', 4], ['tcp.refused', 2], ['tcp.aborted', 3], ['tls.cert.invalid', 1], ['tls.protocol.error', 1]],
  application: [['http.protocol.error', 3], ['http.response.invalid', 2], ['abandoned', 4], ['http.failed', 1]],
};

/** One NEL report as Cloudflare logs it: the failing phase and type, the client's network, the last good colo. */
export const generateNelReport: RecordGenerator = (random, timeMs) => {
  const [asn, description] = random.pick(NETWORKS);
  const phase = random.weighted(PHASES);
  return {
    ClientIPASN: asn,
    ClientIPASNDescription: description,
    ClientIPCountry: random.pick(COUNTRIES).toUpperCase(),
    LastKnownGoodColoCode: random.pick(COLOS),
    Phase: phase,
    Timestamp: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    Type: random.weighted(TYPES[phase]),
  };
};
