import { createHash } from 'node:crypto';
import type { DatasetName, EcsFieldType, FieldList, MappedDataset } from '../../datasets/index.js';
import type { ClusterFlavor } from './client.js';

/**
 * Index templates generated from each dataset's field list, so that every field a mapping can emit is
 * mapped with its ECS type, on Elasticsearch 8/9 and on OpenSearch 2:
 *
 * - `logpush-collector@settings`: shared settings (lifecycle, codec, field limit) and the fields every
 *   data stream has (`@timestamp`, `data_stream.*`, `event.dataset`…), plus dynamic templates that map
 *   unknown Cloudflare keys (kept under `cloudflare_logpush.<dataset>.*`) as keywords;
 * - `logpush-collector.<dataset>@mappings`: the dataset's fields;
 * - `logpush-collector.<dataset>`: the index template for `logs-cloudflare_logpush.<dataset>-*`.
 *
 * Priority 150 sits above Elasticsearch's built-in `logs` template (100, `logs-*-*`) and below the
 * reference integration's templates (200): where Elastic's integration is installed its template governs
 * new backing indices and ours stays a harmless fallback, so both can be installed without a conflict.
 */
export const TEMPLATE_PRIORITY = 150;
export const SETTINGS_COMPONENT = 'logpush-collector@settings';
export const LIFECYCLE_POLICY = 'logpush-collector';
export const mappingsComponentName = (dataset: DatasetName) => `logpush-collector.${dataset}@mappings`;
export const indexTemplateName = (dataset: DatasetName) => `logpush-collector.${dataset}`;
export const indexPattern = (dataset: DatasetName) => `logs-cloudflare_logpush.${dataset}-*`;

type Mapping = Record<string, unknown>;

/**
 * Fields for which ECS adds something to the plain type: a `.text` multi-field for full-text search,
 * or `event.original`, which ECS stores without indexing it.
 */
const TEXT_MULTI_FIELD = new Set([
  'client.as.organization.name', 'destination.as.organization.name', 'source.as.organization.name', 'server.as.organization.name',
  'http.request.body.content', 'http.response.body.content', 'url.full', 'url.original', 'user.name', 'user.full_name',
  'user_agent.original', 'user_agent.os.full', 'user_agent.os.name', 'host.os.full', 'host.os.name',
]);
const NOT_INDEXED = new Set(['event.original']);

/**
 * The mapping of one ECS type. OpenSearch 2 lacks some Elasticsearch types (before 2.12/2.14/2.15), so
 * they fall back to the closest type every 2.x release has: `wildcard` → `keyword` (with the longest
 * `ignore_above` Lucene allows), `match_only_text` → `text`, `constant_keyword` → `keyword`, and
 * `flattened` (and `object`) → `flat_object` (2.7+).
 */
export function typeMapping(type: EcsFieldType, flavor: ClusterFlavor): Mapping {
  const base = type.replace(/\[\]$/, '');
  const os = flavor === 'opensearch';
  switch (base) {
    case 'keyword':
      return { type: 'keyword', ignore_above: 1024 };
    case 'constant_keyword':
      return os ? { type: 'keyword', ignore_above: 1024 } : { type: 'constant_keyword' };
    case 'wildcard':
      return os ? { type: 'keyword', ignore_above: 8191 } : { type: 'wildcard' };
    case 'match_only_text':
      return { type: os ? 'text' : 'match_only_text' };
    // ECS says `object` for values whose shape Cloudflare does not fix (e.g. DNS answers): `flattened`
    // keeps every leaf searchable as a keyword and can never cause a mapping conflict or explosion.
    case 'object':
    case 'flattened':
      return { type: os ? 'flat_object' : 'flattened' };
    case 'text': case 'long': case 'double': case 'float': case 'boolean': case 'date': case 'ip': case 'geo_point':
      return { type: base };
    default:
      throw new Error(`no Elasticsearch mapping for the field type "${type}"`);
  }
}

