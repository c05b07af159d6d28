import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { isIpv4 } from './convert.js';

/**
 * `network.community_id`: Community ID v1 (https://github.com/corelight/community-id-spec), as
 * Elasticsearch's `community_id` processor computes it for flows with ports. Only TCP, UDP and SCTP are
 * hashed; for any other transport, or a missing or invalid input, there is no id (the reference pipelines
 * ignore the processor's failures).
 *
 * @example communityId({ sourceIp: '67.43.156.0', sourcePort: 40456, destinationIp: '175.16.199.0',
 *   destinationPort: 3389, transport: 'tcp' }) → "1:X7lywUVKlduqRq5SyCRaBj4hLP0="
 */
export interface Flow {
  readonly sourceIp: unknown;
  readonly destinationIp: unknown;
  readonly sourcePort: unknown;
  readonly destinationPort: unknown;
  /** `network.transport` (`tcp`, `udp`, `sctp`, any case) or its IANA protocol number. */
  readonly transport: unknown;
  /** The hash seed (default 0). */
  readonly seed?: number;
}

/** IANA protocol numbers of the transports whose flows have ports. */
const PORTED_TRANSPORTS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

/** The Community ID of a flow, or undefined when the flow cannot have one. */
export function communityId(flow: Flow): string | undefined {
  const protocol = transportNumber(flow.transport);
  const source = addressBytes(flow.sourceIp);
  const destination = addressBytes(flow.destinationIp);
  const sourcePort = portNumber(flow.sourcePort);
  const destinationPort = portNumber(flow.destinationPort);
  if (protocol === undefined || source === undefined || destination === undefined) return undefined;
  if (sourcePort === undefined || destinationPort === undefined || source.length !== destination.length) return undefined;

  // The flow is hashed in a canonical direction, so both directions of one connection get the same id.
  const order = Buffer.compare(source, destination);
  const forward = order < 0 || (order === 0 && sourcePort <= destinationPort);
  const [a, b, portA, portB] = forward
    ? [source, destination, sourcePort, destinationPort]
    : [destination, source, destinationPort, sourcePort];

  const head = Buffer.alloc(2);
  head.writeUInt16BE(flow.seed ?? 0);
  const tail = Buffer.alloc(6);
  tail.writeUInt8(protocol, 0); // byte 1 is padding (0)
  tail.writeUInt16BE(portA, 2);
  tail.writeUInt16BE(portB, 4);
  const digest = createHash('sha1').update(head).update(a).update(b).update(tail).digest('base64');
  return `1:${digest}`;
}

function transportNumber(transport: unknown): number | undefined {
  if (typeof transport === 'number') return Object.values(PORTED_TRANSPORTS).includes(transport) ? transport : undefined;
  if (typeof transport !== 'string') return undefined;
  return PORTED_TRANSPORTS[transport.toLowerCase()];
}

/** Ports 1–65535, as numbers or digit strings (Elasticsearch rejects port 0). */
function portNumber(port: unknown): number | undefined {
  const n = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/** Network-order bytes of an IP literal; IPv4-mapped IPv6 addresses become IPv4, as Java reads them. */
export function addressBytes(ip: unknown): Buffer | undefined {
  if (typeof ip !== 'string') return undefined;
  const text = ip.replace(/%.*$/, '');
  const family = isIpv4(text) ? 4 : isIP(text);
  if (family === 4) return Buffer.from(text.split('.').map(Number));
  if (family !== 6) return undefined;
  const bytes = ipv6Bytes(text);
  const mapped = bytes.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]));
  return mapped ? bytes.subarray(12) : bytes;
}

/** Bytes of a valid IPv6 literal (`::` expanded, an IPv4 tail read as two groups). */
function ipv6Bytes(text: string): Buffer {
  let groups = text;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4 !== null) {
    const [, a, b, c, d] = v4.map(Number) as number[];
    groups = `${text.slice(0, v4.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = Array(8 - left.length - right.length).fill('0');
  const bytes = Buffer.alloc(16);
  [...left, ...zeros, ...right].forEach((group, i) => bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2));
  return bytes;
}
