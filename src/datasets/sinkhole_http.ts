// Cloudflare Logpush dataset `sinkhole_http_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/sinkhole_http_logs/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const sinkhole_http: Dataset = {
  name: 'sinkhole_http',
  cloudflareId: 'sinkhole_http_logs',
  scope: 'account',
  defaultPrefix: 'sinkhole_http',
  defaultTags: ['forwarded', 'cloudflare_logpush-sinkhole_http'],
};
