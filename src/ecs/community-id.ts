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
  if (protocol === undefined) return undefined;
  const length = addressInto(flow.sourceIp, SOURCE);
  if (length === 0 || addressInto(flow.destinationIp, DESTINATION) !== length) return undefined;
  const sourcePort = portNumber(flow.sourcePort);
  const destinationPort = portNumber(flow.destinationPort);
  if (sourcePort === undefined || destinationPort === undefined) return undefined;

  // The flow is hashed in a canonical direction, so both directions of one connection get the same id.
  const order = compareBytes(SOURCE, DESTINATION, length);
  const forward = order < 0 || (order === 0 && sourcePort <= destinationPort);
  const first = forward ? SOURCE : DESTINATION;
  const second = forward ? DESTINATION : SOURCE;

  // seed (2 bytes), address A, address B, protocol, padding (0), port A, port B: hashed in one call.
  const input = length === 4 ? V4_INPUT : V6_INPUT;
  input.writeUInt16BE(flow.seed ?? 0, 0);
  for (let i = 0; i < length; i++) {
    input[2 + i] = first[i]!;
    input[2 + length + i] = second[i]!;
  }
  const tail = 2 + length * 2;
  input[tail] = protocol;
  input[tail + 1] = 0;
  input.writeUInt16BE(forward ? sourcePort : destinationPort, tail + 2);
  input.writeUInt16BE(forward ? destinationPort : sourcePort, tail + 4);
  return `1:${hash('sha1', input, 'base64')}`;
}

/**
 * Made once and reused (one flow at a time, synchronously): the hash input of an IPv4 and of an IPv6
 * flow, and the two addresses. Allocating them per flow (five Buffers) cost more than the hash.
 */
const V4_INPUT = Buffer.alloc(2 + 4 * 2 + 6);
const V6_INPUT = Buffer.alloc(2 + 16 * 2 + 6);
const SOURCE = new Uint8Array(16);
const DESTINATION = new Uint8Array(16);

/** Like Buffer.compare on the first `length` bytes. */
function compareBytes(a: Uint8Array, b: Uint8Array, length: number): number {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
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
  const scratch = new Uint8Array(16);
  const length = addressInto(ip, scratch);
  return length === 0 ? undefined : Buffer.from(scratch.subarray(0, length));
}

/** Writes the bytes of an IP literal (see addressBytes) to `out`; returns how many (4 or 16), or 0 for no address. */
function addressInto(ip: unknown, out: Uint8Array): number {
  if (typeof ip !== 'string') return 0;
  // A zone index (`fe80::1%eth0`) is not part of the address.
  const text = ip.includes('%') ? ip.replace(/%.*$/, '') : ip;
  if (isIpv4(text)) {
    ipv4Into(text, out);
    return 4;
  }
  if (!isIpv6(text)) return 0;
  const bytes = ipv6Bytes(text);
  if (isIpv4Mapped(bytes)) {
    out.set(bytes.subarray(12));
    return 4;
  }
  out.set(bytes);
  return 16;
}

/** `::ffff:a.b.c.d`: ten zero bytes, then two 0xff. */
function isIpv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Bytes of a valid dotted-quad literal, read by hand (this runs for every flow record). */
function ipv4Into(text: string, out: Uint8Array): void {
  out[0] = out[1] = out[2] = out[3] = 0;
  let octet = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = charCodeAt(text, i);
    if (c === 46 /* . */) octet++;
    else out[octet] = out[octet]! * 10 + (c - 48);
  }
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
