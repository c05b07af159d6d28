import type { EcsDocument, FlatDocument } from '../datasets/types.js';
import { DocumentFields, slotOf } from './document-fields.js';
import { isBlank } from './convert.js';

/** A field name with its slot (see DocumentFields), for names written often. */
export interface FieldName {
  readonly name: string;
  readonly slot: number;
}

/** What takes fields by FieldName: a DocumentBuilder, or a collector standing in for one. */
export interface FieldSink {
  setField(field: FieldName, value: unknown): void;
}

/** `namespace.relative` with its slot, made once per pair rather than once per document. */
const NAMESPACED = new Map<string, Map<string, FieldName>>();

export function fieldUnder(namespace: string, relative: string): FieldName {
  return fieldIn(namesUnder(namespace), namespace, relative);
}

function namesUnder(namespace: string): Map<string, FieldName> {
  let names = NAMESPACED.get(namespace);
  if (names === undefined) NAMESPACED.set(namespace, (names = new Map()));
  return names;
}

function fieldIn(names: Map<string, FieldName>, namespace: string, relative: string): FieldName {
  let field = names.get(relative);
  if (field === undefined) {
    const name = internalized(`${namespace}.${relative}`);
    names.set(relative, (field = { name, slot: slotOf(name) }));
  }
  return field;
}

/** Sets the fields of a flat field, value, field, value… list (the cached parts of a user agent or a URL). */
export function setFieldEntries(doc: FieldSink, entries: readonly unknown[]): void {
  for (let i = 0; i < entries.length; i += 2) doc.setField(entries[i] as FieldName, entries[i + 1]);
}

/**
 * A full field name with its slot, for names a derive step reads or writes on every record: `doc.get`
 * and `doc.set` by plain name look the slot up (a Map lookup) on each call.
 */
export function fieldName(name: string): FieldName {
  return { name: internalized(name), slot: slotOf(name) };
}

/**
 * The string V8 keeps once per content (its string table), for field names made at run time: names are
 * compared on every field a document gets and every field written, and two internalised strings compare
 * by identity, where others are compared character by character. A property key is internalised.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

export function namespaced(namespace: string, relative: string): string {
  return fieldUnder(namespace, relative).name;
}

/**
 * Collects the fields of one ECS document while a mapping runs.
 * Fields are kept flat (dotted names); `error.message` collects conversion failures so that
 * the document is still produced, as Elastic's ingest pipelines do.
 */
export class DocumentBuilder {
  /** Not an object: documents have ~100 dynamic keys, where objects fall into slow dictionary mode. */
  readonly fields = new DocumentFields();
  /** Conversion failures, made on the first (most documents have none). */
  errors: string[] | undefined;
  /**
   * Positions of the fields whose value may need pruning: empty ones, "N/A", and objects or arrays (which
   * may hold empty members). Pruning looks at these only: most values are clean scalars, and walking
   * every field of every document cost as much as some datasets' whole rule table.
   */
  suspects: number[] | undefined;
  /** The names under this document's namespace, looked up on the first `setNs`. */
  private namespaceNames: Map<string, FieldName> | undefined;

  constructor(
    /** `cloudflare_logpush.<dataset>` — the namespace prefix, without a trailing dot. */
    readonly namespace: string,
    /** Whether namespace copies of ECS values are kept (the `preserve_duplicate_custom_fields` tag). */
    readonly keepDuplicates: boolean,
  ) {}

  set(field: string, value: unknown): void {
    this.setAt(slotOf(field), field, value);
  }

  /** `set` with the field's slot looked up beforehand (`slotOf(field)`), as mapping rules do. */
  setAt(slot: number, field: string, value: unknown): void {
    const at = this.fields.setAt(slot, field, value);
    if (mayNeedPruning(value)) (this.suspects ??= []).push(at);
  }

  setField(field: FieldName, value: unknown): void {
    this.setAt(field.slot, field.name, value);
  }

  /** Sets `prefix.relative` (`setUnder('url', 'domain', v)` → `url.domain`), its name and slot looked up once per process. */
  setUnder(prefix: string, relative: string, value: unknown): void {
    this.setField(fieldUnder(prefix, relative), value);
  }

  /** Sets a value known to need no pruning (the mapping's constants, checked once), slot looked up beforehand. */
  setCleanAt(slot: number, field: string, value: unknown): void {
    this.fields.setAt(slot, field, value);
  }

  get(field: string): unknown {
    return this.fields.get(field);
  }

  /** `get` by a FieldName (see `fieldName`). */
  getField(field: FieldName): unknown {
    return this.fields.getAt(field.slot, field.name);
  }

  delete(field: string): void {
    this.fields.delete(field);
  }

  /** Writes a field under the dataset namespace: `ns('colo.code', v)` → `cloudflare_logpush.dns.colo.code`. */
  setNs(relative: string, value: unknown): void {
    this.setField(fieldIn((this.namespaceNames ??= namesUnder(this.namespace)), this.namespace, relative), value);
  }

  /** Records a field-level failure; the affected field stays unset and mapping continues. */
  error(message: string): void {
    (this.errors ??= []).push(message);
  }

  /**
   * Appends values to a `related.*` array: in order, de-duplicated, non-empty strings only. Up to three
   * as parameters, not a rest parameter: derive steps call this a few times a record, and each call made
   * an array of its arguments (`appendRelatedAll` takes a list).
   */
  appendRelated(kind: RelatedKind, first: unknown, second?: unknown, third?: unknown): void {
    const field = relatedField(kind);
    this.appendRelatedValue(field, first);
    if (second !== undefined) this.appendRelatedValue(field, second);
    if (third !== undefined) this.appendRelatedValue(field, third);
  }

