import type { FlatDocument } from '../datasets/types.js';
import { toNested } from './document.js';
import { charCodeAt, stringLength } from './char-code.js';
import { DocumentFields } from './document-fields.js';

/**
 * Writes flat documents as NDJSON bytes: for each document the UTF-8 of `JSON.stringify(toNested(doc))`
 * and a newline, byte for byte, without building the nested objects or the text.
 *
 * Why: nesting a flat document and stringifying it cost more than mapping it (V8 pays per object and per
 * member, and an ECS document is a dozen small objects), and building the text from pieces leaves a tree
 * of string fragments that costs as much again to flatten when it is encoded. Here:
 * - Documents of a dataset come in few shapes (the same field names in the same order), so the structure
 *   of the text — braces, keys, commas — is worked out once per shape and kept as a plan: the bytes
 *   between consecutive values, and which value goes where. A mapping's document carries a hash of its
 *   shape (see DocumentFields#shape), by which its plan is found and then read from its own arrays.
 *   Other documents (and the first of each shape) find it through a tree of field names (like V8's
 *   hidden classes) whose unbranched runs are kept as arrays; the mappings reuse the same name strings,
 *   so a step is mostly a pointer comparison.
 * - Values are written straight into a byte buffer: plain ASCII strings (nearly all of them) a character
 *   at a time or, when long, by a native copy after a regular expression checked them; integers digit by
 *   digit; anything else through JSON.stringify and the UTF-8 encoder.
 */
export class DocumentJsonWriter {
  private buffer: Buffer;
  /** The buffer again, for the eight-byte stores of plan pieces. */
  private view: DataView;
  private position = 0;

  constructor(private readonly initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
    this.view = viewOf(this.buffer);
  }

  /** Bytes written and not yet taken. */
  get length(): number {
    return this.position;
  }

  /**
   * Appends one document and a newline; `extra` fields, if given, follow the document's own (the
   * Elasticsearch output's agent fields), as if they had been set on it last. They must not be in the
   * document already.
   *
   * The loop writes the plan's pieces and the plain string values itself, with the buffer and position
   * in locals, rather than through a helper call per piece and per value: measured 2–36 % faster.
   */
  write(doc: FlatDocument, extra?: FlatDocument): void {
    const start = this.position;
    // The values in the order the plan reads them: a mapping's document is read in place when its shape
    // is known by hash; anything else is copied into `values` on the walk through the shape tree.
    let source: readonly unknown[];
    let plan: Plan;
    let count = 0;
    const shaped = extra === undefined && doc instanceof DocumentFields && !doc.shapeless ? shapedPlan(doc) : undefined;
    if (shaped !== undefined) {
      source = (doc as DocumentFields).fieldValues;
      plan = shaped;
    } else {
      plan = walk(doc, extra);
      count = walked;
      source = values;
    }
    // The baked layout when this document's constants are the ones it was made with (nearly always).
    const { order, chunks, starts, lengths } = plan.baked !== undefined && holds(plan.baked, source) ? plan.baked : plan;
    let buffer = this.buffer;
    let view = this.view;
    let position = start;
    for (let k = 0; ; k++) {
      // The piece before value k, or after the last value (then with room for the newline), eight bytes
      // at a time: up to 7 bytes past its end are written too, and overwritten by what follows.
      const length = lengths[k]!;
      if (position + length + 8 > buffer.length) {
        buffer = this.grow(position, length + 8);
        view = this.view;
      }
      for (let c = starts[k]!, end = starts[k + 1]!, at = position; c < end; c++, at += 8) view.setFloat64(at, chunks[c]!, true);
      position += length;
      if (k === order.length) break;
      const value = source[order[k]!];
      if (typeof value === 'string') {
        // ASCII here (escaped where JSON needs it, six bytes at most a character); non-ASCII goes to writeValue below.
        const room = stringLength(value) * 6 + 2;
        if (position + room > buffer.length) {
          buffer = this.grow(position, room);
          view = this.view;
        }
        const end = writeAsciiString(buffer, position, value);
        if (end >= 0) {
          position = end;
          continue;
        }
      } else if (Array.isArray(value)) {
        // A list of plain strings (related.*, categories, headers) the same way, else writeValue below.
        const room = stringsRoom(value);
        if (room >= 0) {
          if (position + room > buffer.length) {
            buffer = this.grow(position, room);
            view = this.view;
          }
          const end = writePlainList(buffer, position, value as string[]);
          if (end >= 0) {
            position = end;
            continue;
          }
        }
      } else if (typeof value === 'number' && (value | 0) === value) {
        // A 32-bit integer (ports, sizes, status codes…): its digits, without making a string of them.
        if (position + 11 > buffer.length) {
          buffer = this.grow(position, 11);
          view = this.view;
        }
        position = writeInt32(buffer, position, value);
        continue;
      }
      this.position = position;
      if (!this.writeValue(value)) {
        // A value without a JSON form (undefined, a function): JSON.stringify leaves its member out, which
        // the plan cannot; this document takes the slow path.
        this.position = start;
        this.writeText(JSON.stringify(toNested(extra === undefined ? doc : new Map([...doc, ...extra]))));
        this.writeByte(10);
        releaseValues(count);
        return;
      }
      buffer = this.buffer;
      view = this.view;
      position = this.position;
    }
    buffer[position++] = 10;
    this.position = position;
    releaseValues(count);
  }

