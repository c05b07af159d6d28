/** Community ID v1 against a plain transcription of the spec, over generated flows of both IP versions. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import { addressBytes, communityId, type Flow } from '../../src/ecs/community-id.js';

/** A small deterministic generator (the same flows on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The 16 bytes of an IPv6 literal, expanded the long way (test-only, no shortcuts shared with the code). */
function ipv6Bytes(text: string): number[] {
  let address = text;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (quad !== null) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, quad.index)}${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`;
  }
  const halves = address.split('::');
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length < 2 || halves[1] === '' ? [] : halves[1]!.split(':');
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.flatMap((group) => [Number.parseInt(group, 16) >> 8, Number.parseInt(group, 16) & 255]);
}

/** The spec: seed, smaller endpoint first (address, then port), protocol, a zero byte, ports; SHA-1, base64. */
function reference(flow: { sourceIp: string; destinationIp: string; sourcePort: number; destinationPort: number; protocol: number; seed: number }): string {
  const bytesOf = (ip: string): number[] => {
    const plain = ip.replace(/%.*$/, '');
    if (isIP(plain) === 4) return plain.split('.').map(Number);
    const bytes = ipv6Bytes(plain);
    const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
    return mapped ? bytes.slice(12) : bytes;
  };
  const source = bytesOf(flow.sourceIp);
  const destination = bytesOf(flow.destinationIp);
  const compare = Buffer.compare(Buffer.from(source), Buffer.from(destination));
  const forward = compare < 0 || (compare === 0 && flow.sourcePort <= flow.destinationPort);
  const [a, b, portA, portB] = forward
    ? [source, destination, flow.sourcePort, flow.destinationPort]
    : [destination, source, flow.destinationPort, flow.sourcePort];
  const bytes = [flow.seed >> 8, flow.seed & 255, ...a, ...b, flow.protocol, 0, portA >> 8, portA & 255, portB >> 8, portB & 255];
  return `1:${createHash('sha1').update(Buffer.from(bytes)).digest('base64')}`;
}

describe('communityId', () => {
  it('matches the example of its documentation', () => {
    const flow: Flow = { sourceIp: '67.43.156.0', sourcePort: 40456, destinationIp: '175.16.199.0', destinationPort: 3389, transport: 'tcp' };
    assert.equal(communityId(flow), '1:X7lywUVKlduqRq5SyCRaBj4hLP0=');
  });

  it('matches the spec on generated IPv4, IPv6 and IPv4-mapped flows, in both directions', () => {
    const next = random(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const octet = () => Math.floor(next() * 256);
    const group = () => Math.floor(next() * 65536).toString(16);
    const ipv4 = () => `${octet()}.${octet()}.${octet()}.${octet()}`;
    const ipv6 = () => pick([
      () => Array.from({ length: 8 }, group).join(':'),
      () => `${group()}:${group()}::${group()}`,
      () => `::ffff:${ipv4()}`,
      () => `fe80::${group()}%eth0`,
      () => `2001:db8::${ipv4()}`,
    ])();
    const transports: [string | number, number][] = [['tcp', 6], ['UDP', 17], ['sctp', 132], [6, 6], [17, 17]];
    for (let i = 0; i < 5_000; i++) {
      const v6 = next() < 0.4;
      const sourceIp = v6 ? ipv6() : ipv4();
      // Equal addresses sometimes, so that the ports decide the direction.
      const destinationIp = next() < 0.1 ? sourceIp : v6 ? ipv6() : ipv4();
      const sourcePort = 1 + Math.floor(next() * 65535);
      const destinationPort = next() < 0.1 ? sourcePort : 1 + Math.floor(next() * 65535);
      const [transport, protocol] = pick(transports);
      const seed = next() < 0.8 ? 0 : Math.floor(next() * 65536);
      const flow: Flow = { sourceIp, destinationIp, sourcePort: next() < 0.2 ? String(sourcePort) : sourcePort, destinationPort, transport, seed };
      const sourceLength = addressBytes(sourceIp)!.length;
      const destinationLength = addressBytes(destinationIp)!.length;
      const expected = sourceLength === destinationLength ? reference({ sourceIp, destinationIp, sourcePort, destinationPort, protocol, seed }) : undefined;
      assert.equal(communityId(flow), expected, JSON.stringify(flow));
    }
  });

  it('gives no id without two addresses of one version, two ports and a ported transport', () => {
    const base: Flow = { sourceIp: '10.0.0.1', destinationIp: '10.0.0.2', sourcePort: 1234, destinationPort: 80, transport: 'tcp' };
    assert.ok(communityId(base) !== undefined);
    for (const change of [
      { sourceIp: 'host.example' }, { destinationIp: '' }, { destinationIp: '::1' }, { sourcePort: 0 }, { destinationPort: 65536 },
      { sourcePort: '80/tcp' }, { transport: 'icmp' }, { transport: 1 }, { sourceIp: undefined },
    ]) {
      assert.equal(communityId({ ...base, ...change }), undefined, JSON.stringify(change));
    }
  });
});
