import { isIP } from 'node:net';

/**
 * What the loopback Elasticsearch/OpenSearch server checks, as the real clusters do: the shape of
 * templates and lifecycle policies (unknown keys, mapping types and parameters per distribution and
 * version, missing component templates, settings a distribution does not know), and the documents
 * against the mappings of the template that governs their data stream. Errors carry the clusters' error
 * types and messages.
 */
export type Flavor = 'elasticsearch' | 'opensearch';
export class ClusterError extends Error {
  constructor(readonly status: number, readonly type: string, reason: string) {
    super(reason);
  }
}

const bad = (reason: string, type = 'mapper_parsing_exception') => new ClusterError(400, type, reason);
const at = (version: string, major: number, minor: number) => {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
};

/** Mapping types and their parameters, per distribution (OpenSearch by version). */
function mappingTypes(flavor: Flavor, version: string): Record<string, string[]> {
  const numeric = ['ignore_malformed', 'coerce', 'null_value', 'index', 'doc_values', 'store', 'meta'];
  const types: Record<string, string[]> = {
    keyword: ['ignore_above', 'index', 'doc_values', 'fields', 'null_value', 'normalizer', 'store', 'meta'],
    text: ['fields', 'analyzer', 'norms', 'index_options', 'index', 'store', 'meta'],
    long: numeric, integer: numeric, short: numeric, byte: numeric, double: numeric, float: numeric,
    boolean: ['index', 'doc_values', 'null_value', 'store', 'meta'],
    date: ['format', 'ignore_malformed', 'index', 'doc_values', 'null_value', 'store', 'meta'],
    ip: ['ignore_malformed', 'index', 'doc_values', 'null_value', 'store', 'meta'],
    geo_point: ['ignore_malformed', 'ignore_z_value', 'null_value', 'index', 'doc_values', 'meta'],
  };
  if (flavor === 'elasticsearch') {
    Object.assign(types, {
      constant_keyword: ['value', 'meta'],
      wildcard: ['ignore_above', 'null_value', 'fields', 'meta'],
      match_only_text: ['fields', 'meta'],
      flattened: ['ignore_above', 'depth_limit', 'doc_values', 'index', 'null_value', 'meta'],
    });
  } else {
    if (at(version, 2, 7)) types.flat_object = [];
    if (at(version, 2, 12)) types.match_only_text = ['fields', 'meta'];
    if (at(version, 2, 14)) types.constant_keyword = ['value'];
    if (at(version, 2, 15)) types.wildcard = ['ignore_above', 'null_value'];
  }
  return types;
}

function checkKeys(what: string, value: unknown, allowed: readonly string[], type = 'x_content_parse_exception'): Record<string, any> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`${what} must be an object`, type);
  for (const key of Object.keys(value)) if (!allowed.includes(key)) throw bad(`[${what}] unknown field [${key}]`, type);
  return value as Record<string, any>;
}

export function checkMappings(flavor: Flavor, version: string, mappings: unknown): void {
  const m = checkKeys('mappings', mappings, ['properties', 'dynamic_templates', 'date_detection', 'numeric_detection', 'dynamic', '_source', '_meta'], 'mapper_parsing_exception');
  const types = mappingTypes(flavor, version);
  for (const entry of m.dynamic_templates ?? []) {
    const [name, body] = Object.entries(entry as object)[0] as [string, any];
    checkKeys(`dynamic template ${name}`, body, ['match_mapping_type', 'path_match', 'path_unmatch', 'match', 'unmatch', 'mapping']);
    if (!['string', 'long', 'double', 'boolean', 'object', 'date', 'binary', '*'].includes(body.match_mapping_type ?? '*')) {
      throw bad(`No field type matched on [${body.match_mapping_type}]`);
    }
    checkField(types, `dynamic template ${name}`, body.mapping);
  }
  checkProperties(types, '', m.properties ?? {});
}

