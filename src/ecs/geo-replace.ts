import { namespaced, type DocumentBuilder } from './document.js';
import { setAsFields, type GeoIpLookup } from './geoip.js';

/**
 * GeoIP for a side whose `<side>.geo` object may already hold fields set from the record (a country
 * code sent by Cloudflare). Elasticsearch's geoip processor replaces its target object, so when the city
 * database has an entry for the IP, every `<side>.geo.*` field already there is removed before the
 * lookup's fields are written; without an entry they stay. `<side>.as.*` is written as by `enrichGeo`.
 */
export function replaceGeo(doc: DocumentBuilder, side: string, ip: unknown, geoip: GeoIpLookup | undefined): void {
  if (geoip === undefined || typeof ip !== 'string' || ip === '') return;
  const geoPrefix = namespaced(side, 'geo');
  const geo = geoip.geo(ip);
  if (geo !== undefined) {
    const prefix = `${geoPrefix}.`;
    for (const field of [...doc.fields.keys()]) if (field.startsWith(prefix)) doc.fields.delete(field);
    for (const key in geo) doc.setUnder(geoPrefix, key, geo[key]);
  }
  setAsFields(doc, side, ip, geoip);
}