  /** The bytes written so far, leaving the writer empty (it moves on to a new buffer: no copy). */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.position);
    this.buffer = Buffer.allocUnsafe(this.initialBytes);
    this.view = viewOf(this.buffer);
    this.position = 0;
    return bytes;
  }

  /** Makes room for `bytes` more after `position` and returns the buffer to write them to. */
  private grow(position: number, bytes: number): Buffer {
    this.position = position;
    this.ensure(bytes);
    return this.buffer;
  }

  private ensure(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
    this.view = viewOf(grown);
  }

  /**
   * Writes the JSON of a member value that `write`'s own loop did not take (strings and lists of strings
   * that are not plain, other numbers, booleans, null, objects); false when it has none (JSON.stringify
   * would omit the member).
   */
  private writeValue(value: unknown): boolean {
    // `typeof x === '…'` tests, not a switch on typeof: the optimiser turns each test into a type check,
    // while the switch computes the type's name through a builtin call per value.
    if (typeof value === 'number') this.writeAscii(Number.isFinite(value) ? String(value) : 'null');
    else if (typeof value === 'boolean') this.writeAscii(value ? 'true' : 'false');
    else if (value === null) this.writeAscii('null');
    else return this.writeJson(value);
    return true;
  }

  /** Anything else through JSON.stringify (which may find no JSON form: undefined, or a toJSON saying so). */
  private writeJson(value: unknown): boolean {
    if (value !== null && typeof value === 'object') {
      const start = this.position;
      if (this.writeNested(value, 0)) return true;
      this.position = start;
    }
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return false;
    this.writeText(json);
    return true;
  }

  /**
   * Plain objects and arrays (the nested values of flattened fields such as Workers' `Event` and `Logs`),
   * member by member, the same bytes as JSON.stringify: its call and the UTF-8 encoding of the text it
   * returns cost more than writing the usually short, plain members here (whole transform: audit +5 %,
   * casb +7 %, device_posture +3 %; workers_trace unchanged). False, with bytes written that
   * the caller discards, for anything this does not write exactly as JSON.stringify would (other
   * prototypes, toJSON, undefined or functions inside arrays, deep nesting): JSON.stringify takes those.
   */
  private writeNested(value: object, depth: number): boolean {
    if (depth > MAX_NESTED_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
    if (Array.isArray(value)) {
      this.writeByte(91); // [
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.writeByte(44); // ,
        const element: unknown = value[i];
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol') return false;
        if (!this.writeMember(element, depth)) return false;
      }
      this.writeByte(93); // ]
      return true;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    this.writeByte(123); // {
    let first = true;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const member = (value as Record<string, unknown>)[key];
      // JSON.stringify leaves these members out.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (!first) this.writeByte(44); // ,
      first = false;
      this.writeString(key);
      this.writeByte(58); // :
      if (!this.writeMember(member, depth)) return false;
    }
    this.writeByte(125); // }
    return true;
  }

  private writeMember(member: unknown, depth: number): boolean {
    if (typeof member === 'string') {
      this.writeString(member);
      return true;
    }
    if (typeof member === 'number' && (member | 0) === member) {
      this.ensure(11);
      this.position = writeInt32(this.buffer, this.position, member);
      return true;
    }
    if (member !== null && typeof member === 'object') return this.writeNested(member, depth + 1);
    return this.writeValue(member);
  }

  /** A JSON string: ASCII by `writeAsciiString`, anything else through JSON.stringify. */
  private writeString(text: string): void {
    this.ensure(stringLength(text) * 6 + 2);
    const end = writeAsciiString(this.buffer, this.position, text);
    if (end >= 0) this.position = end;
    else this.writeText(JSON.stringify(text));
  }

  private writeByte(byte: number): void {
    this.ensure(1);
    this.buffer[this.position++] = byte;
  }

  /** Text known to be ASCII (numbers, literals). */
  private writeAscii(text: string): void {
    const n = stringLength(text);
    this.ensure(n);
    const { buffer } = this;
    let position = this.position;
    for (let i = 0; i < n; i++) buffer[position++] = charCodeAt(text, i);
    this.position = position;
  }

  /** Any text, UTF-8 encoded (a UTF-16 unit takes at most 3 bytes). */
  private writeText(text: string): void {
    this.ensure(text.length * 3);
    this.position += this.buffer.write(text, this.position, 'utf8');
  }
}