function checkProperties(types: Record<string, string[]>, prefix: string, properties: Record<string, any>): void {
  for (const [name, def] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    if (def.properties !== undefined || def.type === 'object' || def.type === undefined) {
      checkKeys(path, def, ['properties', 'type', 'enabled', 'dynamic'], 'mapper_parsing_exception');
      checkProperties(types, `${path}.`, def.properties ?? {});
    } else checkField(types, path, def);
  }
}

function checkField(types: Record<string, string[]>, path: string, def: Record<string, any>): void {
  const params = types[def.type];
  if (params === undefined) throw bad(`No handler for type [${def.type}] declared on field [${path}]`);
  for (const key of Object.keys(def)) {
    if (key !== 'type' && !params.includes(key)) throw bad(`unknown parameter [${key}] on mapper [${path}] of type [${def.type}]`);
  }
  for (const [sub, subDef] of Object.entries((def.fields ?? {}) as Record<string, any>)) checkField(types, `${path}.${sub}`, subDef);
}

/** Flattens settings to dotted keys and refuses the ones the distribution does not have. */
export function checkSettings(flavor: Flavor, settings: unknown): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else flat[`${prefix}${k}`] = v;
    }
  };
  walk((settings ?? {}) as Record<string, unknown>, '');
  const known = ['index.codec', 'index.mapping.total_fields.limit', 'index.mapping.ignore_malformed', 'index.number_of_shards', 'index.number_of_replicas', 'index.refresh_interval', 'index.default_pipeline', 'index.final_pipeline'];
  if (flavor === 'elasticsearch') known.push('index.lifecycle.name', 'index.lifecycle.rollover_alias');
  for (const key of Object.keys(flat)) {
    const full = key.startsWith('index.') ? key : `index.${key}`;
    if (!known.includes(full)) throw new ClusterError(400, 'illegal_argument_exception', `unknown setting [${full}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`);
  }
  return flat;
}

export function checkComponentTemplate(flavor: Flavor, version: string, body: unknown): void {
  const t = checkKeys('component_template', body, ['template', 'version', '_meta']);
  const template = checkKeys('template', t.template, ['settings', 'mappings', 'aliases']);
  checkSettings(flavor, template.settings);
  if (template.mappings !== undefined) checkMappings(flavor, version, template.mappings);
}

