import { DocumentBuilder, fieldUnder, namespaced, pruneFields, pruneValue, type FieldName } from '../ecs/document.js';
import { INVALID, isBlank } from '../ecs/convert.js';
import { markConstant } from '../ecs/document-json.js';
import { slotOf } from '../ecs/document-fields.js';
import { hasUnsafeNumber, parseJsonLine } from '../ecs/json.js';
import type { ConvertingRule, MoveRule, Targets } from '../ecs/rules.js';
import type { CloudflareRecord, Dataset, DatasetMapping, EcsDocument, FieldList, FieldRule, FlatDocument, MapContext } from './types.js';

/** The one ECS version the whole product emits (the version whose fields the specs describe). */
export const ECS_VERSION = '8.11.0';
markConstant(ECS_VERSION);
const ECS_VERSION_SLOT = slotOf('ecs.version');
const TAGS_SLOT = slotOf('tags');

/**
 * The fields the engine writes for every dataset (`@timestamp` also by the pipeline, as collection time):
 * each dataset's field list starts with these.
 */
export const ENGINE_FIELDS = {
  '@timestamp': 'date',
  'ecs.version': 'keyword',
  'event.kind': 'keyword',
  'event.original': 'keyword',
  'error.message': 'match_only_text[]',
  tags: 'keyword[]',
} as const satisfies FieldList;

const PRESERVE_ORIGINAL = 'preserve_original_event';
const PRESERVE_DUPLICATES = 'preserve_duplicate_custom_fields';

/** `mapLineFlat` as a plain object (tests and one-off callers; the pipeline keeps the Map). */
export function mapLine(dataset: Dataset & { mapping: DatasetMapping }, line: string, ctx: MapContext): EcsDocument {
  return Object.fromEntries(mapLineFlat(dataset, line, ctx));
}

/**
 * Maps one raw NDJSON line of a dataset to its ECS document. Never throws for bad input: a line that is
 * not a JSON object still yields a document (`event.kind: pipeline_error`, `error.message`), as the
 * reference pipelines do.
 */
export function mapLineFlat(dataset: Dataset & { mapping: DatasetMapping }, line: string, ctx: MapContext): FlatDocument {
  let record: unknown;
  try {
    // Not parseJsonLine: mapRecord looks for numbers beyond 2^53 itself, on its way through the values.
    record = JSON.parse(line);
  } catch (error) {
    return failedLineDocument(line, `not valid JSON: ${(error as Error).message}`, ctx);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return failedLineDocument(line, 'not a JSON object', ctx);
  }
  return mapRecord(dataset, record as CloudflareRecord, line, ctx);
}

/**
 * Maps a record parsed from the line `original` (kept in `event.original` when asked or on error).
 *
 * The record may come from plain JSON.parse, which reads a number beyond 2^53 (a Unix-nanosecond
 * timestamp) as an inexact double: the rule loop notices one on its way through the values, and the line
 * is then read again by parseJsonLine, which keeps such numbers as digit strings. Checking while mapping
 * spares every other record a separate walk over its values (1–2 % of a transform).
 */
export function mapRecord(
  dataset: Dataset & { mapping: DatasetMapping },
  record: CloudflareRecord,
  original: string,
  ctx: MapContext,
): FlatDocument {
  return mapExact(dataset, record, original, ctx) ?? mapExact(dataset, parseJsonLine(original) as CloudflareRecord, original, ctx, true)!;
}

/** `mapRecord`, or undefined when the record holds a number beyond 2^53 (unless it is `exact` already). */
function mapExact(
  dataset: Dataset & { mapping: DatasetMapping },
  record: CloudflareRecord,
  original: string,
  ctx: MapContext,
  exact = false,
): FlatDocument | undefined {
  const { mapping } = dataset;
  const { namespace, constants, rules, applyRules } = compiled(dataset);
  const doc = new DocumentBuilder(namespace, ctx.preserveDuplicateCustomFields);
  doc.setCleanAt(ECS_VERSION_SLOT, 'ecs.version', ECS_VERSION);
  for (let i = 0; i < constants.length; i += 3) doc.setCleanAt(constants[i] as number, constants[i + 1] as string, constants[i + 2]);

  const applied = applyRules(record, doc, ctx);
  if (applied < 0 && !exact) return undefined;
  mapping.derive?.(record, doc, ctx);
  // Keys the table does not know, if any: counting the record's keys is enough to tell.
  let keys = 0;
  for (const _ in record) keys++;
  if (keys !== applied && keepUnknownKeys(doc, record, rules) && !exact) return undefined;
  return finishDocument(doc, original, ctx, mapping.pruneNotAvailable === true);
}

