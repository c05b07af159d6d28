import type { EcsDocument } from '../datasets/types.js';

/**
 * Collects the fields of one ECS document while a mapping runs.
 * Fields are kept flat (dotted names); `error.message` collects conversion failures so that
 * the document is still produced, as Elastic's ingest pipelines do.
 */
export class DocumentBuilder {
  readonly fields: EcsDocument = {};
  readonly errors: string[] = [];

  constructor(
    /** `cloudflare_logpush.<dataset>` — the namespace prefix, without a trailing dot. */
    readonly namespace: string,
    /** Whether namespace copies of ECS values are kept (the `preserve_duplicate_custom_fields` tag). */
    readonly keepDuplicates: boolean,
  ) {}

  set(field: string, value: unknown): void {
    this.fields[field] = value;
  }

  get(field: string): unknown {
    return this.fields[field];
  }

  /** Writes a field under the dataset namespace: `ns('colo.code', v)` → `cloudflare_logpush.dns.colo.code`. */
  setNs(relative: string, value: unknown): void {
    this.fields[`${this.namespace}.${relative}`] = value;
  }

  /** Records a field-level failure; the affected field stays unset and mapping continues. */
  error(message: string): void {
    this.errors.push(message);
  }

  /** Appends values to a `related.*` array: in order, de-duplicated, non-empty strings only. */
  appendRelated(kind: 'ip' | 'hosts' | 'user' | 'hash', ...values: unknown[]): void {
    const field = `related.${kind}`;
    let list = this.fields[field] as string[] | undefined;
    for (const value of values) {
      if (typeof value !== 'string' || value === '') continue;
      if (list === undefined) this.fields[field] = list = [];
      if (!list.includes(value)) list.push(value);
    }
  }
}

/** True for the values the pipelines prune: null, undefined, "" (and "N/A" when asked). */
function isEmptyScalar(value: unknown, notAvailable: boolean): boolean {
  return value === null || value === undefined || value === '' || (notAvailable && value === 'N/A');
}

/**
 * Removes empty values recursively: null and "" members and elements, then objects and arrays that
 * became empty. `0` and `false` stay. Returns undefined when nothing is left.
 */
export function pruneValue(value: unknown, notAvailable = false): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const element of value) {
      if (isEmptyScalar(element, false)) continue;
      const pruned = pruneValue(element, notAvailable);
      if (pruned !== undefined) kept.push(pruned);
    }
    return kept.length > 0 ? kept : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    let any = false;
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (isEmptyScalar(member, notAvailable)) continue;
      const pruned = pruneValue(member, notAvailable);
      if (pruned !== undefined) {
        kept[key] = pruned;
        any = true;
      }
    }
    return any ? kept : undefined;
  }
  return isEmptyScalar(value, false) ? undefined : value;
}

/** Prunes every field of a flat document in place (see `pruneValue`). */
export function pruneDocument(doc: EcsDocument, notAvailable = false): void {
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    if (isEmptyScalar(value, notAvailable)) {
      delete doc[key];
      continue;
    }
    if (typeof value === 'object') {
      const pruned = pruneValue(value, notAvailable);
      if (pruned === undefined) delete doc[key];
      else doc[key] = pruned;
    }
  }
}

/**
 * Turns a flat document into nested JSON: `{"source.ip": x}` → `{"source": {"ip": x}}`.
 * Members appear in the order the mapping wrote them.
 */
export function toNested(doc: EcsDocument): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of Object.keys(doc)) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      let child = node[part];
      if (child === undefined || child === null || typeof child !== 'object' || Array.isArray(child)) {
        child = {};
        node[part] = child;
      }
      node = child as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = doc[key];
  }
  return root;
}
