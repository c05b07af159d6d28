import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `../shared` beside the checkout holds the reference fixtures and MaxMind's GeoIP test databases.
 * They come from other public projects under their own licences, so they are read in place, never copied.
 */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.LOGPUSH_SHARED_DIR ?? resolve(PROJECT_ROOT, '../shared');

/** Throws a clear message when `../shared` is absent (a clone outside the workspace). */
export function requireShared(): string {
  if (!existsSync(join(SHARED_DIR, 'fixtures'))) {
    throw new Error(
      `The reference fixtures are not at ${SHARED_DIR}. These tests read ../shared (fixtures and GeoIP test ` +
        'databases) beside the checkout; set LOGPUSH_SHARED_DIR to its location.',
    );
  }
  return SHARED_DIR;
}

export const sharedFixtureDir = (dataset: string) => join(requireShared(), 'fixtures', dataset);
export const GEOIP_CITY = () => join(requireShared(), 'geoip', 'GeoLite2-City-Test.mmdb');
export const GEOIP_ASN = () => join(requireShared(), 'geoip', 'GeoLite2-ASN-Test.mmdb');
