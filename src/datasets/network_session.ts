// Cloudflare Logpush dataset `zero_trust_network_sessions` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/zero_trust_network_sessions/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const network_session: Dataset = {
  name: 'network_session',
  cloudflareId: 'zero_trust_network_sessions',
  scope: 'account',
  defaultPrefix: 'network_session',
  defaultTags: ['forwarded', 'cloudflare_logpush-network_session'],
};