/** A mapping's tables in the shapes the per-record loop reads fastest, made once per dataset. */
interface CompiledMapping {
  readonly namespace: string;
  /** Slot, field, value, slot, field, value…: a flat array, not an object walked with for…in. */
  readonly constants: readonly unknown[];
  readonly rules: ReadonlyMap<string, FieldRule>;
  /**
   * Applies the rule of every key the record has; returns how many it applied, or -1 when one of their
   * values holds a number beyond 2^53. See `compileRules`.
   */
  readonly applyRules: (record: CloudflareRecord, doc: DocumentBuilder, ctx: MapContext) => number;
}

type RuleLoop = CompiledMapping['applyRules'];

/**
 * The rule table as straight-line code, made once per dataset:
 *
 *     v = record["ClientIP"]; if (v !== undefined) { n++; r0.apply(v, doc, record, ctx); }
 *     v = record["ClientRequestHost"]; …
 *
 * Why: records of a job share their keys and key order, so each `record["…"]` is a load from a known
 * place, and each call site sees one rule only, which V8 can inline. The table walked per record (for…in
 * over the record, a Map lookup per key, one call site for every rule) cost 3–7 % more of the whole
 * mapping, parse included (measured on seven datasets). A converting rule (`long`, `ip`, `date`…) is
 * called in its parts for a scalar value, so that its converter is called from a site of its own too
 * (dns, dns_firewall and access_request another 3–5 %); arrays and null go through its `apply`. The
 * fields a converted value goes to, and those of a `move` rule, are written by the code itself
 * (`doc.setAt(slot, f3, c)`), not through the rule's write helper: the optimiser had run out of its
 * inlining budget halfway through the table, leaving a call or two per key (full transform, both orders:
 * http_request 4 %, dns_firewall 2 %, sinkhole_http 1 % faster). Rules run in table order, not in the
 * record's key order. Keys come from our own tables and enter the code as JSON string literals; one that
 * an object inherits (`constructor`, `toString`) is read only as an own property.
 */
function compileRules(rules: ReadonlyMap<string, FieldRule>, namespace: string): RuleLoop {
  try {
    return generatedRuleLoop(rules, namespace);
  } catch (error) {
    // Node run with --disallow-code-generation-from-strings (a hardening some deployments use).
    if (error instanceof EvalError) return walkedRuleLoop(rules);
    throw error;
  }
}

function generatedRuleLoop(rules: ReadonlyMap<string, FieldRule>, namespace: string): RuleLoop {
  const keys = [...rules.keys()];
  // Field names the code writes, passed in as `f0`, `f1`…: the very strings the rest of the mapping uses
  // (a name literal in the code would be another string, compared by content, not identity).
  const fields: FieldName[] = [];
  const writes = (targets: Targets, value: string) => {
    const field = (name: FieldName) => `f${fields.push(name) - 1}`;
    const lines = targets.ecs.map((name) => `doc.setAt(${name.slot}, ${field(name)}, ${value});`);
    if (targets.ns !== null) {
      const name = fieldUnder(namespace, targets.ns);
      lines.push(`${targets.dup ? 'if (keepDuplicates) ' : ''}doc.setAt(${name.slot}, ${field(name)}, ${value});`);
    }
    return lines.join(' ');
  };
  const steps = keys.map((key, i) => {
    const literal = JSON.stringify(key);
    const read = key in Object.prototype ? `(Object.hasOwn(record, ${literal}) ? record[${literal}] : undefined)` : `record[${literal}]`;
    const rule = rules.get(key)!;
    // Must do what the rule's own `apply` does (see `move` and `converting` in ecs/rules.ts).
    const apply = isConverting(rule)
      ? `if (typeof v === 'object') r${i}.apply(v, doc, record, ctx); else { c = r${i}.convert(v); if (c === INVALID) r${i}.fail(v, doc); else if (c !== undefined) { ${writes(rule.targets, 'c')} } }`
      : isMove(rule)
        ? `if (v !== null && v !== '') { ${writes(rule.moves, 'v')} }`
        : `r${i}.apply(v, doc, record, ctx);`;
    return `v = ${read}; if (v !== undefined) { n++; if (${UNSAFE}) unsafe = true; ${apply} }`;
  });
  const source = `return function applyRules(record, doc, ctx) {\n  let v;\n  let c;\n  let n = 0;\n  let unsafe = false;\n  const keepDuplicates = doc.keepDuplicates;\n  ${steps.join('\n  ')}\n  return unsafe ? -1 : n;\n};`;
  const make = new Function('INVALID', 'hasUnsafeNumber', ...keys.map((_, i) => `r${i}`), ...fields.map((_, i) => `f${i}`), source) as (
    invalid: typeof INVALID,
    unsafe: typeof hasUnsafeNumber,
    ...rest: unknown[]
  ) => RuleLoop;
  return make(INVALID, hasUnsafeNumber, ...keys.map((key) => rules.get(key)!), ...fields.map((field) => field.name));
}

