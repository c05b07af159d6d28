// Cloudflare Logpush dataset `gateway_dns` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_dns/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const gateway_dns: Dataset = {
  name: 'gateway_dns',
  cloudflareId: 'gateway_dns',
  scope: 'account',
  defaultPrefix: 'gateway_dns',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_dns'],
};
