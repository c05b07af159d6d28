import type { MapContext } from '../../src/datasets/index.js';
import { openGeoIp } from '../../src/ecs/geoip.js';
import { createUserAgentParser } from '../../src/ecs/user-agent.js';
import { GEOIP_ASN, GEOIP_CITY } from './shared.js';

let userAgent: ReturnType<typeof createUserAgentParser> | undefined;

/**
 * The context the reference expected files were produced with: both option tags on, no configured tags,
 * and MaxMind's GeoIP test databases.
 */
export function referenceContext(overrides: Partial<MapContext> = {}): MapContext {
  userAgent ??= createUserAgentParser();
  return {
    tags: [],
    preserveOriginalEvent: true,
    preserveDuplicateCustomFields: true,
    geoip: openGeoIp({ cityFile: GEOIP_CITY(), asnFile: GEOIP_ASN() }),
    userAgent,
    ...overrides,
  };
}
