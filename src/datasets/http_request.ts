// Cloudflare Logpush dataset `http_requests` (zone scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/zone/http_requests/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const http_request: Dataset = {
  name: 'http_request',
  cloudflareId: 'http_requests',
  scope: 'zone',
  defaultPrefix: 'http_request',
  defaultTags: ['forwarded', 'cloudflare_logpush-http_request'],
};
