import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network_analytics } from '../../src/datasets/network_analytics.js';
import { mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { referenceContext } from '../support/map-context.js';

const dataset = network_analytics as MappedDataset;
const NA = 'cloudflare_logpush.network_analytics';
const FLOW = {
  Datetime: '2025-05-30T19:16:28Z',
  IPSourceAddress: '81.2.69.144',
  IPDestinationAddress: '81.2.69.142',
  SourcePort: 45497,
  DestinationPort: 27015,
  IPProtocolName: 'UDP',
};
const map = (record: Record<string, unknown>, overrides = {}) => mapLine(dataset, JSON.stringify(record), referenceContext(overrides));
const pick = (doc: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));

describe('network_analytics mapping', () => {
  const renamed: [string, Record<string, unknown>, unknown][] = [
    ['takes the current spelling when only it is present', { IPTTL: 54 }, 54],
    ['takes the older spelling when only it is present', { IPTtl: '240' }, 240],
    ['keeps one value when both spellings agree', { IPTTL: 54, IPTtl: 54 }, 54],
    ['keeps both values, current first, when the spellings disagree', { IPTTL: 54, IPTtl: 60 }, [54, 60]],
    ['ignores an empty current spelling', { IPTTL: '', IPTtl: 60 }, 60],
  ];
  for (const [name, record, expected] of renamed) {
    it(`${name} (IPTTL/IPTtl)`, () => {
      const doc = map(record);
      assert.deepEqual(doc[`${NA}.ip.ttl.value`], expected);
      assert.equal(doc['error.message'], undefined);
    });
  }

  const sacks: [string, Record<string, unknown>, unknown][] = [
    ['splits TCPSACKBlocks on commas followed by spaces', { TCPSACKBlocks: '10, 20,  30' }, [10, 20, 30]],
    ['appends older TCPSackBlocks elements that are not already there', { TCPSACKBlocks: '10,20', TCPSackBlocks: '20,40' }, [10, 20, 40]],
    ['keeps duplicates within TCPSACKBlocks', { TCPSACKBlocks: '10,10' }, [10, 10]],
    ['takes an array of blocks as is', { TCPSackBlocks: [5, '6'] }, [5, 6]],
    ['leaves the blocks out when both are empty', { TCPSACKBlocks: '', TCPSackBlocks: null }, undefined],
  ];
  for (const [name, record, expected] of sacks) {
    it(name, () => assert.deepEqual(map(record)[`${NA}.tcp.sack.blocks`], expected));
  }

  const conversionErrors: [string, Record<string, unknown>, string, string][] = [
    ['a list of IPv4 options', { IPv4Options: '7,1' }, `${NA}.ipv4.options`, 'cannot convert "7,1" to long for ipv4.options'],
    ['a fractional port', { SourcePort: '1.5' }, 'source.port', 'cannot convert "1.5" to long for source.port'],
    ['an invalid source IP', { IPSourceAddress: '81.2.69.999' }, 'source.ip', 'cannot convert "81.2.69.999" to ip for source.ip'],
    ['an unparseable Datetime', { Datetime: '30/05/2025' }, '@timestamp', 'cannot convert "30/05/2025" to date for timestamp'],
  ];
  for (const [name, change, field, message] of conversionErrors) {
    it(`omits ${name}, notes it in error.message and marks the event a pipeline error`, () => {
      const doc = map({ ...FLOW, ...change }, { preserveOriginalEvent: false });
      assert.equal(doc[field], undefined);
      assert.deepEqual(doc['error.message'], [message]);
      assert.equal(doc['event.kind'], 'pipeline_error');
      assert.ok((doc.tags as string[]).includes('preserve_original_event'));
      assert.equal(typeof doc['event.original'], 'string');
    });
  }

  it('keeps a rejected IP out of related.ip and the community ID', () => {
    const doc = map({ ...FLOW, IPDestinationAddress: 'not-an-ip' });
    assert.deepEqual(doc['related.ip'], ['81.2.69.144']);
    assert.equal(doc['network.community_id'], undefined);
  });

  const datetimes: [string, unknown][] = [
    ['Unix milliseconds as a JSON number', 1748632588000],
    ['Unix nanoseconds as a JSON number beyond 2^53', 1748632588000000000],
    ['a numeric offset without colon', '2025-05-30T21:16:28+0200'],
  ];
  for (const [name, value] of datetimes) {
    it(`reads a Datetime given as ${name}`, () => assert.equal(map({ ...FLOW, Datetime: value })['@timestamp'], '2025-05-30T19:16:28.000Z'));
  }

  const outcomes: [unknown, unknown][] = [['pass', 'success'], ['drop', 'failure'], ['DROP', undefined], ['rate-limit', undefined]];
  for (const [outcome, expected] of outcomes) {
    it(`maps Outcome ${JSON.stringify(outcome)} to event.outcome ${JSON.stringify(expected)}`, () => {
      const doc = map({ ...FLOW, Outcome: outcome });
      assert.deepEqual(pick(doc, ['event.outcome', `${NA}.outcome`]), { 'event.outcome': expected, [`${NA}.outcome`]: expected });
    });
  }

  const communityIds: [string, Record<string, unknown>, string | undefined][] = [
    ['hashes a UDP flow with its ports', {}, '1:oDFewMLbrctzuJrtwWQieicPiXY='],
    ['hashes a GRE flow without ports', { IPProtocolName: 'GRE', SourcePort: 0, DestinationPort: 0 }, '1:MXlgWDu29pG94j4fyTdy6dfUHGA='],
    ['gives no id to ICMP', { IPProtocolName: 'ICMP' }, undefined],
    ['gives no id to a TCP flow with port 0', { IPProtocolName: 'TCP', SourcePort: 0 }, undefined],
    ['gives no id to an unknown transport', { IPProtocolName: 'ESP' }, undefined],
  ];
  for (const [name, change, expected] of communityIds) {
    it(`network.community_id: ${name}`, () => assert.equal(map({ ...FLOW, ...change })['network.community_id'], expected));
  }

  it('copies the DNS query to dns.question.* and related.hosts', () => {
    const doc = map({ ...FLOW, DNSQueryName: 'example.com', DNSQueryType: 'ANY' });
    assert.deepEqual(pick(doc, ['dns.question.name', 'dns.question.type', 'related.hosts']), {
      'dns.question.name': 'example.com',
      'dns.question.type': 'ANY',
      'related.hosts': ['example.com'],
    });
  });

  it('keeps the older GREEthertype but not the current GREEtherType', () => {
    assert.equal(map({ GREEtherType: 2048 })[`${NA}.gre.ether.type`], undefined);
    assert.equal(map({ GREEtherType: 2048, GREEthertype: 10 })[`${NA}.gre.ether.type`], 10);
  });

  it('writes PFPCustomTag as a string and drops "N/A" values', () => {
    const doc = map({ ...FLOW, PFPCustomTag: 7, RuleName: 'N/A' });
    assert.equal(doc[`${NA}.pfp_custom_tag`], '7');
    assert.equal(doc[`${NA}.rule.name`], undefined);
  });

  it('removes the duplicate namespace copies unless asked to keep them', () => {
    const record = { ...FLOW, DestinationASN: 13335, SourceASN: 42337, Direction: 'ingress', Outcome: 'drop', RuleID: 'r1', DNSQueryName: 'example.com', DNSQueryType: 'A', SourceGeoHash: 'gbuun' };
    const doc = map(record, { preserveDuplicateCustomFields: false });
    const namespace = Object.keys(doc).filter((f) => f.startsWith(`${NA}.`)).sort();
    assert.deepEqual(namespace, [`${NA}.source.geo_hash`, `${NA}.source.geo_location`]);
    assert.deepEqual(pick(doc, ['source.ip', 'source.port', 'source.as.number', 'destination.as.number', 'rule.id', 'network.transport', 'event.outcome']), {
      'source.ip': '81.2.69.144', 'source.port': 45497, 'source.as.number': 42337, 'destination.as.number': 13335,
      'rule.id': 'r1', 'network.transport': 'udp', 'event.outcome': 'failure',
    });
  });

  it('keeps an unknown key under the namespace in snake_case', () => {
    assert.equal(map({ ...FLOW, NewCounter: 3 })[`${NA}.new_counter`], 3);
  });
});
