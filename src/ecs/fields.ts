/**
 * ECS field names that derive steps read or write on every record, with their slots (see `fieldName`):
 * `doc.get('source.ip')` looks the slot up by name on each call, `doc.getField(SOURCE_IP)` does not.
 */
import { fieldName } from './document.js';

export const TIMESTAMP = fieldName('@timestamp');
export const CLIENT_IP = fieldName('client.ip');
export const DESTINATION_DOMAIN = fieldName('destination.domain');
export const DESTINATION_IP = fieldName('destination.ip');
export const DESTINATION_PORT = fieldName('destination.port');
export const DNS_QUESTION_NAME = fieldName('dns.question.name');
export const DNS_QUESTION_TYPE = fieldName('dns.question.type');
export const DNS_RESPONSE_CODE = fieldName('dns.response_code');
export const EVENT_ACTION = fieldName('event.action');
export const EVENT_OUTCOME = fieldName('event.outcome');
export const EVENT_SEVERITY = fieldName('event.severity');
export const EVENT_TYPE = fieldName('event.type');
export const HOST_ID = fieldName('host.id');
export const HOST_NAME = fieldName('host.name');
export const NETWORK_COMMUNITY_ID = fieldName('network.community_id');
export const NETWORK_TRANSPORT = fieldName('network.transport');
export const SOURCE_IP = fieldName('source.ip');
export const SOURCE_PORT = fieldName('source.port');
export const TLS_CLIENT_JA3 = fieldName('tls.client.ja3');
export const TLS_VERSION = fieldName('tls.version');
export const TLS_VERSION_PROTOCOL = fieldName('tls.version_protocol');
export const URL_DOMAIN = fieldName('url.domain');
export const URL_EXTENSION = fieldName('url.extension');
export const URL_FRAGMENT = fieldName('url.fragment');
export const URL_ORIGINAL = fieldName('url.original');
export const URL_PATH = fieldName('url.path');
export const URL_PORT = fieldName('url.port');
export const URL_QUERY = fieldName('url.query');
export const URL_SCHEME = fieldName('url.scheme');
export const USER_EMAIL = fieldName('user.email');
export const USER_ID = fieldName('user.id');
export const USER_NAME = fieldName('user.name');
export const USER_AGENT_ORIGINAL = fieldName('user_agent.original');
