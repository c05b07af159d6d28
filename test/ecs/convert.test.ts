/** The hand-written IPv4 reader against node:net's isIP, which it stands in for on the hot path. */
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import { isIpv4, toIp } from '../../src/ecs/convert.js';

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
