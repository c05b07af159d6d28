// Cloudflare Logpush dataset `access_requests` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/access_requests/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const access_request: Dataset = {
  name: 'access_request',
  cloudflareId: 'access_requests',
  scope: 'account',
  defaultPrefix: 'access_request',
  defaultTags: ['forwarded', 'cloudflare_logpush-access_request'],
};
