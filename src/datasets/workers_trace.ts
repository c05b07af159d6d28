// Cloudflare Logpush dataset `workers_trace_events` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/workers_trace_events/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const workers_trace: Dataset = {
  name: 'workers_trace',
  cloudflareId: 'workers_trace_events',
  scope: 'account',
  defaultPrefix: 'workers_trace',
  defaultTags: ['forwarded', 'cloudflare_logpush-workers_trace'],
};
