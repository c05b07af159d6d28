import { readFileSync } from 'node:fs';
import { Reader, type AsnResponse, type CityResponse } from 'maxmind';
import { namespaced, type DocumentBuilder } from './document.js';

/**
 * GeoIP/ASN enrichment from MaxMind-format databases, producing what Elasticsearch's geoip processor
 * produces with its default properties (and the integration's `as.*` renames).
 */
export interface GeoIpLookup {
  /** `*.geo.*` fields for an IP, flat and relative (`city_name`, `location`…), or undefined. */
  geo(ip: string): Readonly<Record<string, unknown>> | undefined;
  /** `*.as.*` fields for an IP (`number`, `organization.name`), or undefined. */
  as(ip: string): Readonly<Record<string, unknown>> | undefined;
}

export interface GeoIpFiles {
  readonly cityFile?: string;
  readonly asnFile?: string;
}

/** Opens the configured databases (synchronously, at start-up); undefined when none is configured. */
export function openGeoIp(files: GeoIpFiles): GeoIpLookup | undefined {
  if (files.cityFile === undefined && files.asnFile === undefined) return undefined;
  const city = files.cityFile === undefined ? undefined : new Reader<CityResponse>(readFileSync(files.cityFile));
  const asn = files.asnFile === undefined ? undefined : new Reader<AsnResponse>(readFileSync(files.asnFile));
  return {
    geo: (ip) => (city === undefined ? undefined : cityFields(city.get(ip))),
    as: (ip) => (asn === undefined ? undefined : asnFields(asn.get(ip))),
  };
}

function cityFields(response: CityResponse | null): Record<string, unknown> | undefined {
  if (response === null) return undefined;
  const fields: Record<string, unknown> = {};
  const countryIso = response.country?.iso_code;
  if (response.continent?.names?.en !== undefined) fields.continent_name = response.continent.names.en;
  if (countryIso !== undefined) fields.country_iso_code = countryIso;
  if (response.country?.names?.en !== undefined) fields.country_name = response.country.names.en;
  // Elasticsearch uses the most specific subdivision, prefixed with the country code (`GB-ENG`).
  const subdivision = response.subdivisions?.[response.subdivisions.length - 1];
  if (subdivision?.iso_code !== undefined && countryIso !== undefined) fields.region_iso_code = `${countryIso}-${subdivision.iso_code}`;
  if (subdivision?.names?.en !== undefined) fields.region_name = subdivision.names.en;
  if (response.city?.names?.en !== undefined) fields.city_name = response.city.names.en;
  const location = response.location;
  if (location?.latitude !== undefined && location.longitude !== undefined) {
    fields.location = { lat: location.latitude, lon: location.longitude };
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function asnFields(response: AsnResponse | null): Record<string, unknown> | undefined {
  if (response === null) return undefined;
  const fields: Record<string, unknown> = {};
  if (response.autonomous_system_number !== undefined) fields.number = response.autonomous_system_number;
  if (response.autonomous_system_organization !== undefined) fields['organization.name'] = response.autonomous_system_organization;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/**
 * Writes `<side>.geo.*` and `<side>.as.*` for an IP when a database is configured and has an entry.
 * `side` is the ECS field set: `source`, `destination`, `client`, `server`.
 */
export function enrichGeo(doc: DocumentBuilder, side: string, ip: unknown, geoip: GeoIpLookup | undefined): void {
  if (geoip === undefined || typeof ip !== 'string' || ip === '') return;
  const geo = geoip.geo(ip);
  // Names and slots from the cache: a name built per record would be hashed again on every lookup.
  if (geo !== undefined) {
    const prefix = namespaced(side, 'geo');
    for (const key in geo) doc.setUnder(prefix, key, geo[key]);
  }
  setAsFields(doc, side, ip, geoip);
}

/** Writes `<side>.as.*` for an IP the ASN database has an entry for (`enrichGeo` and `replaceGeo` alike). */
export function setAsFields(doc: DocumentBuilder, side: string, ip: string, geoip: GeoIpLookup): void {
  const as = geoip.as(ip);
  if (as !== undefined) {
    const prefix = namespaced(side, 'as');
    for (const key in as) doc.setUnder(prefix, key, as[key]);
  }
}

/** Field list entries for `<side>.geo.*` and `<side>.as.*` (for a dataset's `fields`). */
export function geoFields(side: string) {
  return {
    [`${side}.geo.city_name`]: 'keyword',
    [`${side}.geo.continent_name`]: 'keyword',
    [`${side}.geo.country_iso_code`]: 'keyword',
    [`${side}.geo.country_name`]: 'keyword',
    [`${side}.geo.region_iso_code`]: 'keyword',
    [`${side}.geo.region_name`]: 'keyword',
    [`${side}.geo.location`]: 'geo_point',
    [`${side}.as.number`]: 'long',
    [`${side}.as.organization.name`]: 'keyword',
  } as const;
}