/** One document's NDJSON line as text (tests and one-off callers; streams keep a writer). */
export function documentJson(doc: FlatDocument): string {
  const writer = new DocumentJsonWriter(1024);
  writer.write(doc);
  const bytes = writer.take();
  return bytes.toString('utf8', 0, bytes.length - 1);
}

/**
 * Writes `"text"` at `position` when the text is plain (printable ASCII without `"` or `\`, which JSON
 * writes as it is) and returns the position after it; -1 when it is not (the bytes written then do not
 * count). The buffer must have room for the text and its quotes.
 */
function writePlain(buffer: Buffer, position: number, text: string): number {
  const length = stringLength(text);
  buffer[position++] = 34; // "
  if (length >= LONG_STRING) {
    if (NOT_PLAIN.test(text)) return -1;
    position += (buffer as LatinWritable).latin1Write(text, position, length);
  } else {
    // Every character is copied and judged by a table, the verdicts gathered and looked at once at the
    // end: a branch out of the loop per character cost a quarter of it (for text that turns out not to
    // be plain, the bytes written do not count anyway).
    let notPlain = 0;
    for (let i = 0; i < length; i++) {
      const c = charCodeAt(text, i);
      notPlain |= NOT_PLAIN_CHARACTER[c]!;
      buffer[position++] = c;
    }
    if (notPlain !== 0) return -1;
  }
  buffer[position++] = 34;
  return position;
}

/**
 * `"text"` for ASCII text, by `writePlain` when nothing needs escaping, else by `writeEscapedAscii`; returns
 * the position after it, or -1 when the text is not ASCII. The buffer must have room for six bytes a
 * character.
 */
function writeAsciiString(buffer: Buffer, position: number, text: string): number {
  const end = writePlain(buffer, position, text);
  return end >= 0 ? end : writeEscapedAscii(buffer, position, text);
}

