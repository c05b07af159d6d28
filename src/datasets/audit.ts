// Cloudflare Logpush dataset `audit_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/audit_logs/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const audit: Dataset = {
  name: 'audit',
  cloudflareId: 'audit_logs',
  scope: 'account',
  defaultPrefix: 'audit_logs',
  defaultTags: ['forwarded', 'cloudflare_logpush-audit'],
};
