import { createHash } from 'node:crypto';
import { isIP } from 'node:net';

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

/** Network-order bytes of an IP literal; IPv4-mapped IPv6 addresses become IPv4, as Java reads them. */
function addressBytes(ip: unknown): Buffer | undefined {
  if (typeof ip !== 'string') return undefined;
  const family = isIP(ip);
  if (family === 4) return Buffer.from(ip.split('.').map(Number));
  if (family !== 6) return undefined;
  let text = ip.replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, i) => bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2));
  const mapped = bytes.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]));
  return mapped ? bytes.subarray(12) : bytes;
}
