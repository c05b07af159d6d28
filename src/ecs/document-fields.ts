/**
 * The fields of one flat ECS document, in the order they were first set: a `Map<string, unknown>` in
 * behaviour (the pipeline, the outputs and the tests use it as one), built for how mappings fill it.
 *
 * Why not a Map: building one cost more than any other step of mapping (a 50-field document: 1.6 µs,
 * half of it the table growing 4 → 8 → 16 → 32 → 64 entries, and 0.6 µs to iterate it again when
 * written, against 0.4 µs and 0.1 µs for arrays; measured here). Here a document is two arrays, names
 * and values, and finding a name is an array read:
 * - every field name gets a small number (its slot) once per process, so a mapping rule can look its
 *   slot up once and set by slot from then on;
 * - where each slot sits in a document is kept in one array shared by all documents, which belongs to
 *   the document that used it last (a sparse set). A document that finds the array belongs to another
 *   takes it back by writing its own slots into it, so lookups stay right with any number of documents
 *   alive, and cost nothing extra while one document is being built. An entry is trusted only when the
 *   document holds the very name at that position, so entries left by others are harmless.
 * Consumers that read many documents field by field should take one document at a time (row by row):
 * column by column, every lookup would take the array back.
 */
export class DocumentFields implements Map<string, unknown> {
  /** Field names in insertion order; undefined where a field was deleted. */
  readonly names: (string | undefined)[] = [];
  /** Values, at the same positions as their names. */
  readonly fieldValues: unknown[] = [];
  /**
   * A hash of which name sits at which position (holes left by deletions included), kept up to date as
   * fields are added and deleted: the output writer finds the layout of documents of this very shape
   * by it, instead of comparing the names one by one against every shape it has seen (see
   * DocumentJsonWriter). Meaningless when `shapeless`.
   */
  shape = 0;
  /** True once a name without a slot (see slotOf) was added: such documents have no shape hash. */
  shapeless = false;
  private live = 0;

  get size(): number {
    return this.live;
  }

  get [Symbol.toStringTag](): string {
    return 'DocumentFields';
  }

  get(name: string): unknown {
    return this.getAt(slotOf(name), name);
  }

  /** `get` with the name's slot already looked up (`slotOf(name)`). */
  getAt(slot: number, name: string): unknown {
    const at = this.find(slot, name);
    return at < 0 ? undefined : this.fieldValues[at];
  }

  has(name: string): boolean {
    return this.find(slotOf(name), name) >= 0;
  }

  set(name: string, value: unknown): this {
    this.setAt(slotOf(name), name, value);
    return this;
  }

  /** `set` with the name's slot already looked up: what mapping rules call per value. Returns the field's position. */
  setAt(slot: number, name: string, value: unknown): number {
    const at = this.find(slot, name);
    if (at >= 0) {
      this.fieldValues[at] = value;
      return at;
    }
    const end = this.names.length;
    if (slot >= 0) {
      positions[slot] = end;
      this.shape = (this.shape + shapeTerm(slot, end)) & SHAPE_MASK;
    } else {
      this.shapeless = true;
    }
    this.names.push(name);
    this.fieldValues.push(value);
    this.live++;
    return end;
  }

  /** Replaces the value at a position `setAt` returned, if the field is still there (not deleted since). */
  replaceAt(at: number, value: unknown): void {
    if (this.names[at] !== undefined) this.fieldValues[at] = value;
  }

  /** Deletes the field at a position `setAt` returned, if it is still there. */
  deleteAt(at: number): void {
    const name = this.names[at];
    if (name === undefined) return;
    const slot = slotOf(name);
    if (slot >= 0) this.shape = (this.shape - shapeTerm(slot, at)) & SHAPE_MASK;
    this.names[at] = undefined;
    this.fieldValues[at] = undefined;
    this.live--;
  }

  delete(name: string): boolean {
    const at = this.find(slotOf(name), name);
    if (at < 0) return false;
    this.deleteAt(at);
    return true;
  }

  clear(): void {
    this.names.length = 0;
    this.fieldValues.length = 0;
    this.live = 0;
    this.shape = 0;
    this.shapeless = false;
  }

  /**
   * Position of the field, or -1. The shared entry is trusted only when this document has the very name
   * there: an entry left by another document, or by a field since deleted, fails that check.
   */
  private find(slot: number, name: string): number {
    if (slot < 0) return this.names.indexOf(name);
    if (owner !== this) this.claim();
    const at = positions[slot]!;
    if (at >= this.names.length) return -1;
    // A deleted field's hole tested apart, so that the names are compared on a site that sees only
    // strings (by identity, for internalised names) and not by the generic equality.
    const held = this.names[at];
    return held !== undefined && held === name ? at : -1;
  }

  /** Makes the shared positions this document's (a lookup per field: rare, see the class comment). */
  private claim(): void {
    owner = this;
    const { names } = this;
    for (let at = 0; at < names.length; at++) {
      const name = names[at];
      if (name === undefined) continue;
      const slot = slotOf(name);
      if (slot >= 0) positions[slot] = at;
    }
  }

  forEach(callback: (value: unknown, name: string, map: Map<string, unknown>) => void, thisArg?: unknown): void {
    for (let at = 0; at < this.names.length; at++) {
      const name = this.names[at];
      if (name !== undefined) callback.call(thisArg, this.fieldValues[at], name, this);
    }
  }

  *entries(): IterableIterator<[string, unknown]> {
    for (let at = 0; at < this.names.length; at++) {
      const name = this.names[at];
      if (name !== undefined) yield [name, this.fieldValues[at]];
    }
  }

  *keys(): IterableIterator<string> {
    for (let at = 0; at < this.names.length; at++) {
      const name = this.names[at];
      if (name !== undefined) yield name;
    }
  }

  *values(): IterableIterator<unknown> {
    for (let at = 0; at < this.names.length; at++) if (this.names[at] !== undefined) yield this.fieldValues[at];
  }

  [Symbol.iterator](): IterableIterator<[string, unknown]> {
    return this.entries();
  }
}

/**
 * The share of one field (its slot at its position) in a document's shape hash. The hash is the sum of
 * these, kept to 30 bits so that V8 holds it as a small integer (no boxing; a cheap Map key): a sum,
 * because a deletion must take its term out again without the rest. Each term is mixed (MurmurHash3's
 * finaliser): with a term linear in slot and position, two documents with two fields swapped summed to
 * the same hash.
 */
function shapeTerm(slot: number, at: number): number {
  let h = Math.imul(slot + 1, 0x9e3779b1) ^ at;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
const SHAPE_MASK = 0x3fffffff;

/**
 * Slots by name. Names come from the mappings' tables and from record keys a mapping does not know (kept
 * under the dataset's namespace), so the set is bounded in practice; past `MAX_SLOTS` names get no slot
 * and are found by a scan of their document instead.
 */
const SLOTS = new Map<string, number>();
const MAX_SLOTS = 1 << 16;
/** Position of each slot in the document that `owner` is: see the class comment. */
let positions = new Int32Array(1024);
let owner: DocumentFields | undefined;

/** The slot of a field name (-1 past the bound), given once and kept for the process. */
export function slotOf(name: string): number {
  let slot = SLOTS.get(name);
  if (slot === undefined) {
    if (SLOTS.size >= MAX_SLOTS) return -1;
    slot = SLOTS.size;
    SLOTS.set(name, slot);
    if (slot >= positions.length) {
      const grown = new Int32Array(positions.length * 2);
      grown.set(positions);
      positions = grown;
    }
  }
  return slot;
}
