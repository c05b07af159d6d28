// Cloudflare Logpush dataset `device_posture_results` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/device_posture_results/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const device_posture: Dataset = {
  name: 'device_posture',
  cloudflareId: 'device_posture_results',
  scope: 'account',
  defaultPrefix: 'device_posture',
  defaultTags: ['forwarded', 'cloudflare_logpush-device_posture'],
};
