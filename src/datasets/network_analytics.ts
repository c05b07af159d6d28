// Cloudflare Logpush dataset `network_analytics_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/network_analytics_logs/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const network_analytics: Dataset = {
  name: 'network_analytics',
  cloudflareId: 'network_analytics_logs',
  scope: 'account',
  defaultPrefix: 'network_analytics_logs',
  defaultTags: ['forwarded', 'cloudflare_logpush-network_analytics'],
};
