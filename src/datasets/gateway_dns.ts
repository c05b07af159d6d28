// Cloudflare Logpush dataset `gateway_dns` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_dns/
// Mapping spec: shared/spec/datasets/gateway_dns.md
import { isBlank } from '../ecs/convert.js';
import { outcomeOfRCode } from '../ecs/dns-outcome.js';
import { DESTINATION_IP, EVENT_OUTCOME, HOST_ID, HOST_NAME, SOURCE_IP, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { ipList } from '../ecs/ip-list.js';
import { boolean, custom, date, derived, ip, keyword, long, move } from '../ecs/rules.js';
import { ENGINE_FIELDS } from './map.js';
import type { CloudflareRecord, Dataset } from './types.js';

const NS = 'cloudflare_logpush.gateway_dns';

/** A key the reference integration does not map: dropped on purpose, not kept as an unknown field. */
const dropped = custom(() => {});

export const gateway_dns: Dataset = {
  name: 'gateway_dns',
  cloudflareId: 'gateway_dns',
  scope: 'account',
  defaultPrefix: 'gateway_dns',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_dns'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Datetime: date('timestamp', { ecs: '@timestamp' }),
      AccountID: move('account_id'),
      ApplicationID: move('application_id'),
      ApplicationName: move('application_name'),
      AppliedMaxTTL: dropped,
      AuthoritativeNameServerIPs: ipList('authoritative_name_server_ip'),
      CNAMECategoryIDs: move('cname_category.ids'),
      CNAMECategoryNames: move('cname_category.names'),
      CNAMEs: move('cname'),
      CNAMEsReversed: move('cname_reversed'),
      ColoCode: move('colo.code'),
      ColoID: move('colo.id'),
      CustomResolveDurationMs: long('custom_resolver.duration_milli'),
      CustomResolverAddress: move('custom_resolver.address'),
      // Upstream names the targets in the plural; the values stay single strings as sent.
      CustomResolverPolicyID: move('custom_resolver.policy.ids'),
      CustomResolverPolicyName: move('custom_resolver.policy.names'),
      CustomResolverResponse: move('custom_resolver.response'),
      DeviceID: move('host.id', { ecs: 'host.id' }),
      DeviceName: move('host.name', { ecs: 'host.name' }),
      DoHSubdomain: move('doh_subdomain'),
      DoTSubdomain: move('dot_subdomain'),
      DstIP: ip('destination.ip', { ecs: 'destination.ip' }),
      // Ports keep their JSON type (rule 11): no conversion, Elasticsearch coerces at index time.
      DstPort: move('destination.port', { ecs: 'destination.port' }),
      EDEErrors: move('extended_dns_error_codes'),
      Email: move('user.email', { ecs: 'user.email' }),
      InitialCategoryIDs: move('initial_category.ids'),
      InitialCategoryNames: move('initial_category.names'),
      InitialResolvedIPs: move('initial_resolved_ips'),
      InternalDNSDurationMs: move('internal_dns.duration_ms'),
      InternalDNSFallbackStrategy: move('internal_dns.fallback_strategy'),
      InternalDNSRCode: move('internal_dns.rcode'),
      InternalDNSViewID: move('internal_dns.view_id'),
      InternalDNSZoneID: move('internal_dns.zone_id'),
      IsResponseCached: boolean('is_response_cached'),
      Location: move('location.name'),
      LocationID: move('location.id'),
      MatchedCategoryIDs: move('matched.category.ids'),
      MatchedCategoryNames: move('matched.category.names'),
      MatchedIndicatorFeedIDs: move('matched.indicator_feed.ids'),
      MatchedIndicatorFeedNames: move('matched.indicator_feed.names'),
      Policy: derived,
      PolicyID: move('policy.id'),
      PolicyName: derived,
      Protocol: move('protocol', { ecs: 'network.protocol' }),
      // Source names unconfirmed by Cloudflare's field list (spec [U?]); mapped when a job sends them.
      QueryApplicationIDs: move('question.application.ids'),
      QueryApplicationNames: move('question.application.names'),
      QueryCategoryIDs: move('question.category.ids'),
      QueryCategoryNames: move('question.category.names'),
      QueryID: move('question.id'),
      QueryIndicatorFeedIDs: move('question.indicator_feed.ids'),
      QueryIndicatorFeedNames: move('question.indicator_feed.names'),
      QueryName: move('question.name', { ecs: 'dns.question.name' }),
      QueryNameReversed: move('question.reversed'),
      QuerySize: move('question.size'),
      QueryType: move('question.type_id'),
      QueryTypeName: move('question.type', { ecs: 'dns.question.type' }),
      // The code as decimal text ("0"), never a name such as NOERROR; event.outcome comes from it in derive.
      RCode: keyword('response_code', { ecs: 'dns.response_code' }),
      RData: move('answers', { ecs: 'dns.answers' }),
      RedirectTargetURI: move('redirect_target_uri'),
      RegistrationID: move('registration_id'),
      RequestContextCategoryIDs: move('request_context_category.ids'),
      RequestContextCategoryNames: move('request_context_category.names'),
      ResolvedIPCategoryIDs: move('resolved_ip_details.category.ids'),
      ResolvedIPCategoryNames: move('resolved_ip_details.category.names'),
      ResolvedIPContinentCodes: move('resolved_ip_details.continent_codes'),
      ResolvedIPCountryCodes: move('resolved_ip_details.country_codes'),
      // Upstream declares resolved_ip_details.ips but never fills it (the key is consumed first): not emitted.
      ResolvedIPs: move('resolved_ip', { ecs: 'dns.resolved_ip' }),
      ResolverDecision: move('resolver_decision'),
      ResolverPolicyID: move('resolver.policy.ids'),
      ResolverPolicyName: move('resolver.policy.names'),
      ResourceRecords: move('resource_records.object'),
      // Kept as the JSON text Cloudflare sends; not parsed.
      ResourceRecordsJSON: move('resource_records.json'),
      SrcIP: ip('source.ip', { ecs: 'source.ip' }),
      // Upstream spells the group `source_id` (sic).
      SrcIPContinentCode: move('source_id.continent_code'),
      SrcIPCountryCode: move('source_id.country_code'),
      SrcPort: move('source.port', { ecs: 'source.port' }),
      TimeZone: move('timezone', { ecs: 'event.timezone' }),
      TimeZoneInferredMethod: move('timezone_inferred_method'),
      UserID: move('user.id', { ecs: 'user.id' }),
    },
    derive(record, doc, ctx) {
      doc.setNs('policy.name', policyName(record));
      doc.setField(EVENT_OUTCOME, outcomeOfRCode(record.RCode));
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      // Resolved IPs never go to related.ip; the device goes to related.hosts (rule 8).
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP));
      doc.appendRelated('hosts', doc.getField(HOST_ID), doc.getField(HOST_NAME));
      doc.appendRelated('user', doc.getField(USER_ID), doc.getField(USER_EMAIL));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.outcome': 'keyword',
      'event.timezone': 'keyword',
      'dns.answers': 'object[]',
      'dns.question.name': 'keyword',
      'dns.question.type': 'keyword',
      'dns.resolved_ip': 'ip[]',
      'dns.response_code': 'keyword',
      'host.id': 'keyword',
      'host.name': 'keyword',
      'network.protocol': 'keyword',
      'source.ip': 'ip',
      'source.port': 'long',
      ...geoFields('source'),
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
      [`${NS}.answers`]: 'object[]',
      [`${NS}.application_id`]: 'long',
      [`${NS}.application_name`]: 'keyword',
      [`${NS}.authoritative_name_server_ip`]: 'ip[]',
      [`${NS}.cname`]: 'keyword[]',
      [`${NS}.cname_category.ids`]: 'long[]',
      [`${NS}.cname_category.names`]: 'keyword[]',
      [`${NS}.cname_reversed`]: 'keyword[]',
      [`${NS}.colo.code`]: 'keyword',
      [`${NS}.colo.id`]: 'long',
      [`${NS}.custom_resolver.address`]: 'keyword',
      [`${NS}.custom_resolver.duration_milli`]: 'long',
      [`${NS}.custom_resolver.policy.ids`]: 'keyword',
      [`${NS}.custom_resolver.policy.names`]: 'keyword',
      [`${NS}.custom_resolver.response`]: 'keyword',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.destination.port`]: 'long',
      [`${NS}.doh_subdomain`]: 'keyword',
      [`${NS}.dot_subdomain`]: 'keyword',
      [`${NS}.extended_dns_error_codes`]: 'long[]',
      [`${NS}.host.id`]: 'keyword',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.initial_category.ids`]: 'long[]',
      [`${NS}.initial_category.names`]: 'keyword[]',
      [`${NS}.initial_resolved_ips`]: 'ip[]',
      [`${NS}.internal_dns.duration_ms`]: 'long',
      [`${NS}.internal_dns.fallback_strategy`]: 'keyword',
      [`${NS}.internal_dns.rcode`]: 'long',
      [`${NS}.internal_dns.view_id`]: 'keyword',
      [`${NS}.internal_dns.zone_id`]: 'keyword',
      [`${NS}.is_response_cached`]: 'boolean',
      [`${NS}.location.id`]: 'keyword',
      [`${NS}.location.name`]: 'keyword',
      [`${NS}.matched.category.ids`]: 'long[]',
      [`${NS}.matched.category.names`]: 'keyword[]',
      [`${NS}.matched.indicator_feed.ids`]: 'long[]',
      [`${NS}.matched.indicator_feed.names`]: 'keyword[]',
      [`${NS}.policy.id`]: 'keyword',
      // One name, or [PolicyName, Policy] when both are sent and differ (rule 6).
      // Usually one name; the rare [PolicyName, Policy] pair is kept aside (`_extra`) by the store.
      [`${NS}.policy.name`]: 'keyword',
      [`${NS}.protocol`]: 'keyword',
      [`${NS}.question.application.ids`]: 'long[]',
      [`${NS}.question.application.names`]: 'keyword[]',
      [`${NS}.question.category.ids`]: 'long[]',
      [`${NS}.question.category.names`]: 'keyword[]',
      [`${NS}.question.id`]: 'keyword',
      [`${NS}.question.indicator_feed.ids`]: 'long[]',
      [`${NS}.question.indicator_feed.names`]: 'keyword[]',
      [`${NS}.question.name`]: 'keyword',
      [`${NS}.question.reversed`]: 'keyword',
      [`${NS}.question.size`]: 'long',
      [`${NS}.question.type`]: 'keyword',
      [`${NS}.question.type_id`]: 'long',
      [`${NS}.redirect_target_uri`]: 'keyword',
      [`${NS}.registration_id`]: 'keyword',
      [`${NS}.request_context_category.ids`]: 'long[]',
      [`${NS}.request_context_category.names`]: 'keyword[]',
      [`${NS}.resolved_ip`]: 'ip[]',
      [`${NS}.resolved_ip_details.category.ids`]: 'long[]',
      [`${NS}.resolved_ip_details.category.names`]: 'keyword[]',
      [`${NS}.resolved_ip_details.continent_codes`]: 'keyword[]',
      [`${NS}.resolved_ip_details.country_codes`]: 'keyword[]',
      [`${NS}.resolver.policy.ids`]: 'keyword',
      [`${NS}.resolver.policy.names`]: 'keyword',
      [`${NS}.resolver_decision`]: 'keyword',
      [`${NS}.resource_records.json`]: 'keyword',
      [`${NS}.resource_records.object`]: 'flattened',
      [`${NS}.response_code`]: 'keyword',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.source.port`]: 'long',
      [`${NS}.source_id.continent_code`]: 'keyword',
      [`${NS}.source_id.country_code`]: 'keyword',
      [`${NS}.timezone`]: 'keyword',
      [`${NS}.timezone_inferred_method`]: 'keyword',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
    },
  },
};

/**
 * Rule 6: `PolicyName` wins; the deprecated `Policy` is appended when it is also sent and differs, as the
 * reference pipeline's `append` does, so the field becomes a two-element array. `Policy` alone is the name.
 */
function policyName(record: CloudflareRecord): unknown {
  const name = record.PolicyName;
  const legacy = record.Policy;
  if (isBlank(name)) return legacy;
  return !isBlank(legacy) && legacy !== name ? [name, legacy] : name;
}
