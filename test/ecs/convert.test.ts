/** The hand-written IPv4 and IPv6 readers against node:net's isIP, which they stand in for on the hot path. */
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import { isIpv4, isIpv6, toIp } from '../../src/ecs/convert.js';

describe('isIpv4', () => {
  it('accepts exactly what isIP accepts as IPv4, over every combination of tricky octets', () => {
    const octets = ['0', '00', '01', '1', '9', '10', '99', '100', '199', '200', '249', '250', '255', '256', '300', '999', '1000', '', 'a', ' 1', '-1', '١'];
    let checked = 0;
    for (const a of octets) for (const b of ['0', '255', '01']) for (const c of octets) for (const d of octets) {
      for (const text of [`${a}.${b}.${c}.${d}`, `${a}.${b}.${c}.${d}.`, `${a}.${b}.${c}`, `${a}.${b}.${c}.${d}.1`]) {
        assert.equal(isIpv4(text), isIP(text) === 4, JSON.stringify(text));
        checked++;
      }
    }
    assert.ok(checked > 5000);
  });

  it('leaves IPv6 to isIP, and toIp still takes both', () => {
    for (const text of ['::1', '2001:db8::1', '::ffff:1.2.3.4']) {
      assert.equal(isIpv4(text), false);
      assert.equal(toIp(text), text);
    }
    assert.equal(toIp('1.2.3.4'), '1.2.3.4');
    assert.equal(typeof toIp('1.2.3.256'), 'symbol'); // INVALID
  });
});

/** A small deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('isIpv6', () => {
  const next = random(6);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const HEX = '0123456789abcdefABCDEF';
  const group = (): string => {
    const length = next() < 0.9 ? 1 + Math.floor(next() * 4) : pick([0, 5]);
    let text = '';
    for (let i = 0; i < length; i++) text += next() < 0.01 ? pick(['g', 'x', ' ', '.', '٣']) : pick([...HEX]);
    return text;
  };
  const quad = (): string => pick(['1.2.3.4', '0.0.0.0', '255.255.255.255', '192.168.1.1', '01.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '1..2.3']);
  const zone = (): string => pick(['', '', '', '%eth0', '%1', '%', '%en0:1', '%a-b.c', '%a_b', '%%', '%é']);

  /** Addresses built from groups, with and without `::`, a dotted quad and a zone, some of them broken. */
  function address(): string {
    // Half of them with a group count that can be right (8, or up to 7 around `::`), half anywhere.
    const compressed = next() < 0.6;
    const shaped = next() < 0.5;
    const before = Math.floor(next() * (shaped && compressed ? 4 : 9));
    const after = Math.floor(next() * (shaped && compressed ? 4 : 9));
    const head = Array.from({ length: shaped && !compressed ? 8 : before }, group);
    const tail = Array.from({ length: compressed ? after : 0 }, group);
    if (next() < 0.3) (tail.length > 0 ? tail : head).push(quad());
    let text = compressed ? `${head.join(':')}::${tail.join(':')}` : head.join(':');
    if (next() < 0.05) text = text.replace('::', ':::');
    if (next() < 0.05) text = `:${text}`;
    if (next() < 0.05) text += ':';
    return text + zone();
  }

  it('accepts exactly what isIP accepts as IPv6, over generated addresses and near misses', () => {
    let accepted = 0;
    for (let i = 0; i < 60_000; i++) {
      const text = address();
      const expected = isIP(text) === 6;
      assert.equal(isIpv6(text), expected, JSON.stringify(text));
      if (expected) accepted++;
    }
    // Both sides of the boundary are well represented.
    assert.ok(accepted > 8_000 && accepted < 52_000, `${accepted} accepted`);
  });

  it('agrees with isIP on random strings of address characters', () => {
    const alphabet = [...'0123456789abcdefABCDEF:::::...%g-'];
    for (let i = 0; i < 60_000; i++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let j = 0; j < length; j++) text += pick(alphabet);
      assert.equal(isIpv6(text), isIP(text) === 6, JSON.stringify(text));
      assert.equal(toIp(text) === text, isIP(text) !== 0, JSON.stringify(text));
    }
  });

  it('knows the usual forms', () => {
    for (const text of ['::', '::1', '1::', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:1.2.3.4', '64:ff9b::192.0.2.33', 'fe80::1%eth0', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4']) {
      assert.equal(isIpv6(text), true, text);
    }
    for (const text of ['', ':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '1:2:3:4:5:6:7:8::', '12345::', '::1.2.3', '1.2.3.4', 'fe80::1%', '::1 ', ' ::1', '1:2:3:4:5:6::1.2.3.4']) {
      assert.equal(isIpv6(text), false, text);
    }
  });
});
