// Cloudflare Logpush dataset `spectrum_events` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/spectrum_events/
// Mapping spec: shared/spec/datasets/spectrum_event.md
import { communityId } from '../ecs/community-id.js';
import { describeValue } from '../ecs/convert.js';
import { DESTINATION_IP, DESTINATION_PORT, NETWORK_COMMUNITY_ID, NETWORK_TRANSPORT, SOURCE_IP, SOURCE_PORT, TLS_VERSION, TLS_VERSION_PROTOCOL } from '../ecs/fields.js';
import { lowerCased } from '../ecs/letter-case.js';
import { boolean, custom, date, ip, keyword, long, move } from '../ecs/rules.js';
import { isNoTls, splitTlsProtocol } from '../ecs/tls.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset, FieldRule } from './types.js';

/**
 * Cloudflare writes `"0"` or `0` for a connect/disconnect time it does not have (rule 3): no value, no error.
 * `"1970-01-01T00:00:00Z"` is not such a marker and maps to the epoch.
 */
function unlessZero(rule: FieldRule): FieldRule {
  return custom((value, doc, record, ctx) => {
    if (value !== '0' && value !== 0) rule.apply(value, doc, record, ctx);
  });
}

export const spectrum_event: Dataset = {
  name: 'spectrum_event',
  cloudflareId: 'spectrum_events',
  scope: 'zone',
  defaultPrefix: 'spectrum_event',
  defaultTags: ['forwarded', 'cloudflare_logpush-spectrum_event'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Application: move('application', { ecs: 'event.id' }),
      ClientAsn: long('client.asn', { ecs: 'source.as.number' }),
      ClientBytes: long('client.bytes', { ecs: 'source.bytes' }),
      // A plain copy, not GeoIP: the country code keeps Cloudflare's lower case ("bg").
      ClientCountry: move('client.country', { ecs: 'source.geo.country_iso_code' }),
      ClientIP: ip('client.ip', { ecs: 'source.ip' }),
      ClientMatchedIpFirewall: move('client.matched_ip_firewall'),
      ClientPort: long('client.port', { ecs: 'source.port' }),
      // The namespace copy always stays (not a duplicate); `derive` lower-cases network.transport.
      ClientProto: keyword('client.protocol', { ecs: 'network.transport', keep: true }),
      ClientTcpRtt: long('client.tcp_rtt'),
      ClientTlsCipher: move('client.tls.cipher'),
      ClientTlsClientHelloServerName: move('client.tls.client_hello_server_name'),
      ClientTlsProtocol: move('client.tls.protocol'), // also split into tls.* by `derive`
      ClientTlsStatus: move('client.tls.status'),
      ColoCode: move('colo.code'),
      ConnectTimestamp: unlessZero(date('connect.time', { ecs: 'event.start', keep: true })),
      DisconnectTimestamp: unlessZero(date('disconnect.time', { ecs: 'event.end', keep: true })),
      Event: lowerCased('action', 'event.action'),
      IpFirewall: boolean('ip_firewall'),
      OriginBytes: long('origin.bytes', { ecs: 'destination.bytes' }),
      OriginIP: ip('origin.ip', { ecs: 'destination.ip' }),
      OriginPort: long('origin.port', { ecs: 'destination.port' }),
      OriginProto: move('origin.protocol'),
      OriginTcpRtt: long('origin.tcp_rtt'),
      OriginTlsCipher: move('origin.tls.cipher'),
      OriginTlsFingerprint: move('origin.tls.fingerprint'),
      OriginTlsMode: move('origin.tls.mode'),
      OriginTlsProtocol: move('origin.tls.protocol'), // never feeds tls.*
      OriginTlsStatus: move('origin.tls.status'),
      ProxyProtocol: move('proxy.protocol'),
      // A Spectrum close/error code (0 = opened), yet the reference maps it to the HTTP status field.
      Status: long('status', { ecs: 'http.response.status_code' }),
      Timestamp: date('timestamp', { ecs: '@timestamp' }),
    },
    derive(record, doc) {
      const transport = doc.getField(NETWORK_TRANSPORT);
      if (typeof transport === 'string') doc.setField(NETWORK_TRANSPORT, transport.toLowerCase());

      // Unlike http_request, a protocol without a lower-case `v` ("UNKNOWN") is an error here (rule 8).
      const protocol = record.ClientTlsProtocol;
      if (!isNoTls(protocol)) {
        const tls = splitTlsProtocol(protocol);
        if (tls === undefined) doc.error(`cannot split ${describeValue(protocol)} into tls.version_protocol and tls.version`);
        else {
          doc.setField(TLS_VERSION_PROTOCOL, tls.versionProtocol);
          doc.setField(TLS_VERSION, tls.version);
        }
      }

      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP));
      const id = communityId({
        sourceIp: doc.getField(SOURCE_IP),
        destinationIp: doc.getField(DESTINATION_IP),
        transport: doc.getField(NETWORK_TRANSPORT),
        sourcePort: doc.getField(SOURCE_PORT),
        destinationPort: doc.getField(DESTINATION_PORT),
      });
      if (id !== undefined) doc.setField(NETWORK_COMMUNITY_ID, id);
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'event.id': 'keyword',
      'event.start': 'date',
      'event.end': 'date',
      'source.ip': 'ip',
      'source.port': 'long',
      'source.bytes': 'long',
      'source.as.number': 'long',
      'source.geo.country_iso_code': 'keyword',
      'destination.ip': 'ip',
      'destination.port': 'long',
      'destination.bytes': 'long',
      'network.transport': 'keyword',
      'network.community_id': 'keyword',
      'http.response.status_code': 'long',
      'tls.version': 'keyword',
      'tls.version_protocol': 'keyword',
      'related.ip': 'ip[]',
      'cloudflare_logpush.spectrum_event.action': 'keyword',
      'cloudflare_logpush.spectrum_event.application': 'keyword',
      'cloudflare_logpush.spectrum_event.client.asn': 'long',
      'cloudflare_logpush.spectrum_event.client.bytes': 'long',
      'cloudflare_logpush.spectrum_event.client.country': 'keyword',
      'cloudflare_logpush.spectrum_event.client.ip': 'ip',
      'cloudflare_logpush.spectrum_event.client.matched_ip_firewall': 'keyword',
      'cloudflare_logpush.spectrum_event.client.port': 'long',
      'cloudflare_logpush.spectrum_event.client.protocol': 'keyword',
      'cloudflare_logpush.spectrum_event.client.tcp_rtt': 'long',
      'cloudflare_logpush.spectrum_event.client.tls.cipher': 'keyword',
      'cloudflare_logpush.spectrum_event.client.tls.client_hello_server_name': 'keyword',
      'cloudflare_logpush.spectrum_event.client.tls.protocol': 'keyword',
      'cloudflare_logpush.spectrum_event.client.tls.status': 'keyword',
      'cloudflare_logpush.spectrum_event.colo.code': 'keyword',
      'cloudflare_logpush.spectrum_event.connect.time': 'date',
      'cloudflare_logpush.spectrum_event.disconnect.time': 'date',
      'cloudflare_logpush.spectrum_event.ip_firewall': 'boolean',
      'cloudflare_logpush.spectrum_event.origin.bytes': 'long',
      'cloudflare_logpush.spectrum_event.origin.ip': 'ip',
      'cloudflare_logpush.spectrum_event.origin.port': 'long',
      'cloudflare_logpush.spectrum_event.origin.protocol': 'keyword',
      'cloudflare_logpush.spectrum_event.origin.tcp_rtt': 'long',
      'cloudflare_logpush.spectrum_event.origin.tls.cipher': 'keyword',
      'cloudflare_logpush.spectrum_event.origin.tls.fingerprint': 'keyword',
      'cloudflare_logpush.spectrum_event.origin.tls.mode': 'keyword',
      'cloudflare_logpush.spectrum_event.origin.tls.protocol': 'keyword',
      'cloudflare_logpush.spectrum_event.origin.tls.status': 'keyword',
      'cloudflare_logpush.spectrum_event.proxy.protocol': 'keyword',
      'cloudflare_logpush.spectrum_event.status': 'long',
      'cloudflare_logpush.spectrum_event.timestamp': 'date',
    },
    pruneNotAvailable: true,
  },
};