/**
 * A value that is, or holds, a number beyond ±(2^53 − 1): strings, the usual case, cost one test, and
 * numbers are compared here rather than through a call to hasUnsafeNumber (measured 1–3 % slower mapping
 * for network_analytics and http_request, whose records hold many numbers).
 */
const UNSAFE = `typeof v === 'number' ? v > ${Number.MAX_SAFE_INTEGER} || v < -${Number.MAX_SAFE_INTEGER} : typeof v === 'object' && v !== null && hasUnsafeNumber(v)`;

/**
 * The same loop without generated code, for where code generation from strings is disallowed: the record
 * walked with for…in and each rule found in a Map (slower, see compileRules; rules run in the record's key
 * order).
 */
function walkedRuleLoop(rules: ReadonlyMap<string, FieldRule>): RuleLoop {
  return (record, doc, ctx) => {
    let applied = 0;
    let unsafe = false;
    for (const key in record) {
      const rule = rules.get(key);
      const value = record[key];
      if (rule === undefined || value === undefined) continue;
      applied++;
      if (hasUnsafeNumber(value)) unsafe = true;
      rule.apply(value, doc, record, ctx);
    }
    return unsafe ? -1 : applied;
  };
}

function isConverting(rule: FieldRule): rule is ConvertingRule {
  return 'convert' in rule;
}

function isMove(rule: FieldRule): rule is MoveRule {
  return 'moves' in rule;
}

const COMPILED = new WeakMap<Dataset, CompiledMapping>();

/** The dataset last compiled and its tables: records come in runs of one dataset, and this spares a WeakMap lookup per record. */
let lastDataset: Dataset | undefined;
let lastCompiled: CompiledMapping | undefined;

function compiled(dataset: Dataset & { mapping: DatasetMapping }): CompiledMapping {
  if (dataset === lastDataset) return lastCompiled!;
  let result = COMPILED.get(dataset);
  if (result === undefined) {
    const { constants, rules } = dataset.mapping;
    const table = new Map(Object.entries(rules));
    for (const [field, value] of Object.entries(constants)) {
      // Constants skip pruning (see DocumentBuilder.setClean): they must hold nothing to prune.
      if (pruneValue(value, true) !== value) throw new Error(`${dataset.name}: constant ${field} holds an empty value`);
      markConstant(value);
    }
    const namespace = `cloudflare_logpush.${dataset.name}`;
    result = {
      namespace,
      constants: Object.entries(constants).flatMap(([field, value]) => [slotOf(field), field, value]),
      rules: table,
      applyRules: compileRules(table, namespace),
    };
    COMPILED.set(dataset, result);
  }
  lastDataset = dataset;
  lastCompiled = result;
  return result;
}

/**
 * Cloudflare adds fields over time. A key the mapping does not know is kept under the dataset namespace
 * in snake_case (`NewField` → `cloudflare_logpush.<dataset>.new_field`) so that nothing is lost. If that
 * name collides with a mapped field, the key goes under `…unmapped.<Key>` instead. Returns whether one
 * of their values holds a number beyond 2^53 (see `mapRecord`).
 */
