// Cloudflare Logpush dataset `gateway_network` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_network/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const gateway_network: Dataset = {
  name: 'gateway_network',
  cloudflareId: 'gateway_network',
  scope: 'account',
  defaultPrefix: 'gateway_network',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_network'],
};