/**
 * Writes `"text"` with the escapes JSON.stringify uses (`\"`, `\\`, `\n`… and `\u00XX` for other control
 * characters) when the text is ASCII, and returns the position after it; -1 at the first non-ASCII
 * character (the bytes written then do not count). The buffer must have room for six bytes a character.
 * Why: JSON.stringify and the UTF-8 encoder cost about 500 ns more for a 40-character JSON body (the
 * Body of half the sinkhole_http records) than this loop.
 */
function writeEscapedAscii(buffer: Buffer, position: number, text: string): number {
  buffer[position++] = 34; // "
  for (let i = 0, n = stringLength(text); i < n; i++) {
    const c = charCodeAt(text, i);
    if (c >= 32 && c !== 34 && c !== 92) {
      if (c > 127) return -1;
      buffer[position++] = c;
      continue;
    }
    buffer[position++] = 92; // \
    if (c === 34 || c === 92) buffer[position++] = c;
    else if (c === 10) buffer[position++] = 110; // n
    else if (c === 13) buffer[position++] = 114; // r
    else if (c === 9) buffer[position++] = 116; // t
    else if (c === 8) buffer[position++] = 98; // b
    else if (c === 12) buffer[position++] = 102; // f
    else {
      buffer[position++] = 117; // u
      buffer[position++] = 48;
      buffer[position++] = 48;
      buffer[position++] = HEX_DIGITS[c >> 4]!;
      buffer[position++] = HEX_DIGITS[c & 15]!;
    }
  }
  buffer[position++] = 34;
  return position;
}

/** `0`–`9`, `a`–`f` as bytes: JSON.stringify writes `\u001f` in lower case. */
const HEX_DIGITS = Buffer.from('0123456789abcdef');

/** Bytes a list of strings takes at most as plain JSON (brackets, quotes, commas), or -1 if not all are strings. */
function stringsRoom(list: readonly unknown[]): number {
  let room = 2;
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    if (typeof element !== 'string') return -1;
    room += stringLength(element) + 3;
  }
  return room;
}

/** `writePlain` for a list: `["a","b"]`, or -1 when an element is not plain. Room as `stringsRoom` says. */
function writePlainList(buffer: Buffer, position: number, list: readonly string[]): number {
  buffer[position++] = 91; // [
  for (let i = 0; i < list.length; i++) {
    if (i > 0) buffer[position++] = 44; // ,
    position = writePlain(buffer, position, list[i]!);
    if (position < 0) return -1;
  }
  buffer[position++] = 93; // ]
  return position;
}

/**
 * Lets go of a document's values so that they do not outlive it. A loop rather than Array#fill, which
 * V8 runs in C++: the call cost more than the thirty-odd stores.
 */
function releaseValues(count: number): void {
  for (let i = 0; i < count; i++) values[i] = undefined;
}

