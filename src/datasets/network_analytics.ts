// Cloudflare Logpush dataset `network_analytics_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/network_analytics_logs/
// Mapping spec: shared/spec/datasets/network_analytics.md
import { communityId } from '../ecs/community-id.js';
import { portlessCommunityId } from '../ecs/community-id-portless.js';
import { fieldUnder } from '../ecs/document.js';
import { DESTINATION_IP, DESTINATION_PORT, DNS_QUESTION_NAME, NETWORK_COMMUNITY_ID, NETWORK_TRANSPORT, SOURCE_IP, SOURCE_PORT } from '../ecs/fields.js';
import { mergeRenamed, mergeRenamedList } from '../ecs/renamed-fields.js';
import { custom, date, derived, ip, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset, FieldRule } from './types.js';

const NA = 'cloudflare_logpush.network_analytics';

/** Renamed keys, current spelling first: both feed one field (rule 5). */
const RENAMED: readonly (readonly [current: string, older: string, rule: FieldRule])[] = [
  ['IPTTL', 'IPTtl', long('ip.ttl.value')],
  ['IPTTLBuckets', 'IPTtlBuckets', long('ip.ttl.buckets')],
  ['IPv4DSCP', 'IPv4Dscp', long('ipv4.dscp')],
  ['IPv4ECN', 'IPv4Ecn', long('ipv4.ecn')],
  ['IPv6DSCP', 'IPv6Dscp', long('ipv6.dscp')],
  ['IPv6ECN', 'IPv6Ecn', long('ipv6.ecn')],
  ['TCPMSS', 'TCPMss', long('tcp.mss')],
  ['TCPSACKPermitted', 'TCPSacksPermitted', long('tcp.sack.permitted')],
  ['TCPTimestampECR', 'TCPTimestampEcr', long('tcp.timestamp.ecr')],
];
const renamedKeys = Object.fromEntries(RENAMED.flatMap(([current, older]) => [[current, derived], [older, derived]]));

/** TCPSACKBlocks is a comma list (`"1756364199,1756365599"`); the older TCPSackBlocks joins it (rule 8). */
const SACK_SEPARATOR = /, */;
const sackBlocks = long('tcp.sack.blocks');

const OUTCOMES = new Map<unknown, string>([['pass', 'success'], ['drop', 'failure']]);
const outcome = move('outcome', { ecs: 'event.outcome' });

/** The geohash keys, each copied to `<side>.geo_location` (rule 6) and to related.hash in this order (rule 9). */
const GEO_SIDES = ['source', 'destination', 'colo'] as const;
/** `<NA>.<side>.geo_hash` and `<side>.geo_location` of each side, named once (not per record). */
const GEO_HASH_FIELDS = GEO_SIDES.map((side) => fieldUnder(NA, `${side}.geo_hash`));
const GEO_LOCATION_FIELDS = GEO_SIDES.map((side) => `${side}.geo_location`);