function keepUnknownKeys(doc: DocumentBuilder, record: CloudflareRecord, rules: ReadonlyMap<string, FieldRule>): boolean {
  let unsafe = false;
  for (const key in record) {
    if (rules.has(key)) continue;
    const value = record[key];
    if (hasUnsafeNumber(value)) unsafe = true;
    if (isBlank(value)) continue;
    let field = `${doc.namespace}.${toSnakeCase(key)}`;
    if (collides(doc.fields, field)) field = `${doc.namespace}.unmapped.${key.replace(/\./g, '_')}`;
    doc.set(field, value);
  }
  return unsafe;
}

/** `ClientRequestHost` → `client_request_host`, `JA4Signals` → `ja4_signals`; never contains a dot. */
export function toSnakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}

/** True when `field` already exists, or is a parent or child of an existing field. */
function collides(fields: FlatDocument, field: string): boolean {
  if (fields.has(field)) return true;
  for (const existing of fields.keys()) {
    if (existing.startsWith(`${field}.`) || field.startsWith(`${existing}.`)) return true;
  }
  return false;
}

const TAGS = new WeakMap<MapContext, readonly string[]>();

/** The context last seen and its tags (see `lastDataset`). */
let lastContext: MapContext | undefined;
let lastTags: readonly string[] | undefined;

/** Option tags first, then the configured ones; computed once per context and shared (never mutated). */
function optionTags(ctx: MapContext): readonly string[] {
  if (ctx === lastContext) return lastTags!;
  let tags = TAGS.get(ctx);
  if (tags === undefined) {
    const list: string[] = [];
    if (ctx.preserveOriginalEvent) list.push(PRESERVE_ORIGINAL);
    if (ctx.preserveDuplicateCustomFields) list.push(PRESERVE_DUPLICATES);
    // Blank tags dropped here, once, as pruning would drop them from every document.
    for (const tag of ctx.tags) if (tag !== '' && !list.includes(tag)) list.push(tag);
    TAGS.set(ctx, (tags = list));
    markConstant(tags);
  }
  lastContext = ctx;
  lastTags = tags;
  return tags;
}

/** The tags of a failed record: the reference keeps its raw line, so preserve_original_event is added. */
function failureTags(ctx: MapContext): readonly string[] {
  const tags = optionTags(ctx);
  return tags.includes(PRESERVE_ORIGINAL) ? tags : [...tags, PRESERVE_ORIGINAL];
}

/** Tags, errors, `event.original` and pruning: the common end of every mapping. */
function finishDocument(doc: DocumentBuilder, original: string, ctx: MapContext, pruneNotAvailable: boolean): FlatDocument {
  const failed = doc.errors !== undefined;
  const tags = failed ? failureTags(ctx) : optionTags(ctx);
  if (failed) {
    doc.set('error.message', doc.errors);
    doc.set('event.kind', 'pipeline_error');
  }
  if (tags.includes(PRESERVE_ORIGINAL)) doc.set('event.original', original);
  // Clean by construction (see optionTags): no pruning to ask for.
  if (tags.length > 0) doc.setCleanAt(TAGS_SLOT, 'tags', tags);
  if (doc.suspects !== undefined) pruneFields(doc.fields, doc.suspects, pruneNotAvailable);
  return doc.fields;
}

/**
 * Gives a document without `@timestamp` the collection time (the time its batch was received), as the
 * specs ask, and the namespace copy some of them make of it (`collectionTimeCopy`).
 */
export function setCollectionTime(
  dataset: Dataset & { mapping: DatasetMapping },
  record: CloudflareRecord,
  doc: FlatDocument,
  ctx: MapContext,
  receivedIso: string,
): void {
  if (doc.has('@timestamp')) return;
  doc.set('@timestamp', receivedIso);
  const copy = dataset.mapping.collectionTimeCopy;
  if (copy === undefined || !ctx.preserveDuplicateCustomFields) return;
  const value = record[copy.key];
  const absent = isBlank(value);
  if (!absent || copy.whenAbsent) doc.set(namespaced(compiled(dataset).namespace, copy.field), receivedIso);
}

/** The document for a line that is not a JSON object. */
export function failedLineDocument(line: string, reason: string, ctx: MapContext): FlatDocument {
  const tags = failureTags(ctx);
  return new Map<string, unknown>([
    ['ecs.version', ECS_VERSION],
    ['event.kind', 'pipeline_error'],
    ['event.original', line],
    ['error.message', [reason]],
    ['tags', tags],
  ]);
}
