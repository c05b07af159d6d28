// Cloudflare Logpush dataset `gateway_http` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_http/
// Mapping spec: shared/spec/datasets/gateway_http.md
import { describeValue, isBlank } from '../ecs/convert.js';
import { DESTINATION_IP, EVENT_TYPE, HOST_ID, HOST_NAME, SOURCE_IP, USER_EMAIL, USER_ID } from '../ecs/fields.js';
import { enrichGeo, geoFields } from '../ecs/geoip.js';
import { boolean, custom, date, ip, long, move } from '../ecs/rules.js';
import { URL_FIELDS, setUrlParts } from '../ecs/url.js';
import { ENGINE_FIELDS } from './map.js';
import type { Dataset } from './types.js';

const NS = 'cloudflare_logpush.gateway_http';

/** Rule 4: the `event.type` entry an action adds (case-sensitive, as the pipeline compares). */
const TYPE_OF_ACTION: ReadonlyMap<unknown, string> = new Map([['allow', 'allowed'], ['bypass', 'allowed'], ['block', 'denied']]);

/** related.* hold strings. */
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

export const gateway_http: Dataset = {
  name: 'gateway_http',
  cloudflareId: 'gateway_http',
  scope: 'account',
  defaultPrefix: 'gateway_http',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_http'],
  mapping: {
    constants: {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['info'],
    },
    rules: {
      Datetime: date('timestamp', { ecs: '@timestamp' }),
      AccountID: move('account_id'),
      Action: move('action', { ecs: 'event.action' }),
      AppControlInfo: move('app_control_info'),
      ApplicationIDs: move('application.ids'),
      ApplicationNames: move('application.names'),
      ApplicationStatuses: move('application.statuses'),
      BlockedFileHash: move('blocked_file.hash'),
      BlockedFileName: move('blocked_file.name'),
      BlockedFileReason: move('blocked_file.reason'),
      BlockedFileSize: long('blocked_file.size'),
      BlockedFileType: move('blocked_file.type'),
      CategoryIDs: move('category.ids'),
      CategoryNames: move('category.names'),
      DestinationIP: ip('destination.ip', { ecs: 'destination.ip' }),
      DestinationIPContinentCode: move('destination_ip.continent_code'),
      DestinationIPCountryCode: move('destination_ip.country_code'),
      DestinationPort: long('destination.port', { ecs: 'destination.port' }),
      // host.* is the Cloudflare One device, not the collector's host.
      DeviceID: move('host.id', { ecs: 'host.id' }),
      DeviceName: move('host.name', { ecs: 'host.name' }),
      DownloadMatchedDlpProfileEntries: move('download_matched_dlp.profile_entries'),
      DownloadMatchedDlpProfiles: move('download_matched_dlp.profiles'),
      DownloadedFileNames: move('downloaded_files'),
      Email: move('user.email', { ecs: 'user.email' }),
      FileInfo: move('file_info'),
      ForensicCopyStatus: move('forensic_copy_status'),
      // The baseline pipeline copies the host to no ECS field (not url.domain, not related.hosts).
      HTTPHost: move('request.host'),
      HTTPMethod: move('request.method', { ecs: 'http.request.method' }),
      HTTPStatusCode: long('response.status_code', { ecs: 'http.response.status_code' }),
      // Kept whole ("HTTP/2"): unlike http_request, this pipeline does not split the version.
      HTTPVersion: move('request.version', { ecs: 'http.version' }),
      IsIsolated: boolean('isolated'),
      PolicyID: move('policy.id'),
      PolicyName: move('policy.name'),
      PrivateAppAUD: move('private_app_aud'),
      ProxyEndpoint: move('proxy_endpoint'),
      Quarantined: boolean('quarantined'),
      RedirectTargetURI: move('redirect_target_uri'),
      Referer: move('request.referrer', { ecs: 'http.request.referrer' }),
      RegistrationID: move('registration_id'),
      RequestID: move('request_id'),
      SessionID: move('session_id'),
      SourceIP: ip('source.ip', { ecs: 'source.ip' }),
      SourceIPContinentCode: move('source_ip.continent_code'),
      SourceIPCountryCode: move('source_ip.country_code'),
      // Namespace only; neither GeoIP nor related.ip in the baseline.
      SourceInternalIP: ip('source.internal_ip'),
      SourcePort: long('source.port', { ecs: 'source.port' }),
      URL: custom((value, doc) => {
        if (isBlank(value)) return;
        if (setUrlParts(doc, value)) {
          if (doc.keepDuplicates) doc.setNs('url', value);
          return;
        }
        // Upstream, a URI that java.net.URI rejects aborts the record before duplicate removal, so the
        // namespace copy is always left; here the record goes on, marked failed (rule 5).
        doc.setNs('url', value);
        doc.error(`cannot parse ${describeValue(value)} as a URI for url`);
      }),
      UntrustedCertificateAction: move('untrusted_certificate_action'),
      UploadMatchedDlpProfileEntries: move('upload_matched_dlp.profile_entries'),
      UploadMatchedDlpProfiles: move('upload_matched_dlp.profiles'),
      UploadedFileNames: move('uploaded_files'),
      // No user-agent parsing in this data stream: only user_agent.original.
      UserAgent: move('user_agent', { ecs: 'user_agent.original' }),
      UserID: move('user.id', { ecs: 'user.id' }),
      VirtualNetworkID: move('virtual_network.id'),
      VirtualNetworkName: move('virtual_network.name'),
    },
    derive(record, doc, ctx) {
      const type = TYPE_OF_ACTION.get(record.Action);
      if (type !== undefined) doc.setField(EVENT_TYPE, ['info', type]);
      enrichGeo(doc, 'source', doc.getField(SOURCE_IP), ctx.geoip);
      enrichGeo(doc, 'destination', doc.getField(DESTINATION_IP), ctx.geoip);
      doc.appendRelated('ip', doc.getField(SOURCE_IP), doc.getField(DESTINATION_IP));
      doc.appendRelated('hosts', asText(doc.getField(HOST_ID)), asText(doc.getField(HOST_NAME)));
      doc.appendRelated('user', asText(doc.getField(USER_ID)), asText(doc.getField(USER_EMAIL)));
    },
    fields: {
      ...ENGINE_FIELDS,
      'event.category': 'keyword[]',
      'event.type': 'keyword[]',
      'event.action': 'keyword',
      'source.ip': 'ip',
      'source.port': 'long',
      ...geoFields('source'),
      'destination.ip': 'ip',
      'destination.port': 'long',
      ...geoFields('destination'),
      'host.id': 'keyword',
      'host.name': 'keyword',
      'user.id': 'keyword',
      'user.email': 'keyword',
      'http.request.method': 'keyword',
      'http.request.referrer': 'keyword',
      'http.response.status_code': 'long',
      'http.version': 'keyword',
      ...URL_FIELDS,
      'user_agent.original': 'keyword',
      'related.ip': 'ip[]',
      'related.hosts': 'keyword[]',
      'related.user': 'keyword[]',
      [`${NS}.timestamp`]: 'date',
      [`${NS}.account_id`]: 'keyword',
      [`${NS}.action`]: 'keyword',
      [`${NS}.app_control_info`]: 'flattened',
      [`${NS}.application.ids`]: 'long[]',
      [`${NS}.application.names`]: 'keyword[]',
      [`${NS}.application.statuses`]: 'flattened',
      [`${NS}.blocked_file.hash`]: 'keyword',
      [`${NS}.blocked_file.name`]: 'keyword',
      [`${NS}.blocked_file.reason`]: 'keyword',
      [`${NS}.blocked_file.size`]: 'long',
      [`${NS}.blocked_file.type`]: 'keyword',
      [`${NS}.category.ids`]: 'keyword[]',
      [`${NS}.category.names`]: 'keyword[]',
      [`${NS}.destination.ip`]: 'ip',
      [`${NS}.destination.port`]: 'long',
      [`${NS}.destination_ip.continent_code`]: 'keyword',
      [`${NS}.destination_ip.country_code`]: 'keyword',
      [`${NS}.download_matched_dlp.profile_entries`]: 'keyword[]',
      [`${NS}.download_matched_dlp.profiles`]: 'keyword[]',
      [`${NS}.downloaded_files`]: 'keyword[]',
      [`${NS}.file_info`]: 'flattened',
      [`${NS}.forensic_copy_status`]: 'keyword',
      [`${NS}.host.id`]: 'keyword',
      [`${NS}.host.name`]: 'keyword',
      [`${NS}.isolated`]: 'boolean',
      [`${NS}.policy.id`]: 'keyword',
      [`${NS}.policy.name`]: 'keyword',
      [`${NS}.private_app_aud`]: 'keyword',
      [`${NS}.proxy_endpoint`]: 'keyword',
      [`${NS}.quarantined`]: 'boolean',
      [`${NS}.redirect_target_uri`]: 'keyword',
      [`${NS}.registration_id`]: 'keyword',
      [`${NS}.request.host`]: 'keyword',
      [`${NS}.request.method`]: 'keyword',
      [`${NS}.request.referrer`]: 'keyword',
      [`${NS}.request.version`]: 'keyword',
      [`${NS}.request_id`]: 'keyword',
      [`${NS}.response.status_code`]: 'long',
      [`${NS}.session_id`]: 'keyword',
      [`${NS}.source.internal_ip`]: 'ip',
      [`${NS}.source.ip`]: 'ip',
      [`${NS}.source.port`]: 'long',
      [`${NS}.source_ip.continent_code`]: 'keyword',
      [`${NS}.source_ip.country_code`]: 'keyword',
      [`${NS}.untrusted_certificate_action`]: 'keyword',
      [`${NS}.upload_matched_dlp.profile_entries`]: 'keyword[]',
      [`${NS}.upload_matched_dlp.profiles`]: 'keyword[]',
      [`${NS}.uploaded_files`]: 'keyword[]',
      [`${NS}.url`]: 'keyword',
      [`${NS}.user.email`]: 'keyword',
      [`${NS}.user.id`]: 'keyword',
      [`${NS}.user_agent`]: 'keyword',
      [`${NS}.virtual_network.id`]: 'keyword',
      [`${NS}.virtual_network.name`]: 'keyword',
    },
  },
};
