// Cloudflare Logpush dataset `gateway_network` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_network/
// Mapping spec: shared/spec/datasets/gateway_network.md
import { isBlank } from '../ecs/convert.js';
import { fieldUnder } from '../ecs/document.js';
import { DESTINATION_DOMAIN, DESTINATION_IP, HOST_ID, HOST_NAME, SOURCE_IP, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { custom, date, ip, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.gateway_network';
// Read in derive: names with their slots, looked up once (see fieldName).
const OVERRIDE_IP = fieldUnder(NS, 'override.ip');

/** The transport string, verbatim (`tcp`, `udp`, `quic`), from `TransportProtocol` or the deprecated `Transport`. */
const transport = move('transport', { ecs: 'network.transport' });
const isPresent = (value: unknown): boolean => !isBlank(value);

export const gateway_network: Dataset = {
  name: 'gateway_network',
  cloudflareId: 'gateway_network',
  scope: 'account',
  defaultPrefix: 'gateway_network',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_network'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Datetime: date('timestamp', { ecs: '@timestamp' }),
      AccountID: move('account_id'),
      // Verbatim (`allowedOnNoRuleMatch`); event.type stays ["info"] whatever the action.
      Action: move('action', { ecs: 'event.action' }),
      ApplicationIDs: move('application.ids'),
      ApplicationNames: move('application.names'),
      CategoryIDs: move('category.ids'),
      CategoryNames: move('category.names'),
      DestinationIP: ip('destination.ip', { ecs: 'destination.ip' }),
      DestinationIPContinentCode: move('destination_ip.continent_code'),
      DestinationIPCountryCode: move('destination_ip.country_code'),
      DestinationPort: long('destination.port', { ecs: 'destination.port' }),
      DetectedProtocol: move('detected_protocol'),
      DeviceID: move('host.id', { ecs: 'host.id' }),
      DeviceName: move('host.name', { ecs: 'host.name' }),
      Email: move('user.email', { ecs: 'user.email' }),
      // The override target has no ECS counterpart and no GeoIP; it only joins related.ip.
      OverrideIP: ip('override.ip'),
      OverridePort: long('override.port'),
      PolicyID: move('policy.id'),
      PolicyName: move('policy.name'),
      ProxyEndpoint: move('proxy_endpoint'),
      RegistrationID: move('registration_id'),
      // The same string, unvalidated and not lower-cased, to both ECS fields.
      SNI: move('sni', { ecs: ['tls.client.server_name', 'destination.domain'] }),
      SessionID: move('session_id', { ecs: 'event.id' }),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
      SourceIPContinentCode: move('source_ip.continent_code'),
      SourceIPCountryCode: move('source_ip.country_code'),
      // A private address: namespace only, never in related.ip (the baseline pipeline leaves it out).
      SourceInternalIP: ip('source.internal_ip'),
      SourcePort: long('source.port', { ecs: 'source.port' }),
      // The deprecated key counts only when TransportProtocol is not sent, whatever the key order.
      Transport: custom((value, doc, record, ctx) => {
        if (!isPresent(record.TransportProtocol)) transport.apply(value, doc, record, ctx);
      }),
      TransportProtocol: transport,
      UserID: move('user.id', { ecs: 'user.id' }),
      VirtualNetworkID: move('virtual_network.id'),
      VirtualNetworkName: move('virtual_network.name'),
    },
    derive(record, doc, ctx) {
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP), doc.getField(OVERRIDE_IP));
      doc.appendRelated('hosts', doc.getField(DESTINATION_DOMAIN), doc.getField(HOST_ID), doc.getField(HOST_NAME));
      doc.appendRelated('user', doc.getField(USER_ID), doc.getField(USER_EMAIL));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'event.id': 'keyword',
      'host.id': 'keyword',
      'host.name': 'keyword',
      'network.transport': 'keyword',
      'tls.client.server_name': 'keyword',
      'source.ip': 'ip',
      'source.port': 'long',
      ...geoFields('source'),
      'destination.domain': 'keyword',
      'destination.ip': 'ip',
      'destination.port': 'long',
      ...geoFields('destination'),
      'user.email': 'keyword',
      'user.id': 'keyword',
      'related.ip': 'ip[]',
      'related.hosts': 'keyword[]',
      'related.user': 'keyword[]',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.account_id`]: 'keyword',
      [`${NS}.action`]: 'keyword',
      [`${NS}.application.ids`]: 'long[]',
      [`${NS}.application.names`]: 'keyword[]',
      [`${NS}.category.ids`]: 'long[]',
      [`${NS}.category.names`]: 'keyword[]',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.destination.port`]: 'long',
      [`${NS}.destination_ip.continent_code`]: 'keyword',
      [`${NS}.destination_ip.country_code`]: 'keyword',
      [`${NS}.detected_protocol`]: 'keyword',
      [`${NS}.host.id`]: 'keyword',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.override.ip`]: 'ip',
      [`${NS}.override.port`]: 'long',
      [`${NS}.policy.id`]: 'keyword',
      [`${NS}.policy.name`]: 'keyword',
      [`${NS}.proxy_endpoint`]: 'keyword',
      [`${NS}.registration_id`]: 'keyword',
      [`${NS}.session_id`]: 'keyword',
      [`${NS}.sni`]: 'keyword',
      [`${NS}.source.internal_ip`]: 'ip',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.source.port`]: 'long',
      [`${NS}.source_ip.continent_code`]: 'keyword',
      [`${NS}.source_ip.country_code`]: 'keyword',
      [`${NS}.transport`]: 'keyword',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
      [`${NS}.virtual_network.id`]: 'keyword',
      [`${NS}.virtual_network.name`]: 'keyword',
    },
  },
};
