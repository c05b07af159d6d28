import { DocumentBuilder, pruneDocument } from '../ecs/document.js';
import { parseJsonLine } from '../ecs/json.js';
import type { CloudflareRecord, Dataset, DatasetMapping, EcsDocument, MapContext } from './types.js';

/** The one ECS version the whole product emits (the version whose fields the specs describe). */
export const ECS_VERSION = '8.11.0';

const PRESERVE_ORIGINAL = 'preserve_original_event';
const PRESERVE_DUPLICATES = 'preserve_duplicate_custom_fields';

/**
 * Maps one raw NDJSON line of a dataset to its ECS document. Never throws for bad input: a line that is
 * not a JSON object still yields a document (`event.kind: pipeline_error`, `error.message`), as the
 * reference pipelines do.
 */
export function mapLine(dataset: Dataset & { mapping: DatasetMapping }, line: string, ctx: MapContext): EcsDocument {
  let record: unknown;
  try {
    record = parseJsonLine(line);
  } catch (error) {
    return failedLineDocument(line, `not valid JSON: ${(error as Error).message}`, ctx);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return failedLineDocument(line, 'not a JSON object', ctx);
  }
  return mapRecord(dataset, record as CloudflareRecord, line, ctx);
}

/** Maps a parsed record; `original` is the raw line, kept in `event.original` when asked or on error. */
export function mapRecord(
  dataset: Dataset & { mapping: DatasetMapping },
  record: CloudflareRecord,
  original: string,
  ctx: MapContext,
): EcsDocument {
  const { mapping } = dataset;
  const doc = new DocumentBuilder(`cloudflare_logpush.${dataset.name}`, ctx.preserveDuplicateCustomFields);
  doc.set('ecs.version', ECS_VERSION);
  for (const field in mapping.constants) doc.set(field, mapping.constants[field]);

  let unknownKeys: string[] | undefined;
  for (const key in record) {
    const rule = mapping.rules[key];
    if (rule !== undefined) rule.apply(record[key], doc, record, ctx);
    else (unknownKeys ??= []).push(key);
  }
  mapping.derive?.(record, doc, ctx);
  if (unknownKeys !== undefined) keepUnknownKeys(doc, record, unknownKeys);
  return finishDocument(doc, original, ctx, mapping.pruneNotAvailable === true);
}

/**
 * Cloudflare adds fields over time. A key the mapping does not know is kept under the dataset namespace
 * in snake_case (`NewField` → `cloudflare_logpush.<dataset>.new_field`) so that nothing is lost. If that
 * name collides with a mapped field, the key goes under `…unmapped.<Key>` instead.
 */
function keepUnknownKeys(doc: DocumentBuilder, record: CloudflareRecord, keys: readonly string[]): void {
  for (const key of keys) {
    const value = record[key];
    if (value === null || value === undefined || value === '') continue;
    let field = `${doc.namespace}.${toSnakeCase(key)}`;
    if (collides(doc.fields, field)) field = `${doc.namespace}.unmapped.${key.replace(/\./g, '_')}`;
    doc.set(field, value);
  }
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
function collides(fields: EcsDocument, field: string): boolean {
  if (field in fields) return true;
  for (const existing of Object.keys(fields)) {
    if (existing.startsWith(`${field}.`) || field.startsWith(`${existing}.`)) return true;
  }
  return false;
}

function optionTags(ctx: MapContext): string[] {
  const tags: string[] = [];
  if (ctx.preserveOriginalEvent) tags.push(PRESERVE_ORIGINAL);
  if (ctx.preserveDuplicateCustomFields) tags.push(PRESERVE_DUPLICATES);
  for (const tag of ctx.tags) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

/** Tags, errors, `event.original` and pruning: the common end of every mapping. */
function finishDocument(doc: DocumentBuilder, original: string, ctx: MapContext, pruneNotAvailable: boolean): EcsDocument {
  const tags = optionTags(ctx);
  if (doc.errors.length > 0) {
    doc.set('error.message', doc.errors);
    doc.set('event.kind', 'pipeline_error');
    // The reference pipelines keep the raw line of a failed record so that it can be replayed.
    if (!tags.includes(PRESERVE_ORIGINAL)) tags.push(PRESERVE_ORIGINAL);
  }
  if (tags.includes(PRESERVE_ORIGINAL)) doc.set('event.original', original);
  doc.set('tags', tags);
  pruneDocument(doc.fields, pruneNotAvailable);
  return doc.fields;
}

/** The document for a line that is not a JSON object. */
export function failedLineDocument(line: string, reason: string, ctx: MapContext): EcsDocument {
  const tags = optionTags(ctx);
  if (!tags.includes(PRESERVE_ORIGINAL)) tags.push(PRESERVE_ORIGINAL);
  return {
    'ecs.version': ECS_VERSION,
    'event.kind': 'pipeline_error',
    'event.original': line,
    'error.message': [reason],
    tags,
  };
}
