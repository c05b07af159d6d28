// Cloudflare Logpush dataset `firewall_events` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/firewall_events/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const firewall_event: Dataset = {
  name: 'firewall_event',
  cloudflareId: 'firewall_events',
  scope: 'zone',
  defaultPrefix: 'firewall_event',
  defaultTags: ['forwarded', 'cloudflare_logpush-firewall_event'],
};
