// Cloudflare Logpush dataset `zero_trust_network_sessions` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/zero_trust_network_sessions/
// Mapping spec: shared/spec/datasets/network_session.md
import { toKeyword } from '../ecs/convert.js';
import { fieldUnder } from '../ecs/document.js';
import { DESTINATION_IP, HOST_ID, HOST_NAME, SOURCE_IP, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { custom, date, ip, move } from '../ecs/rules.js';
import { verbatimDate } from '../ecs/verbatim-date.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.network_session';
// Read in derive: names with their slots, looked up once (see fieldName).
const EGRESS_IP = fieldUnder(NS, 'egress.ip');

const timestamp = date('timestamp', { ecs: '@timestamp' });
// The baseline pipeline copies RFC 3339 start/end strings unchanged (no milliseconds), unlike @timestamp;
// Unix values are normalised, as every later revision does (rule 2).
const sessionStart = verbatimDate('session.start', { ecs: 'event.start' });

export const network_session: Dataset = {
  name: 'network_session',
  cloudflareId: 'zero_trust_network_sessions',
  scope: 'account',
  defaultPrefix: 'network_session',
  defaultTags: ['forwarded', 'cloudflare_logpush-network_session'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network', 'session'],
      'event.type': ['connection'],
    },
    rules: {
      SessionStartTime: custom((value, doc, record, ctx) => {
        timestamp.apply(value, doc, record, ctx);
        sessionStart.apply(value, doc, record, ctx);
      }),
      SessionEndTime: verbatimDate('session.end', { ecs: 'event.end' }),
      AccountID: move('account_id'),
      // BytesReceived flows origin → client, BytesSent client → origin.
      BytesReceived: move('destination.bytes', { ecs: 'destination.bytes' }),
      BytesSent: move('source.bytes', { ecs: 'source.bytes' }),
      ClientTCPHandshakeDurationMs: move('tcp.client.handshake_time_ms'),
      ClientTLSCipher: move('tls.client.cipher'),
      ClientTLSHandshakeDurationMs: move('tls.client.handshake_time_ms'),
      ClientTLSVersion: move('tls.client.version'),
      ConnectionCloseReason: move('tcp.connection.close_reason'),
      ConnectionReuse: move('tcp.connection.reuse'),
      DestinationTunnelID: move('destination.tunnel_id'),
      DetectedProtocol: move('detected_protocol'),
      // host.* is the Cloudflare client device, not the collector's host.
      DeviceID: move('host.id', { ecs: 'host.id' }),
      DeviceName: move('host.name', { ecs: 'host.name' }),
      EgressColoName: move('egress.colo_name'),
      EgressIP: ip('egress.ip'),
      EgressPort: move('egress.port'),
      EgressRuleID: move('egress.rule.id'),
      EgressRuleName: move('egress.rule.name'),
      Email: move('user.email', { ecs: 'user.email' }),
      IngressColoName: move('ingress.colo_name'),
      InitialOriginIP: ip('initial_origin_ip'),
      Offramp: move('offramp'),
      OriginIP: ip('destination.ip', { ecs: 'destination.ip' }),
      OriginPort: move('destination.port', { ecs: 'destination.port' }),
      OriginTLSCertificateIssuer: move('tls.server.certificate.issuer', { ecs: 'tls.server.issuer' }),
      OriginTLSCertificateValidationResult: move('tls.server.certificate.validation_result'),
      OriginTLSCipher: move('tls.server.cipher'),
      OriginTLSHandshakeDurationMs: move('tls.server.handshake_time_ms'),
      OriginTLSVersion: move('tls.server.version'),
      // Copied verbatim: the reference keeps the upper case (`TCP`) in network.transport.
      Protocol: move('transport', { ecs: 'network.transport' }),
      RegistrationID: move('registration_id'),
      ResolvedFQDN: move('resolved_fqdn'),
      RuleEvaluationDurationMs: move('rule_evaluation.time_ms'),
      SNI: move('sni'),
      SessionID: move('session.id', { ecs: 'event.id' }),
      SourceInternalIP: ip('source.internal_ip'),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
      SourcePort: move('source.port', { ecs: 'source.port' }),
      UserID: move('user.id', { ecs: 'user.id' }),
      // The baseline writes vlan.id at the document root (later upstream revisions use network.vlan.id).
      VirtualNetworkID: move('vlan.id', { ecs: 'vlan.id' }),
    },
    derive(record, doc, ctx) {
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP), doc.getField(EGRESS_IP));
      // related.* hold text: a numeric device name or user id goes in as a string (rule 5).
      doc.appendRelated('hosts', toKeyword(doc.getField(HOST_ID)), toKeyword(doc.getField(HOST_NAME)));
      doc.appendRelated('user', toKeyword(doc.getField(USER_ID)), toKeyword(doc.getField(USER_EMAIL)));
      // Only the flow's endpoints are located: never the egress, internal or initial-origin IPs (rule 6).
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.id': 'keyword',
      'event.start': 'date',
      'event.end': 'date',
      'destination.bytes': 'long',
      'destination.ip': 'ip',
      'destination.port': 'long',
      ...geoFields('destination'),
      'host.id': 'keyword',
      'host.name': 'keyword',
      'network.transport': 'keyword',
      'related.hosts': 'keyword[]',
      'related.ip': 'ip[]',
      'related.user': 'keyword[]',
      'source.bytes': 'long',
      'source.ip': 'ip',
      'source.port': 'long',
      ...geoFields('source'),
      'tls.server.issuer': 'keyword',
      'user.email': 'keyword',
      'user.id': 'keyword',
      'vlan.id': 'keyword',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.account_id`]: 'keyword',
      [`${NS}.destination.bytes`]: 'long',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.destination.port`]: 'long',
      [`${NS}.destination.tunnel_id`]: 'keyword',
      [`${NS}.detected_protocol`]: 'keyword',
      [`${NS}.egress.colo_name`]: 'keyword',
      [`${NS}.egress.ip`]: 'ip',
      [`${NS}.egress.port`]: 'long',
      [`${NS}.egress.rule.id`]: 'keyword',
      [`${NS}.egress.rule.name`]: 'keyword',
      [`${NS}.host.id`]: 'keyword',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.ingress.colo_name`]: 'keyword',
      [`${NS}.initial_origin_ip`]: 'ip',
      [`${NS}.offramp`]: 'keyword',
      [`${NS}.registration_id`]: 'keyword',
      [`${NS}.resolved_fqdn`]: 'keyword',
      [`${NS}.rule_evaluation.time_ms`]: 'long',
      [`${NS}.session.end`]: 'date',
      [`${NS}.session.id`]: 'keyword',
      [`${NS}.session.start`]: 'date',
      [`${NS}.sni`]: 'keyword',
      [`${NS}.source.bytes`]: 'long',
      [`${NS}.source.internal_ip`]: 'ip',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.source.port`]: 'long',
      [`${NS}.tcp.client.handshake_time_ms`]: 'long',
      [`${NS}.tcp.connection.close_reason`]: 'keyword',
      [`${NS}.tcp.connection.reuse`]: 'boolean',
      [`${NS}.tls.client.cipher`]: 'keyword',
      [`${NS}.tls.client.handshake_time_ms`]: 'long',
      [`${NS}.tls.client.version`]: 'keyword',
      [`${NS}.tls.server.certificate.issuer`]: 'keyword',
      [`${NS}.tls.server.certificate.validation_result`]: 'keyword',
      [`${NS}.tls.server.cipher`]: 'keyword',
      [`${NS}.tls.server.handshake_time_ms`]: 'long',
      [`${NS}.tls.server.version`]: 'keyword',
      [`${NS}.transport`]: 'keyword',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
      [`${NS}.vlan.id`]: 'keyword',
    },
  },
};
