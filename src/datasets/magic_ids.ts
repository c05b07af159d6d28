// Cloudflare Logpush dataset `magic_ids_detections` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/magic_ids_detections/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const magic_ids: Dataset = {
  name: 'magic_ids',
  cloudflareId: 'magic_ids_detections',
  scope: 'account',
  defaultPrefix: 'magic_ids',
  defaultTags: ['forwarded', 'cloudflare_logpush-magic_ids'],
};