export function checkIndexTemplate(flavor: Flavor, body: unknown, components: ReadonlySet<string>): Record<string, any> {
  const t = checkKeys('index_template', body, ['index_patterns', 'composed_of', 'priority', 'version', '_meta', 'data_stream', 'template']);
  if (!Array.isArray(t.index_patterns) || t.index_patterns.length === 0 || !t.index_patterns.every((p: unknown) => typeof p === 'string')) {
    throw new ClusterError(400, 'action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
  }
  if (t.priority !== undefined && (!Number.isInteger(t.priority) || t.priority < 0)) throw bad('priority must be a non-negative integer', 'illegal_argument_exception');
  checkKeys('data_stream', t.data_stream ?? {}, flavor === 'elasticsearch' ? ['hidden', 'allow_custom_routing'] : ['timestamp_field']);
  const missing = (t.composed_of ?? []).filter((name: string) => !components.has(name));
  if (missing.length > 0) {
    throw new ClusterError(400, 'invalid_index_template_exception', `index template [x] specifies component templates ${JSON.stringify(missing)} that do not exist`);
  }
  return t;
}

export function checkIlmPolicy(body: unknown): void {
  const policy = checkKeys('policy', checkKeys('put_lifecycle_request', body, ['policy']).policy, ['phases', '_meta']);
  for (const [phase, def] of Object.entries(policy.phases as Record<string, any>)) {
    if (!['hot', 'warm', 'cold', 'frozen', 'delete'].includes(phase)) throw bad(`unknown phase [${phase}]`, 'illegal_argument_exception');
    const p = checkKeys(phase, def, ['min_age', 'actions']);
    for (const [action, params] of Object.entries(p.actions as Record<string, any>)) {
      const allowed: Record<string, string[]> = {
        rollover: ['max_age', 'max_docs', 'max_size', 'max_primary_shard_size', 'max_primary_shard_docs'],
        delete: ['delete_searchable_snapshot'], set_priority: ['priority'], forcemerge: ['max_num_segments'],
      };
      if (allowed[action] === undefined) throw bad(`unknown action [${action}]`, 'illegal_argument_exception');
      checkKeys(action, params, allowed[action]!);
    }
  }
}

export function checkIsmPolicy(version: string, body: unknown): void {
  const policy = checkKeys('policy', checkKeys('request', body, ['policy']).policy, ['description', 'default_state', 'states', 'ism_template', 'error_notification']);
  const names = new Set((policy.states as any[]).map((s) => s.name));
  if (!names.has(policy.default_state)) throw bad(`Default state [${policy.default_state}] does not exist`, 'illegal_argument_exception');
  const rollover = ['min_size', 'min_doc_count', 'min_index_age', 'copy_alias', ...(at(version, 2, 4) ? ['min_primary_shard_size'] : [])];
  for (const state of policy.states as any[]) {
    checkKeys(`state ${state.name}`, state, ['name', 'actions', 'transitions']);
    for (const action of state.actions) {
      if (action.rollover !== undefined) checkKeys('rollover', action.rollover, rollover);
      else if (action.delete === undefined) throw bad(`unsupported action ${Object.keys(action)}`);
    }
    for (const t of state.transitions) if (!names.has(t.state_name)) throw bad(`State [${t.state_name}] does not exist`, 'illegal_argument_exception');
  }
}

/** Field path → mapping type, from nested properties (object nodes have no entry). */
export function flattenProperties(properties: Record<string, any>, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [name, def] of Object.entries(properties)) {
    if (def.properties !== undefined) flattenProperties(def.properties, `${prefix}${name}.`, into);
    else into.set(`${prefix}${name}`, def.type ?? 'object');
  }
  return into;
}

const MALFORMED_TOLERANT = new Set(['long', 'double', 'float', 'date', 'ip', 'geo_point']);

/** Checks a document's values against a mapping; returns the cluster's error reason for the first bad field. */
export function checkDocument(types: Map<string, string>, ignoreMalformed: boolean, doc: Record<string, unknown>, id: string): string | undefined {
  const visit = (value: unknown, path: string): string | undefined => {
    const type = types.get(path);
    if (type === 'flattened' || type === 'flat_object' || type === 'geo_point' && isGeoPoint(value)) return undefined;
    if (Array.isArray(value)) {
      for (const v of value) {
        const error = visit(v, path);
        if (error !== undefined) return error;
      }
      return undefined;
    }
    if (value !== null && typeof value === 'object') {
      if (type !== undefined) return `failed to parse field [${path}] of type [${type}] in document with id '${id}'. Preview of field's value: '${JSON.stringify(value)}'`;
      for (const [k, v] of Object.entries(value)) {
        const error = visit(v, path === '' ? k : `${path}.${k}`);
        if (error !== undefined) return error;
      }
      return undefined;
    }
    if (type === undefined || value === null || valid(type, value) || (ignoreMalformed && MALFORMED_TOLERANT.has(type))) return undefined;
    return `failed to parse field [${path}] of type [${type}] in document with id '${id}'. Preview of field's value: '${String(value)}'`;
  };
  return visit(doc, '');
}

const isGeoPoint = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'lat' in v && 'lon' in v;

function valid(type: string, value: unknown): boolean {
  switch (type) {
    case 'long': return (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) && Number.isFinite(Number(value));
    case 'double': case 'float': return Number.isFinite(Number(value)) && value !== '';
    case 'boolean': return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'ip': return typeof value === 'string' && isIP(value) !== 0;
    case 'date': return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    case 'geo_point': return typeof value === 'string' && /^-?[\d.]+,\s*-?[\d.]+$/.test(value);
    default: return true;
  }
}