/** Writes the decimal digits of a 32-bit integer (-0 as 0, as JSON.stringify does) and returns the position after them. */
function writeInt32(buffer: Buffer, position: number, value: number): number {
  if (value < 0) {
    buffer[position++] = 45; // -
    value = -value;
  }
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  const end = position + digits;
  for (let i = end - 1; i >= position; i--) {
    buffer[i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
  return end;
}

/**
 * From this length on, a plain string is checked and copied natively: two calls of about 60 and 115 ns
 * here, against 5 ns a character for the loop.
 */
const LONG_STRING = 40;
/** Nesting below which `writeNested` hands a value to JSON.stringify (which throws on a cycle). */
const MAX_NESTED_DEPTH = 32;
/**
 * Node's own latin1 writer, which `Buffer#write(text, at, 'latin1')` ends in after sorting out its
 * arguments and looking up the encoding (a tenth of a microsecond a call, measured as 0.9 % of a
 * sinkhole_http transform). Present on every Buffer since Node 0.x, though not in the typings.
 */
type LatinWritable = Buffer & { latin1Write(text: string, offset: number, length: number): number };

/** A character other than printable ASCII, or one JSON escapes (`"`, `\`). */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;
/** The same as a table of every UTF-16 unit: 1 where NOT_PLAIN matches, else 0. */
const NOT_PLAIN_CHARACTER = new Uint8Array(65536).fill(1);
for (let c = 0x20; c <= 0x7e; c++) if (c !== 34 && c !== 92) NOT_PLAIN_CHARACTER[c] = 0;

/** Values of the document being written, in the document's order (reused: one document at a time). */
const values: unknown[] = [];

/**
 * A run of the shape tree: field names that documents so far have had one after the other, without a
 * branch in between. Runs keep the walk on a few arrays: one node per field made it chase a pointer per
 * field, and with mapping in between documents those nodes were out of the cache (a third of the
 * writer's samples were spent waiting on them).
 */
interface ShapeNode {
  fields: string[];
  /** The plan of the documents that end after `k` fields of this run, at index k. */
  plans: (Plan | undefined)[];
  /** Runs that follow this one, each starting with a different field. */
  next: ShapeNode[];
  /** Where the walk stands after stepping into this run: its first field (or the last one appended) matched. */
  matched: number;
}

interface Layout {
  /** For each value in the text, its position in the document. */
  readonly order: readonly number[];
  /**
   * UTF-8 before the first value, between each pair, and after the last: `order.length + 1` pieces, each
   * padded with zeros to a multiple of eight bytes and read as doubles. Piece k is `lengths[k]` bytes,
   * in `chunks[starts[k]]` to `chunks[starts[k + 1] - 1]`.
   *
   * Why doubles: a piece is then copied with one store per eight bytes (DataView#setFloat64, which the
   * optimiser compiles to a plain store), about 3 times faster than a byte loop or TypedArray#set for the
   * usual 4–40 bytes; and one array per plan stays in the cache better than a buffer per piece. A double
   * keeps its bits from load to store unless it is a NaN, which needs bytes 0x7F or 0xFF after 0xF0–0xFF:
   * never in UTF-8 text (`piecesOf` checks it all the same).
   */
  readonly chunks: Float64Array;
  readonly starts: readonly number[];
  readonly lengths: readonly number[];
}

interface Plan extends Layout {
  /**
   * The same text with the constants (`ecs.version`, `event.kind`, the configured tags…) written into the
   * pieces, used when the document holds those very values at those positions.
   */
  readonly baked?: Layout & { readonly constantAt: readonly number[]; readonly constants: readonly unknown[] };
}

/** Values known to recur in every document (the mappings' constants), by value for strings, by identity for objects. */
const CONSTANT_STRINGS = new Set<string>();
const CONSTANT_OBJECTS = new WeakSet<object>();

/** Marks a value that documents carry unchanged (a mapping constant): plans may write it into their text. */
export function markConstant(value: unknown): void {
  if (typeof value === 'string') CONSTANT_STRINGS.add(value);
  else if (value !== null && typeof value === 'object') CONSTANT_OBJECTS.add(value);
}

function isConstant(value: unknown): boolean {
  return typeof value === 'string' ? CONSTANT_STRINGS.has(value) : value !== null && typeof value === 'object' && CONSTANT_OBJECTS.has(value);
}

function holds(baked: NonNullable<Plan['baked']>, source: readonly unknown[]): boolean {
  const { constantAt, constants } = baked;
  for (let j = 0; j < constantAt.length; j++) if (source[constantAt[j]!] !== constants[j]) return false;
  return true;
}

/** How many values the last `walk` put into `values`. */
let walked = 0;

/**
 * The plan of a document's shape, found by walking the shape tree with its field names (and the extra
 * fields'), which copies its values into `values` (`walked` of them) on the way.
 */
function walk(doc: FlatDocument, extra: FlatDocument | undefined): Plan {
  // The run reached, and how many of its fields matched so far.
  let node = root;
  let matched = 0;
  let count = 0;
  if (doc instanceof DocumentFields) {
    // The mappings' documents: their arrays, without an iterator.
    const { names, fieldValues } = doc;
    for (let at = 0; at < names.length; at++) {
      const field = names[at];
      if (field === undefined) continue;
      if (matched < node.fields.length && node.fields[matched] === field) matched++;
      else matched = (node = step(node, matched, field)).matched;
      values[count++] = fieldValues[at];
    }
  } else {
    for (const [field, value] of doc) {
      if (matched < node.fields.length && node.fields[matched] === field) matched++;
      else matched = (node = step(node, matched, field)).matched;
      values[count++] = value;
    }
  }
  if (extra !== undefined) {
    for (const [field, value] of extra) {
      if (matched < node.fields.length && node.fields[matched] === field) matched++;
      else matched = (node = step(node, matched, field)).matched;
      values[count++] = value;
    }
  }
  walked = count;
  return node.plans[matched] ?? (node.plans[matched] = planFor(extra === undefined ? doc.keys() : [...doc.keys(), ...extra.keys()]));
}

/**
 * Plans by shape hash (see DocumentFields#shape), each with the names array it was made for, holes
 * included, and the positions of its values in that array.
 *
 * Why: finding a document's plan by walking the shape tree compares every field name, and where a
 * dataset's documents differ by optional fields the walk branches: sinkhole_http took 7 branch steps a
 * document, and the walk and the copy of the values were a third of the writer's work on fields (string
 * contents aside). By hash, it is one Map lookup and a comparison of the two names arrays, and the values
 * are read where the document holds them.
 */
const SHAPED = new Map<number, { readonly names: readonly (string | undefined)[]; readonly plan: Plan }>();
/** Bounds SHAPED, as MAX_STEPS bounds the tree (documents with ever-new unknown keys). */
const MAX_SHAPED = 10_000;

/**
 * The plan of a mapping's document by its shape hash, its values read in place; made by `walk` the first
 * time. Undefined when another shape has that hash already: the document then takes the walk.
 */
function shapedPlan(doc: DocumentFields): Plan | undefined {
  const { names } = doc;
  const entry = SHAPED.get(doc.shape);
  if (entry !== undefined) return sameNames(entry.names, names) ? entry.plan : undefined;
  const plan = atPositions(walk(doc, undefined), names);
  releaseValues(walked);
  if (SHAPED.size >= MAX_SHAPED) SHAPED.clear();
  SHAPED.set(doc.shape, { names: names.slice(), plan });
  return plan;
}

function sameNames(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const name = a[i];
    // Holes compared on a site of their own: where one comparison saw both names and undefined, the
    // optimiser called the generic equality for each, instead of comparing the (internalised) names by
    // identity.
    if (name === undefined ? b[i] !== undefined : name !== b[i]) return false;
  }
  return true;
}

/** A plan read from a document's own arrays: value indices (which skip deleted fields) made positions in them. */
function atPositions(plan: Plan, names: readonly (string | undefined)[]): Plan {
  const positions: number[] = [];
  for (let at = 0; at < names.length; at++) if (names[at] !== undefined) positions.push(at);
  const { order, chunks, starts, lengths, baked } = plan;
  return {
    order: order.map((i) => positions[i]!),
    chunks,
    starts,
    lengths,
    baked: baked === undefined ? undefined : {
      order: baked.order.map((i) => positions[i]!),
      chunks: baked.chunks,
      starts: baked.starts,
      lengths: baked.lengths,
      constantAt: baked.constantAt.map((i) => positions[i]!),
      constants: baked.constants,
    },
  };
}

/** Bounds the shape tree: unknown keys with ever-new names could otherwise grow it without end. */
const MAX_STEPS = 200_000;
const newRun = (fields: string[]): ShapeNode => ({ fields, plans: [], next: [], matched: 1 });
let root = newRun([]);
let steps = 0;

/**
 * The walk's next step when `field` is not the run's next field (`matched` fields of `node` matched).
 * Returns the run to go on in; the walk stands at its `matched`.
 */
function step(node: ShapeNode, matched: number, field: string): ShapeNode {
  if (matched < node.fields.length) split(node, matched);
  const { next } = node;
  for (let k = 0; k < next.length; k++) {
    if (next[k]!.fields[0] === field) {
      next[k]!.matched = 1;
      return next[k]!;
    }
  }
  if (++steps > MAX_STEPS) {
    // Start again, empty; the current document carries on in the old tree.
    root = newRun([]);
    steps = 0;
  }
  if (next.length === 0 && node !== root) {
    // Nothing follows this run yet: it grows.
    node.fields.push(field);
    node.matched = node.fields.length;
    return node;
  }
  const child = newRun([field]);
  next.push(child);
  return child;
}

/** Cuts a run after its first `at` fields: the rest, with its plans and what follows it, becomes its one next run. */
function split(node: ShapeNode, at: number): void {
  const rest = newRun(node.fields.slice(at));
  // Index 0 of a run that is not the root is never read: a walk enters a run with its first field matched.
  rest.plans = node.plans.slice(at);
  rest.next = node.next;
  node.fields = node.fields.slice(0, at);
  node.plans = node.plans.slice(0, at + 1);
  node.next = [rest];
}

/**
 * The plan of a shape, made by the slow path itself: the document is nested with a marker in place of
 * each value (so that overlapping names such as `a` and `a.b` resolve exactly as `toNested` resolves
 * them), and the nested template is written out as JSON.stringify would, cut at each marker.
 */
function planFor(fields: Iterable<string>): Plan {
  const markers = new Map<symbol, number>();
  const template = new Map<string, unknown>();
  let position = 0;
  for (const field of fields) {
    // A symbol, not an object: toNested replaces a non-object by an object when a longer name follows.
    const marker = Symbol(field);
    markers.set(marker, position++);
    template.set(field, marker);
  }
  const order: number[] = [];
  const texts: string[] = [];
  let text = '';
  const write = (node: unknown): void => {
    if (typeof node === 'symbol') {
      texts.push(text);
      order.push(markers.get(node)!);
      text = '';
      return;
    }
    text += '{';
    let first = true;
    for (const [key, member] of Object.entries(node as Record<string, unknown>)) {
      text += `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      write(member);
    }
    text += '}';
  };
  write(toNested(template));
  texts.push(text);
  return { order, ...piecesOf(texts), baked: bakedLayout(order, texts) };
}

function piecesOf(texts: readonly string[]): Pick<Layout, 'chunks' | 'starts' | 'lengths'> {
  const pieces = texts.map((text) => Buffer.from(text));
  const starts = [0];
  for (const piece of pieces) starts.push(starts[starts.length - 1]! + Math.ceil(piece.length / 8));
  const bytes = Buffer.alloc(starts[starts.length - 1]! * 8);
  pieces.forEach((piece, k) => piece.copy(bytes, starts[k]! * 8));
  const chunks = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  if (chunks.some(Number.isNaN)) throw new Error('a plan piece reads as NaN, which UTF-8 text cannot');
  return { chunks, starts, lengths: pieces.map((piece) => piece.length) };
}

const viewOf = (buffer: Buffer) => new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The layout with this document's constant values folded into the text, or undefined if it has none. */
function bakedLayout(order: readonly number[], texts: readonly string[]): Plan['baked'] {
  const constantAt: number[] = [];
  const constants: unknown[] = [];
  const bakedOrder: number[] = [];
  const bakedTexts: string[] = [texts[0]!];
  for (let k = 0; k < order.length; k++) {
    const value = values[order[k]!];
    const json = isConstant(value) ? (JSON.stringify(value) as string | undefined) : undefined;
    if (json !== undefined) {
      constantAt.push(order[k]!);
      constants.push(value);
      bakedTexts[bakedTexts.length - 1] += json + texts[k + 1]!;
    } else {
      bakedOrder.push(order[k]!);
      bakedTexts.push(texts[k + 1]!);
    }
  }
  if (constantAt.length === 0) return undefined;
  return { order: bakedOrder, ...piecesOf(bakedTexts), constantAt, constants };
}
