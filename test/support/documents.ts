import assert from 'node:assert/strict';
import type { MappedDataset } from '../../src/datasets/index.js';
import { toSnakeCase } from '../../src/datasets/map.js';
import { parseJsonLine } from '../../src/ecs/json.js';

/** The non-empty lines of an NDJSON file (the last line may lack its newline). */
export function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
}

/** A deep copy with object keys sorted, so that written files are stable and diffs readable. */
export function sortKeysDeep(value: unknown): any {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * A nested document without the given dotted fields (a prefix removes the whole subtree).
 * With `flat`, returns the remaining leaves as a flat map instead.
 */
export function withoutFields(doc: Record<string, unknown>, fields: readonly string[], flat = false): Record<string, unknown> {
  const leaves: Record<string, unknown> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (fields.some((f) => path === f)) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isGeoPoint(value)) walk(value as Record<string, unknown>, path);
      else leaves[path] = value;
    }
  };
  walk(doc, '');
  if (flat) return leaves;
  const nested: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(leaves)) {
    const parts = path.split('.');
    let node = nested;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return nested;
}

function isGeoPoint(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('lat') && keys.includes('lon');
}

/**
 * Fields of a (flat) mapped document that the dataset's field list does not declare. Unknown record keys
 * kept under the namespace are allowed: they are dynamic by design.
 */
export function emittedFieldsOutsideList(dataset: MappedDataset, line: string, doc: Record<string, unknown>): string[] {
  let record: Record<string, unknown> = {};
  try {
    const parsed = parseJsonLine(line);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) record = parsed as Record<string, unknown>;
  } catch {
    // A line that is not JSON has no unknown keys.
  }
  const ns = `cloudflare_logpush.${dataset.name}`;
  const dynamic = new Set(
    Object.keys(record)
      .filter((key) => !(key in dataset.mapping.rules))
      .flatMap((key) => [`${ns}.${toSnakeCase(key)}`, `${ns}.unmapped.${key.replace(/\./g, '_')}`]),
  );
  return Object.keys(doc).filter((field) => !(field in dataset.mapping.fields) && !dynamic.has(field));
}

/** Asserts that a record failed on one field: the message, pipeline_error, and the raw line kept. */
export function assertFailed(doc: Record<string, unknown>, message: string): void {
  assert.deepEqual(doc['error.message'], [message]);
  assert.equal(doc['event.kind'], 'pipeline_error');
  assert.equal(typeof doc['event.original'], 'string');
  assert.ok((doc.tags as string[]).includes('preserve_original_event'));
}
