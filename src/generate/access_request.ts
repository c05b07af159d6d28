import type { RecordGenerator } from './types.js';
import { COUNTRIES, EMAILS } from './random.js';

/** Access applications: [domain (with a path for path-scoped apps), app UUID]. */
const APPS = [
  ['wiki.example.com', '6f1c2a3e-8d4b-4e1a-9c7f-0a1b2c3d4e5f'],
  ['grafana.example.com', 'b7e3d2c1-5a4f-4b3e-8d2c-1f0e9d8c7b6a'],
  ['ssh.example.com', '0d9e8f7a-6b5c-4d3e-a2f1-9e8d7c6b5a4f'],
  ['example.cloudflareaccess.com/warp', '123e4567-e89b-12d3-a456-426614174000'],
  ['admin.example.com/console', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'],
] as const;

/** A stable Access user id per e-mail address, as Access keeps one per identity. */
const USER_UIDS = EMAILS.map((_, i) => `166befbb-00e3-5e20-bd6e-27245333940${i}`);

/** Identity providers as Access names them in `Connection`. */
const CONNECTIONS = [['onetimepin', 3], ['google', 4], ['azureAD', 4], ['okta', 3], ['github', 1], ['saml', 1]] as const;

/** One Access login or logout; some apps ask for a purpose justification or a temporary-access approval. */
export const generateAccessRequest: RecordGenerator = (random, timeMs) => {
  const [domain, appUuid] = random.pick(APPS);
  const user = random.int(0, EMAILS.length - 1);
  const action = random.weighted([['login', 9], ['logout', 1]] as const);
  const justified = action === 'login' && random.chance(0.15);
  const temporary = justified && random.chance(0.5);
  return {
    Action: action,
    Allowed: action === 'logout' || random.chance(0.9),
    AppDomain: domain,
    AppUUID: appUuid,
    Connection: random.weighted(CONNECTIONS),
    Country: random.pick(COUNTRIES),
    CreatedAt: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
    Email: EMAILS[user],
    IPAddress: random.ip(),
    PurposeJustificationPrompt: justified ? 'Please provide your reason for accessing the application.' : '',
    PurposeJustificationResponse: justified ? random.pick(['Investigating an incident.', 'Monthly report.', 'On-call fix.']) : '',
    RayID: random.hex(16),
    TemporaryAccessApprovers: temporary ? [random.pick(EMAILS)] : [],
    TemporaryAccessDuration: temporary ? random.pick([900, 3600, 7200, 28800]) : 0,
    UserUID: USER_UIDS[user],
  };
};
