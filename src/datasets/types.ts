import type { DocumentBuilder } from '../ecs/document.js';
import type { GeoIpLookup } from '../ecs/geoip.js';
import type { UserAgentParser } from '../ecs/user-agent.js';

/** Our name of a Cloudflare Logpush dataset; the same string in config, URL path, table and data stream. */
export type DatasetName =
  | 'access_request' | 'audit' | 'casb' | 'device_posture' | 'dns' | 'dns_firewall' | 'firewall_event'
  | 'gateway_dns' | 'gateway_http' | 'gateway_network' | 'http_request' | 'magic_ids' | 'nel_report'
  | 'network_analytics' | 'network_session' | 'sinkhole_http' | 'spectrum_event' | 'workers_trace';

/** One decoded Logpush record: a JSON object as Cloudflare sent it. */
export type CloudflareRecord = Record<string, unknown>;

/**
 * An ECS document, flat: keys are dotted ECS field names (`source.ip`), values are JSON values.
 * Flat keeps mapping and columnar storage cheap; `toNested()` gives the usual nested JSON form.
 * The pipeline carries documents as a `FlatDocument`: anything that behaves as a Map. The mappings make
 * `DocumentFields` (src/ecs/document-fields.ts), which is cheaper to fill and to walk than a Map; tests
 * may pass plain Maps. `EcsDocument` is the same as a plain object, convenient in tests.
 */
export type FlatDocument = Map<string, unknown>;
export type EcsDocument = Record<string, unknown>;

/** ECS field types we emit (Elasticsearch mapping types); `[]` marks a field that holds an array. */
export type EcsBaseType =
  | 'keyword' | 'constant_keyword' | 'wildcard' | 'match_only_text' | 'text'
  | 'long' | 'double' | 'float' | 'boolean' | 'date' | 'ip' | 'geo_point' | 'flattened' | 'object';
export type EcsFieldType = EcsBaseType | `${EcsBaseType}[]`;

/** Every field a mapping may emit, by dotted name. */
export type FieldList = Readonly<Record<string, EcsFieldType>>;

/** What a mapping needs besides the record. Everything here is supplied by the caller, never read globally. */
export interface MapContext {
  /** Configured tags (after the option tags), e.g. `["forwarded", "cloudflare_logpush-dns"]`. */
  readonly tags: readonly string[];
  /** Keep the raw line in `event.original` (and add the tag). */
  readonly preserveOriginalEvent: boolean;
  /** Keep the `cloudflare_logpush.<dataset>.*` copies of values also written to ECS fields (and add the tag). */
  readonly preserveDuplicateCustomFields: boolean;
  /** GeoIP/ASN lookups; absent when no database is configured. */
  readonly geoip?: GeoIpLookup;
  /** Cached user-agent parser (uap-core rules). */
  readonly userAgent: UserAgentParser;
}

/** A conversion rule for one Cloudflare key; built with the helpers in `ecs/rules.ts`. */
export interface FieldRule {
  /** Writes the converted value of `value` (the record's value for this key) into the document. */
  apply(value: unknown, doc: DocumentBuilder, record: CloudflareRecord, ctx: MapContext): void;
}

/** The mapping of one dataset: a table of source keys plus the derived fields. */
export interface DatasetMapping {
  /** Every field `map` may emit (besides unknown keys kept under the namespace). */
  readonly fields: FieldList;
  /** Constant fields (`event.category`…), written first. */
  readonly constants: Readonly<Record<string, unknown>>;
  /** Source key → rule. Keys not listed here are kept under the namespace (unknown-field safety). */
  readonly rules: Readonly<Record<string, FieldRule>>;
  /** Derived fields (related.*, url.*, geo…), run after the rules, with the record at hand. */
  derive?(record: CloudflareRecord, doc: DocumentBuilder, ctx: MapContext): void;
  /** Also prune the string "N/A" from object members (some datasets' pipelines do). */
  readonly pruneNotAvailable?: boolean;
  /**
   * Where the reference also writes the collection time when the record's own time is unusable: the
   * record key of the time, the namespace field of its copy (a duplicate custom field, so only written
   * when those are kept), and whether a missing time counts too or only one that failed to parse.
   */
  readonly collectionTimeCopy?: { readonly key: string; readonly field: string; readonly whenAbsent: boolean };
}

/** Static facts about a dataset, plus its mapping once implemented. */
export interface Dataset {
  readonly name: DatasetName;
  /** Cloudflare's dataset id, as chosen when creating a Logpush job (`http_requests`). */
  readonly cloudflareId: string;
  readonly scope: 'zone' | 'account';
  /** Default object-key prefix in S3/GCS/R2 buckets (without the trailing slash). */
  readonly defaultPrefix: string;
  /** Elastic's default configured tags for this data stream. */
  readonly defaultTags: readonly string[];
  /** The mapping; undefined for datasets whose mapping is not implemented yet. */
  readonly mapping?: DatasetMapping;
}