export const network_analytics: Dataset = {
  name: 'network_analytics',
  cloudflareId: 'network_analytics_logs',
  scope: 'account',
  defaultPrefix: 'network_analytics_logs',
  defaultTags: ['forwarded', 'cloudflare_logpush-network_analytics'],
  mapping: {
    // Spec rule 2d: NA.timestamp is the final @timestamp, the receive time when Datetime is absent or unparsable.
    collectionTimeCopy: { key: 'Datetime', field: 'timestamp', whenAbsent: true },
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Datetime: date('timestamp', { ecs: '@timestamp' }),
      AttackCampaignID: move('attack.campaign.id'),
      AttackID: move('attack.id'),
      AttackVector: move('attack.vector'),
      ColoCity: move('colo.city'),
      ColoCode: move('colo.code'),
      ColoCountry: move('colo.country'),
      ColoGeoHash: move('colo.geo_hash'),
      ColoID: long('colo.id'),
      ColoName: move('colo.name'),
      DestinationASN: long('destination.asn', { ecs: 'destination.as.number' }),
      DestinationASNDescription: move('destination.as.number.description'),
      DestinationASNName: move('destination.as.number.name'),
      DestinationCountry: move('destination.country'),
      DestinationGeoHash: move('destination.geo_hash'),
      DestinationPort: long('destination.port', { ecs: 'destination.port' }),
      Direction: move('direction', { ecs: 'network.direction' }),
      DNSQueryName: move('dns.query.name', { ecs: 'dns.question.name' }),
      DNSQueryType: move('dns.query.type', { ecs: 'dns.question.type' }),
      GREChecksum: long('gre.checksum'),
      GREEthertype: long('gre.ether.type'),
      // The current spelling is dropped: the reference expected output has no gre.ether.type for it (rule 13).
      GREEtherType: custom(() => {}),
      GREHeaderLength: long('gre.header.length'),
      GREKey: long('gre.key'),
      GRESequenceNumber: long('gre.sequence.number'),
      GREVersion: long('gre.version'),
      ICMPChecksum: long('icmp.checksum'),
      ICMPCode: long('icmp.code'),
      ICMPType: long('icmp.type'),
      IPDestinationAddress: ip('destination.ip', { ecs: 'destination.ip' }),
      IPDestinationSubnet: move('ip.destination.subnet'),
      IPFragmentOffset: long('ip.fragment.offset'),
      IPHeaderLength: long('ip.header.length'),
      IPMoreFragments: long('ip.more.fragments'),
      IPProtocol: long('ip.protocol.value'),
      // network.transport is lower-cased in derive; the namespace keeps the case as sent (`UDP`).
      IPProtocolName: move('ip.protocol.name', { ecs: 'network.transport' }),
      IPSourceAddress: ip('source.ip', { ecs: 'source.ip' }),
      IPSourceSubnet: move('ip.source.subnet'),
      IPTotalLength: long('ip.total.length.value'),
      IPTotalLengthBuckets: long('ip.total.length.buckets'),
      IPv4Checksum: long('ipv4.checksum'),
      IPv4DontFragment: long('ipv4.dont_fragment'),
      IPv4Identification: long('ipv4.identification'),
      // Cloudflare documents a list of option numbers, but the reference converts to long: a list is an error.
      IPv4Options: long('ipv4.options'),
      IPv6ExtensionHeaders: move('ipv6.extension_headers'),
      IPv6FlowLabel: long('ipv6.flow_label'),
      IPv6Identification: long('ipv6.identification'),
      MitigationReason: move('mitigation.reason'),
      MitigationScope: move('mitigation.scope'),
      MitigationSystem: move('mitigation.system'),
      // pass → success, drop → failure; any other value sets neither field, and the raw value is not kept.
      Outcome: custom((value, doc, record, ctx) => outcome.apply(OUTCOMES.get(value), doc, record, ctx)),
      PFPCustomTag: keyword('pfp_custom_tag'),
      ProtocolState: move('protocol_state'),
      RuleID: move('rule.id', { ecs: 'rule.id' }),
      RuleName: move('rule.name'),
      RulesetID: move('rule.set.id'),
      RulesetOverrideID: move('rule.set.override.id'),
      SampleInterval: long('sample_interval'),
      SourceASN: long('source.asn', { ecs: 'source.as.number' }),
      SourceASNDescription: move('source.as.number.description'),
      SourceASNName: move('source.as.number.name'),
      SourceCountry: move('source.country'),
      SourceGeoHash: move('source.geo_hash'),
      SourcePort: long('source.port', { ecs: 'source.port' }),
      TCPAcknowledgementNumber: long('tcp.acknowledgement_number'),
      TCPChecksum: long('tcp.checksum'),
      TCPDataOffset: long('tcp.dataoffset'),
      TCPFlags: long('tcp.flags.value'),
      TCPFlagsString: move('tcp.flags.string'),
      TCPOptions: move('tcp.options'),
      TCPSACKBlocks: derived,
      TCPSackBlocks: derived,
      TCPSequenceNumber: long('tcp.sequence_number'),
      TCPTimestampValue: long('tcp.timestamp.value'),
      TCPUrgentPointer: long('tcp.urgent_pointer'),
      TCPWindowScale: long('tcp.window.scale'),
      TCPWindowSize: long('tcp.window.size'),
      UDPChecksum: long('udp.checksum'),
      UDPPayloadLength: long('udp.payload_length'),
      Verdict: move('verdict'),
      ...renamedKeys,
    },
    derive(record, doc, ctx) {
      for (const [current, older, rule] of RENAMED) rule.apply(mergeRenamed(record[current], record[older]), doc, record, ctx);
      sackBlocks.apply(mergeRenamedList(record.TCPSACKBlocks, record.TCPSackBlocks, SACK_SEPARATOR), doc, record, ctx);

      const transport = doc.getField(NETWORK_TRANSPORT);
      if (typeof transport === 'string') doc.setField(NETWORK_TRANSPORT, transport.toLowerCase());

      for (let i = 0; i < GEO_SIDES.length; i++) doc.setNs(GEO_LOCATION_FIELDS[i]!, doc.getField(GEO_HASH_FIELDS[i]!));
      doc.appendRelated('hosts', doc.getField(DNS_QUESTION_NAME));
      doc.appendRelatedAll('hash', GEO_HASH_FIELDS.map((field) => doc.getField(field)));
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP));

      const flow = {
        sourceIp: doc.getField(SOURCE_IP),
        destinationIp: doc.getField(DESTINATION_IP),
        sourcePort: doc.getField(SOURCE_PORT),
        destinationPort: doc.getField(DESTINATION_PORT),
        transport: doc.getField(NETWORK_TRANSPORT),
      };
      doc.setField(NETWORK_COMMUNITY_ID, communityId(flow) ?? portlessCommunityId(flow));
    },
    // The reference pipeline's final cleanup also removes "N/A" object values (rule 11).
    pruneNotAvailable: true,
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.outcome': 'keyword',
      'destination.as.number': 'long',
      'destination.ip': 'ip',
      'destination.port': 'long',
      'dns.question.name': 'keyword',
      'dns.question.type': 'keyword',
      'network.community_id': 'keyword',
      'network.direction': 'keyword',
      'network.transport': 'keyword',
      'related.hash': 'keyword[]',
      'related.hosts': 'keyword[]',
      'related.ip': 'ip[]',
      'rule.id': 'keyword',
      'source.as.number': 'long',
      'source.ip': 'ip',
      'source.port': 'long',
      [`${NA}.timestamp`]: 'date',
      [`${NA}.attack.campaign.id`]: 'keyword',
      [`${NA}.attack.id`]: 'keyword',
      [`${NA}.attack.vector`]: 'keyword',
      [`${NA}.colo.city`]: 'keyword',
      [`${NA}.colo.code`]: 'keyword',
      [`${NA}.colo.country`]: 'keyword',
      // Geohash strings, which Elasticsearch accepts as geo_point values.
      [`${NA}.colo.geo_hash`]: 'keyword',
      [`${NA}.colo.geo_location`]: 'geo_point',
      [`${NA}.colo.id`]: 'long',
      [`${NA}.colo.name`]: 'keyword',
      [`${NA}.destination.as.number.description`]: 'keyword',
      [`${NA}.destination.as.number.name`]: 'keyword',
      [`${NA}.destination.asn`]: 'long',
      [`${NA}.destination.country`]: 'keyword',
      [`${NA}.destination.geo_hash`]: 'keyword',
      [`${NA}.destination.geo_location`]: 'geo_point',
      [`${NA}.destination.ip`]: 'ip',
      [`${NA}.destination.port`]: 'long',
      [`${NA}.direction`]: 'keyword',
      [`${NA}.dns.query.name`]: 'keyword',
      [`${NA}.dns.query.type`]: 'keyword',
      [`${NA}.gre.checksum`]: 'long',
      [`${NA}.gre.ether.type`]: 'long',
      [`${NA}.gre.header.length`]: 'long',
      [`${NA}.gre.key`]: 'long',
      [`${NA}.gre.sequence.number`]: 'long',
      [`${NA}.gre.version`]: 'long',
      [`${NA}.icmp.checksum`]: 'long',
      [`${NA}.icmp.code`]: 'long',
      [`${NA}.icmp.type`]: 'long',
      [`${NA}.ip.destination.subnet`]: 'keyword',
      [`${NA}.ip.fragment.offset`]: 'long',
      [`${NA}.ip.header.length`]: 'long',
      [`${NA}.ip.more.fragments`]: 'long',
      [`${NA}.ip.protocol.name`]: 'keyword',
      [`${NA}.ip.protocol.value`]: 'long',
      [`${NA}.ip.source.subnet`]: 'keyword',
      [`${NA}.ip.total.length.buckets`]: 'long',
      [`${NA}.ip.total.length.value`]: 'long',
      [`${NA}.ip.ttl.buckets`]: 'long',
      [`${NA}.ip.ttl.value`]: 'long',
      [`${NA}.ipv4.checksum`]: 'long',
      [`${NA}.ipv4.dont_fragment`]: 'long',
      [`${NA}.ipv4.dscp`]: 'long',
      [`${NA}.ipv4.ecn`]: 'long',
      [`${NA}.ipv4.identification`]: 'long',
      [`${NA}.ipv4.options`]: 'long',
      [`${NA}.ipv6.dscp`]: 'long',
      [`${NA}.ipv6.ecn`]: 'long',
      [`${NA}.ipv6.extension_headers`]: 'keyword',
      [`${NA}.ipv6.flow_label`]: 'long',
      [`${NA}.ipv6.identification`]: 'long',
      [`${NA}.mitigation.reason`]: 'keyword',
      [`${NA}.mitigation.scope`]: 'keyword',
      [`${NA}.mitigation.system`]: 'keyword',
      [`${NA}.outcome`]: 'keyword',
      [`${NA}.pfp_custom_tag`]: 'keyword',
      [`${NA}.protocol_state`]: 'keyword',
      [`${NA}.rule.id`]: 'keyword',
      [`${NA}.rule.name`]: 'keyword',
      [`${NA}.rule.set.id`]: 'keyword',
      [`${NA}.rule.set.override.id`]: 'keyword',
      [`${NA}.sample_interval`]: 'long',
      [`${NA}.source.as.number.description`]: 'keyword',
      [`${NA}.source.as.number.name`]: 'keyword',
      [`${NA}.source.asn`]: 'long',
      [`${NA}.source.country`]: 'keyword',
      [`${NA}.source.geo_hash`]: 'keyword',
      [`${NA}.source.geo_location`]: 'geo_point',
      [`${NA}.source.ip`]: 'ip',
      [`${NA}.source.port`]: 'long',
      [`${NA}.tcp.acknowledgement_number`]: 'long',
      [`${NA}.tcp.checksum`]: 'long',
      [`${NA}.tcp.dataoffset`]: 'long',
      [`${NA}.tcp.flags.string`]: 'keyword',
      [`${NA}.tcp.flags.value`]: 'long',
      [`${NA}.tcp.mss`]: 'long',
      [`${NA}.tcp.options`]: 'keyword',
      [`${NA}.tcp.sack.blocks`]: 'long[]',
      [`${NA}.tcp.sack.permitted`]: 'long',
      [`${NA}.tcp.sequence_number`]: 'long',
      [`${NA}.tcp.timestamp.ecr`]: 'long',
      [`${NA}.tcp.timestamp.value`]: 'long',
      [`${NA}.tcp.urgent_pointer`]: 'long',
      [`${NA}.tcp.window.scale`]: 'long',
      [`${NA}.tcp.window.size`]: 'long',
      [`${NA}.udp.checksum`]: 'long',
      [`${NA}.udp.payload_length`]: 'long',
      [`${NA}.verdict`]: 'keyword',
    },
  },
};
