// Cloudflare Logpush dataset `spectrum_events` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/spectrum_events/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const spectrum_event: Dataset = {
  name: 'spectrum_event',
  cloudflareId: 'spectrum_events',
  scope: 'zone',
  defaultPrefix: 'spectrum_event',
  defaultTags: ['forwarded', 'cloudflare_logpush-spectrum_event'],
};
