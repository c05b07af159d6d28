// Cloudflare Logpush dataset `casb_findings` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/casb_findings/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const casb: Dataset = {
  name: 'casb',
  cloudflareId: 'casb_findings',
  scope: 'account',
  defaultPrefix: 'casb',
  defaultTags: ['forwarded', 'cloudflare_logpush-casb'],
};
