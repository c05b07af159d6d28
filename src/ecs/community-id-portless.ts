import { createHash } from 'node:crypto';
import { addressBytes } from './community-id.js';

/**
 * Community ID v1 (https://github.com/corelight/community-id-spec) of flows whose transport has no ports
 * (GRE, IGMP, EIGRP, OSPF, PIM), as Elasticsearch's `community_id` processor computes it: the hash covers
 * the two addresses and the protocol number only. `community-id.ts` covers TCP, UDP and SCTP; ICMP flows
 * get no id, because the reference pipelines do not pass the ICMP type and code the hash would need.
 *
 * @example portlessCommunityId({ sourceIp: '10.0.0.1', destinationIp: '10.0.0.2', transport: 'gre' })
 *   → "1:+KlEHDT0vJgzs/eNmzHq0aSpRYw=" (the same with the addresses swapped); with transport 'tcp' → undefined
 */
export interface PortlessFlow {
  readonly sourceIp: unknown;
  readonly destinationIp: unknown;
  /** `network.transport` (`gre`, `ospf`…, any case). */
  readonly transport: unknown;
  /** The hash seed (default 0). */
  readonly seed?: number;
}

/** IANA protocol numbers of the port-less transports the processor knows. */
const PORTLESS_TRANSPORTS: Record<string, number> = { igmp: 2, gre: 47, eigrp: 88, ospf: 89, pim: 103 };

/** The Community ID of a port-less flow, or undefined for other transports and missing or invalid addresses. */
export function portlessCommunityId(flow: PortlessFlow): string | undefined {
  const protocol = typeof flow.transport === 'string' ? PORTLESS_TRANSPORTS[flow.transport.toLowerCase()] : undefined;
  const source = addressBytes(flow.sourceIp);
  const destination = addressBytes(flow.destinationIp);
  if (protocol === undefined || source === undefined || destination === undefined) return undefined;
  if (source.length !== destination.length) return undefined;
  // Canonical direction: the smaller address first, so both directions of a flow share one id.
  const [a, b] = Buffer.compare(source, destination) < 0 ? [source, destination] : [destination, source];
  const seed = Buffer.alloc(2);
  seed.writeUInt16BE(flow.seed ?? 0);
  const digest = createHash('sha1').update(seed).update(a).update(b).update(Buffer.from([protocol, 0])).digest('base64');
  return `1:${digest}`;
}
