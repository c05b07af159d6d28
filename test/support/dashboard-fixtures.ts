import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappedDatasets } from '../../src/datasets/index.js';
import { startTestCollector, type TestCollector } from './collector.js';
import { GEOIP_ASN, GEOIP_CITY, sharedFixtureDir } from './shared.js';

/**
 * A collector configured like the reference context of the golden files (both option tags, no extra
 * tags, MaxMind's GeoIP test databases), loaded with the shared fixtures of every dataset through the
 * Logpush HTTP endpoint. It then holds exactly the golden documents (see dashboard-oracle.ts).
 */
export const FIXTURE_RANGE = { fromMs: Date.UTC(2000, 0, 1), toMs: Date.UTC(2030, 0, 1) };

export async function startFixtureCollector(options: { config?: Record<string, unknown>; load?: boolean } = {}): Promise<TestCollector> {
  const config: Record<string, unknown> = { 'geoip.city_file': GEOIP_CITY(), 'geoip.asn_file': GEOIP_ASN(), ...options.config };
  for (const d of mappedDatasets()) {
    config[`datasets.${d.name}`] = { tags: [], preserve_original_event: true, preserve_duplicate_custom_fields: true };
  }
  const collector = await startTestCollector({ config });
  if (options.load !== false) await loadFixtures(collector);
  return collector;
}

export async function loadFixtures(collector: TestCollector, headers: Record<string, string> = {}): Promise<number> {
  let files = 0;
  for (const dataset of mappedDatasets()) {
    const dir = sharedFixtureDir(dataset.name);
    for (const log of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
      const response = await collector.post(`/${dataset.cloudflareId}`, readFileSync(join(dir, log)), { headers });
      if (response.status !== 200) throw new Error(`loading ${dataset.name}/${log} answered ${response.status}: ${await response.text()}`);
      files++;
    }
  }
  return files;
}
