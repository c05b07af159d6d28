// Cloudflare Logpush dataset `gateway_http` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/gateway_http/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const gateway_http: Dataset = {
  name: 'gateway_http',
  cloudflareId: 'gateway_http',
  scope: 'account',
  defaultPrefix: 'gateway_http',
  defaultTags: ['forwarded', 'cloudflare_logpush-gateway_http'],
};
