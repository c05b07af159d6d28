// Cloudflare Logpush dataset `nel_reports` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/nel_reports/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const nel_report: Dataset = {
  name: 'nel_report',
  cloudflareId: 'nel_reports',
  scope: 'zone',
  defaultPrefix: 'nel_report',
  defaultTags: ['forwarded', 'cloudflare_logpush-nel_report'],
};