export function fieldMapping(field: string, type: EcsFieldType, flavor: ClusterFlavor): Mapping {
  const mapping = typeMapping(type, flavor);
  if (NOT_INDEXED.has(field) && mapping.type === 'keyword') return { type: 'keyword', index: false, doc_values: false };
  if (TEXT_MULTI_FIELD.has(field)) mapping.fields = { text: { type: flavor === 'opensearch' ? 'text' : 'match_only_text' } };
  return mapping;
}

/** Nested `properties` from dotted field names; a field that is both a leaf and a parent is an error. */
export function propertiesOf(fields: FieldList, flavor: ClusterFlavor): Mapping {
  const root: Mapping = {};
  for (const field of Object.keys(fields).sort()) {
    const parts = field.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const child = (node[part] ??= { properties: {} }) as Mapping;
      if (child.properties === undefined) throw new Error(`${field}: its parent ${part} is mapped as a ${String(child.type)}`);
      node = child.properties as Mapping;
    }
    const leaf = parts[parts.length - 1]!;
    if (node[leaf] !== undefined) throw new Error(`${field} is both a field and an object`);
    node[leaf] = fieldMapping(field, fields[field]!, flavor);
  }
  return root;
}

/** Fields every data stream has, whatever the dataset (what Elastic Agent and ECS add). */
export const COMMON_FIELDS: FieldList = {
  '@timestamp': 'date',
  'data_stream.type': 'constant_keyword',
  'data_stream.dataset': 'constant_keyword',
  'data_stream.namespace': 'constant_keyword',
  'event.dataset': 'constant_keyword',
  'event.module': 'constant_keyword',
  'ecs.version': 'keyword',
  // Only `raw` mode sends it (the original line, before the cluster's pipeline parses it).
  message: 'match_only_text',
};

/** Unknown Cloudflare keys become keywords whatever their JSON type, so that type drift never fails a document. */
function dynamicTemplates(): Mapping[] {
  return ['string', 'long', 'double', 'boolean'].map((json) => ({
    [`cloudflare_logpush_unknown_${json}`]: { path_match: 'cloudflare_logpush.*', match_mapping_type: json, mapping: { type: 'keyword', ignore_above: 1024 } },
  }));
}

/** Adds `_meta` with a hash of the body, so that setup can tell an unchanged asset from an outdated one. */
export function withMeta<T extends Mapping>(body: T, description: string): T & { _meta: Mapping } {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { ...body, _meta: { managed_by: 'logpush-collector', description, hash } };
}

export function settingsComponent(flavor: ClusterFlavor): Mapping {
  const index: Mapping = {
    codec: 'best_compression',
    // Mirrors Elastic's logs@settings: a value of the wrong type is skipped (listed in `_ignored`)
    // instead of failing the whole document.
    mapping: { total_fields: { limit: 10000 }, ignore_malformed: true },
  };
  // ILM is attached by setting; OpenSearch's ISM attaches itself through the policy's ism_template.
  if (flavor === 'elasticsearch') index.lifecycle = { name: LIFECYCLE_POLICY };
  return withMeta(
    {
      template: {
        settings: { index },
        mappings: { dynamic_templates: dynamicTemplates(), date_detection: false, properties: propertiesOf(COMMON_FIELDS, flavor) },
      },
    },
    'Settings and common fields of the Cloudflare Logpush data streams written by logpush-collector',
  );
}

export function mappingsComponent(dataset: MappedDataset, flavor: ClusterFlavor): Mapping {
  return withMeta(
    { template: { mappings: { properties: propertiesOf(dataset.mapping.fields, flavor) } } },
    `Fields of cloudflare_logpush.${dataset.name}, generated from its field list`,
  );
}

export function indexTemplate(dataset: DatasetName): Mapping {
  return withMeta(
    {
      index_patterns: [indexPattern(dataset)],
      composed_of: [SETTINGS_COMPONENT, mappingsComponentName(dataset)],
      priority: TEMPLATE_PRIORITY,
      data_stream: {},
    },
    `Data streams of cloudflare_logpush.${dataset} written by logpush-collector`,
  );
}
