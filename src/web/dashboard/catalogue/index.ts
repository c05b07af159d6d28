import type { DatasetName } from '../../../datasets/index.js';
import { accessPage, auditPage, casbPage, devicePosturePage, networkSessionsPage, sinkholePage } from './zero-trust-more.js';
import { gatewayDnsPage, gatewayHttpPage, gatewayNetworkPage, zeroTrustOverview } from './zero-trust-gateway.js';
import { magicIdsPage, networkAnalyticsPage, spectrumPage } from './network.js';
import { nelPage, workersPage } from './apps.js';
import { dnsFirewallPage, dnsPage } from './dns.js';
import { httpTraffic } from './http.js';
import { overview } from './overview.js';
import { securityEvents } from './security.js';
import type { Page } from './types.js';

export type { Condition, Measure, Page, Panel, Series, Unit } from './types.js';
export { DATASET_FIELD } from './types.js';

/** Every dashboard page, in navigation order. */
export const PAGES: readonly Page[] = [
  overview, httpTraffic, securityEvents, dnsPage, dnsFirewallPage,
  zeroTrustOverview, gatewayDnsPage, gatewayHttpPage, gatewayNetworkPage, accessPage, auditPage, casbPage, devicePosturePage, networkSessionsPage, sinkholePage,
  networkAnalyticsPage, magicIdsPage, spectrumPage, workersPage, nelPage,
];

export function findPage(id: string): Page | undefined {
  return PAGES.find((p) => p.id === id);
}

/** Every dataset a page reads. */
export function datasetsOfPage(page: Page): DatasetName[] {
  return [...new Set(page.panels.flatMap((p) => p.datasets))];
}

/** The page dedicated to each dataset (the first single-dataset page that reads it). */
export function pageOfDataset(): Record<string, string> {
  const result: Record<string, string> = {};
  for (const page of PAGES) {
    const datasets = datasetsOfPage(page);
    if (datasets.length === 1 && result[datasets[0]!] === undefined) result[datasets[0]!] = page.id;
  }
  return result;
}

/**
 * Default result columns of the search page per dataset: the columns of the dataset's "latest" panel
 * when it has one (the reference's saved searches), else its first few grouped fields.
 */
export function searchColumnsOf(dataset: DatasetName): string[] {
  const panels = PAGES.flatMap((p) => p.panels).filter((p) => p.datasets.length === 1 && p.datasets[0] === dataset);
  const recent = panels.find((p) => p.kind === 'recent');
  if (recent !== undefined && recent.kind === 'recent') return [...recent.columns];
  const fields = panels.flatMap((p) => (p.kind === 'terms' ? p.fields : []));
  return [...new Set(fields)].slice(0, 6);
}