  /** `appendRelated` for a list of values. */
  appendRelatedAll(kind: RelatedKind, values: readonly unknown[]): void {
    const field = relatedField(kind);
    for (let i = 0; i < values.length; i++) this.appendRelatedValue(field, values[i]);
  }

  private appendRelatedValue(field: FieldName, value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    const list = this.fields.getAt(field.slot, field.name) as string[] | undefined;
    if (list === undefined) {
      this.fields.setAt(field.slot, field.name, [value]);
      return;
    }
    // A loop rather than Array#includes, a builtin call, for lists of one to three.
    for (let i = 0; i < list.length; i++) if (list[i] === value) return;
    list.push(value);
  }
}

type RelatedKind = 'ip' | 'hosts' | 'user' | 'hash';

/** The `related.*` names with their slots, made once. */
const RELATED_IP = fieldName('related.ip');
const RELATED_HOSTS = fieldName('related.hosts');
const RELATED_USER = fieldName('related.user');
const RELATED_HASH = fieldName('related.hash');

/**
 * By a switch, not a lookup in an object by key: a keyed load with a changing key is a dictionary
 * lookup in V8, and two of them were a fifth of the fixed cost of an (empty) sinkhole_http record.
 */
function relatedField(kind: RelatedKind): FieldName {
  switch (kind) {
    case 'ip':
      return RELATED_IP;
    case 'hosts':
      return RELATED_HOSTS;
    case 'user':
      return RELATED_USER;
    case 'hash':
      return RELATED_HASH;
  }
}

/** Whether pruning must look at a value: null, undefined, "", "N/A", or an object or array. */
function mayNeedPruning(value: unknown): boolean {
  return typeof value === 'object' || value === '' || value === undefined || value === 'N/A';
}

/** True for the values the pipelines prune: null, undefined, "" (and "N/A" when asked). */
function isEmptyScalar(value: unknown, notAvailable: boolean): boolean {
  return isBlank(value) || (notAvailable && value === 'N/A');
}

/**
 * Removes empty values recursively: null and "" members and elements, then objects and arrays that
 * became empty. `0` and `false` stay. Returns undefined when nothing is left, and the value itself
 * (not a copy) when nothing had to go: most values are clean, and copying them costs.
 */
export function pruneValue(value: unknown, notAvailable = false): unknown {
  if (Array.isArray(value)) {
    let kept: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      const pruned = isEmptyScalar(element, false) ? undefined : pruneValue(element, notAvailable);
      if (pruned !== element && kept === undefined) kept = value.slice(0, i);
      if (kept !== undefined && pruned !== undefined) kept.push(pruned);
    }
    const result = kept ?? value;
    return result.length > 0 ? result : undefined;
  }
  if (value !== null && typeof value === 'object') {
    let kept: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const member = (value as Record<string, unknown>)[keys[i]!];
      const pruned = isEmptyScalar(member, notAvailable) ? undefined : pruneValue(member, notAvailable);
      if (pruned !== member && kept === undefined) {
        kept = {};
        for (let j = 0; j < i; j++) kept[keys[j]!] = (value as Record<string, unknown>)[keys[j]!];
      }
      if (kept !== undefined && pruned !== undefined) kept[keys[i]!] = pruned;
    }
    const result = kept ?? value;
    return Object.keys(result).length > 0 ? result : undefined;
  }
  return isEmptyScalar(value, false) ? undefined : value;
}

/** Prunes the fields at the given positions (as `DocumentFields#setAt` returned them) in place (see `pruneValue`). */
export function pruneFields(doc: DocumentFields, positions: readonly number[], notAvailable = false): void {
  for (let i = 0; i < positions.length; i++) {
    const at = positions[i]!;
    // A field deleted since it was set has no name there any more.
    if (doc.names[at] !== undefined) pruneField(doc, at, doc.fieldValues[at], notAvailable);
  }
}

function pruneField(doc: DocumentFields, at: number, value: unknown, notAvailable: boolean): void {
  if (isEmptyScalar(value, notAvailable)) {
    doc.deleteAt(at);
    return;
  }
  if (typeof value === 'object') {
    const pruned = pruneValue(value, notAvailable);
    if (pruned === undefined) doc.deleteAt(at);
    else if (pruned !== value) doc.replaceAt(at, pruned);
  }
}

/** Dotted field names split once per process: the same few hundred names recur in every document. */
const SPLIT_PATHS = new Map<string, readonly string[]>();

function splitPath(field: string): readonly string[] {
  let parts = SPLIT_PATHS.get(field);
  if (parts === undefined) {
    parts = field.split('.');
    // Unknown keys can make the set grow; keep the cache bounded.
    if (SPLIT_PATHS.size > 50_000) SPLIT_PATHS.clear();
    SPLIT_PATHS.set(field, parts);
  }
  return parts;
}

/**
 * Turns a flat document into nested JSON: `{"source.ip": x}` → `{"source": {"ip": x}}`.
 * Members appear in the order the mapping wrote them.
 */
export function toNested(doc: FlatDocument | EcsDocument): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of doc instanceof Map || doc instanceof DocumentFields ? doc : Object.entries(doc)) {
    const parts = splitPath(key);
    let node = root;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      const part = parts[i]!;
      let child = node[part];
      if (child === undefined || child === null || typeof child !== 'object' || Array.isArray(child)) {
        child = {};
        node[part] = child;
      }
      node = child as Record<string, unknown>;
    }
    node[parts[last]!] = value;
  }
  return root;
}
