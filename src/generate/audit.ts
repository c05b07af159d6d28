import type { RecordGenerator } from './types.js';
import { EMAILS, HOSTS } from './random.js';

/** Audited actions as Cloudflare names them: [ActionType, ResourceType, weight]. */
const ACTIONS = [
  ['login', 'account', 30],
  ['create', 'dns.record', 15],
  ['update', 'dns.record', 12],
  ['delete', 'dns.record', 4],
  ['token_create', 'account', 5],
  ['purge', 'zone', 10],
  ['update', 'zone.settings', 8],
  ['create', 'firewall.rule', 6],
  ['add', 'account.member', 2],
  ['rotate_api_key', 'account', 1],
] as const;

/** A stable actor id (32 lower-case alphanumerics, as Cloudflare's user ids) per e-mail address. */
const ACTOR_IDS = EMAILS.map((_, i) => `enl3j9du8rnx2swwd9l32qots7l54t9${i}`);
const ACCOUNT_ID = '023e105f4ecef8ad9ca31a8372d0c353';

/** One classic `audit_logs` record: who did what to which resource, from the dashboard or the API. */
export const generateAudit: RecordGenerator = (random, timeMs) => {
  const [actionType, resourceType] = random.weighted(ACTIONS.map(([a, r, w]) => [[a, r], w] as const));
  const system = random.chance(0.05);
  const actor = random.int(0, EMAILS.length - 1);
  const changed = actionType === 'update' || actionType === 'create';
  const host = random.pick(HOSTS);
  return {
    ActionResult: random.chance(0.93),
    ActionType: actionType,
    ActorEmail: system ? '' : EMAILS[actor],
    ActorID: system ? '' : ACTOR_IDS[actor],
    ActorIP: system ? '' : random.ip(),
    ActorType: system ? 'Cloudflare' : random.weighted([['user', 8], ['admin', 2]] as const),
    ID: random.uuid(),
    Interface: system ? '' : random.weighted([['UI', 6], ['API', 4]] as const),
    Metadata: resourceType === 'dns.record' ? { zone_name: host.split('.').slice(1).join('.'), name: host, type: 'A' } : {},
    NewValue: changed ? { content: random.ipv4(), ttl: 300, proxied: true } : {},
    OldValue: actionType === 'update' ? { content: random.ipv4(), ttl: 3600, proxied: false } : {},
    OwnerID: ACCOUNT_ID,
    ResourceID: resourceType === 'account' ? ACCOUNT_ID : random.hex(32),
    ResourceType: resourceType,
    When: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
  };
};
