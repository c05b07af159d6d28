import { hash } from 'node:crypto';
import { isIpv4, isIpv6 } from './convert.js';
import { charCodeAt } from './char-code.js';

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

  // seed (2 bytes), address A, address B, protocol, padding (0), port A, port B: hashed in one call.
  const input = Buffer.alloc(2 + a.length * 2 + 6);
  input.writeUInt16BE(flow.seed ?? 0, 0);
  a.copy(input, 2);
  b.copy(input, 2 + a.length);
  const tail = 2 + a.length * 2;
  input.writeUInt8(protocol, tail);
  input.writeUInt16BE(portA, tail + 2);
  input.writeUInt16BE(portB, tail + 4);
  return `1:${hash('sha1', input, 'base64')}`;
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
  // A zone index (`fe80::1%eth0`) is not part of the address.
  const text = ip.includes('%') ? ip.replace(/%.*$/, '') : ip;
  if (isIpv4(text)) return ipv4Bytes(text);
  if (!isIpv6(text)) return undefined;
  const bytes = ipv6Bytes(text);
  const mapped = bytes.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]));
  return mapped ? bytes.subarray(12) : bytes;
}

/** Bytes of a valid dotted-quad literal, read by hand (this runs for every flow record). */
function ipv4Bytes(text: string): Buffer {
  const bytes = Buffer.alloc(4);
  let octet = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = charCodeAt(text, i);
    if (c === 46 /* . */) octet++;
    else bytes[octet] = bytes[octet]! * 10 + (c - 48);
  }
  return bytes;
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
