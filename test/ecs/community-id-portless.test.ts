import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portlessCommunityId, type PortlessFlow } from '../../src/ecs/community-id-portless.js';

// Expected values computed independently: base64(SHA-1(seed 0 | smaller address | larger address | proto | 0)).
describe('portlessCommunityId', () => {
  const rows: [string, PortlessFlow, string | undefined][] = [
    ['hashes a GRE flow', { sourceIp: '10.0.0.1', destinationIp: '10.0.0.2', transport: 'gre' }, '1:+KlEHDT0vJgzs/eNmzHq0aSpRYw='],
    ['gives both directions one id, any case', { sourceIp: '10.0.0.2', destinationIp: '10.0.0.1', transport: 'GRE' }, '1:+KlEHDT0vJgzs/eNmzHq0aSpRYw='],
    ['hashes an IPv6 OSPF flow', { sourceIp: '2001:db8::1', destinationIp: '2001:db8::2', transport: 'ospf' }, '1:eWi9aMlwiMJEnppto66PPF1Ud08='],
    ['leaves TCP to the ported function', { sourceIp: '10.0.0.1', destinationIp: '10.0.0.2', transport: 'tcp' }, undefined],
    ['gives no id to ICMP', { sourceIp: '10.0.0.1', destinationIp: '10.0.0.2', transport: 'icmp' }, undefined],
    ['gives no id for an invalid address', { sourceIp: '10.0.0', destinationIp: '10.0.0.2', transport: 'gre' }, undefined],
    ['gives no id for mixed address families', { sourceIp: '10.0.0.1', destinationIp: '2001:db8::2', transport: 'gre' }, undefined],
  ];
  for (const [name, flow, expected] of rows) {
    it(name, () => assert.equal(portlessCommunityId(flow), expected));
  }
});
