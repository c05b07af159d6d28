// Cloudflare Logpush dataset `dns_firewall_logs` (account scope).
// Field reference: https://developers.cloudflare.com/logs/reference/log-fields/account/dns_firewall_logs/
import type { Dataset } from './types.js';

/** Mapping not implemented yet: the registry refuses this dataset with a clear error. */
export const dns_firewall: Dataset = {
  name: 'dns_firewall',
  cloudflareId: 'dns_firewall_logs',
  scope: 'account',
  defaultPrefix: 'dns_firewall',
  defaultTags: ['forwarded', 'cloudflare_logpush-dns_firewall'],
};
