import type { CloudflareRecord, FieldRule, MapContext } from '../datasets/types.js';
import { fieldName, fieldUnder, type DocumentBuilder, type FieldName } from './document.js';
import { INVALID, describeValue, isBlank, toBoolean, toDouble, toIp, toKeyword, toLong, type Converted } from './convert.js';
import { parseHttpDate, parseTimestamp } from './timestamp.js';

/**
 * Rule builders for the mapping tables in `src/datasets/*.ts`. A table row reads
 * `ClientIP: ip('client.ip', { ecs: 'source.ip' })`: convert the Cloudflare key `ClientIP` to an IP,
 * write it to `source.ip`, and keep the namespace copy `cloudflare_logpush.<dataset>.client.ip` only
 * when duplicates are preserved (a namespace field with an ECS twin is a "duplicate custom field").
 */
export interface TargetOptions {
  /** ECS field(s) that receive the value. */
  readonly ecs?: string | readonly string[];
  /** Keep the namespace copy even without `preserve_duplicate_custom_fields` (the spec says "always kept"). */
  readonly keep?: boolean;
}

type Converter = (value: unknown) => Converted<unknown>;

export interface Targets {
  /** The ECS fields, with their slots (see DocumentFields) looked up once. */
  readonly ecs: readonly FieldName[];
  /** The field under the dataset namespace, relative to it (`client.ip`), if any. */
  readonly ns: string | null;
  /** Whether the namespace field is a duplicate of an ECS one: written only when duplicates are kept. */
  readonly dup: boolean;
  /** Cache of `<namespace>.<ns>` (name and slot) for the namespace last written. */
  namespace?: string;
  full?: FieldName;
}

function targetsOf(ns: string | null, options: TargetOptions): Targets {
  const ecs = options.ecs === undefined ? [] : typeof options.ecs === 'string' ? [options.ecs] : options.ecs;
  return { ecs: ecs.map((name) => fieldName(name)), ns, dup: ecs.length > 0 && options.keep !== true };
}

/**
 * A converting rule's parts, for the compiled rule loop (see `compileRules` in datasets/map.ts), which
 * does it itself for a scalar value: `convert`, then write the result to the `targets` or `fail` with the
 * value. `apply` does the same, and also takes arrays (element-wise) and null.
 */
export interface ConvertingRule extends FieldRule {
  readonly targets: Targets;
  readonly convert: Converter;
  fail(value: unknown, doc: DocumentBuilder): void;
}

/** A rule that converts the value (element-wise for arrays) and writes it to its targets. */
function converting(typeName: string, convert: Converter, ns: string | null, options: TargetOptions = {}): ConvertingRule {
  const targets = targetsOf(ns, options);
  const fail = (value: unknown, doc: DocumentBuilder) => doc.error(`cannot convert ${describeValue(value)} to ${typeName} for ${ns ?? targets.ecs[0]?.name}`);
  return {
    targets,
    convert,
    fail,
    apply(value, doc) {
      let converted: unknown;
      if (Array.isArray(value)) {
        const list: unknown[] = [];
        for (const element of value) {
          const one = convert(element);
          if (one === INVALID) fail(element, doc);
          else if (one !== undefined) list.push(one);
        }
        converted = list;
      } else {
        converted = convert(value);
        if (converted === INVALID) {
          fail(value, doc);
          return;
        }
        if (converted === undefined) return;
      }
      writeTargets(doc, targets, converted);
    },
  };
}

/** Writes a value to a rule's fields. The compiled rule loop (compileRules in datasets/map.ts) writes the same fields itself. */
function writeTargets(doc: DocumentBuilder, targets: Targets, value: unknown): void {
  const { ecs } = targets;
  for (let i = 0; i < ecs.length; i++) doc.setField(ecs[i]!, value);
  if (targets.ns !== null && (!targets.dup || doc.keepDuplicates)) {
    // A rule belongs to one dataset's table: look its full field name up once, not per document (and
    // from the shared cache, so that derive steps reading it use the same string).
    if (targets.namespace !== doc.namespace) {
      targets.namespace = doc.namespace;
      targets.full = fieldUnder(doc.namespace, targets.ns);
    }
    doc.setField(targets.full!, value);
  }
}

/** A `move` rule: its targets are public so that the compiled rule loop can write them itself. */
export interface MoveRule extends FieldRule {
  readonly moves: Targets;
}

/** The value exactly as sent (any JSON type), to the namespace field (and ECS fields if given). */
export function move(ns: string | null, options: TargetOptions = {}): MoveRule {
  const targets = targetsOf(ns, options);
  return {
    moves: targets,
    apply(value, doc) {
      if (isBlank(value)) return;
      writeTargets(doc, targets, value);
    },
  };
}

/** Strings as sent; numbers and booleans as text. */
export const keyword = (ns: string | null, options?: TargetOptions) => converting('string', toKeyword, ns, options);
/** Integer (or digit string) → number. */
export const long = (ns: string | null, options?: TargetOptions) => converting('long', toLong, ns, options);
/** Number (or numeric string) → number. */
export const double = (ns: string | null, options?: TargetOptions) => converting('double', toDouble, ns, options);
/** JSON boolean or "true"/"false" → boolean. */
export const boolean = (ns: string | null, options?: TargetOptions) => converting('boolean', toBoolean, ns, options);
/** A valid IPv4/IPv6 literal, kept as sent. */
export const ip = (ns: string | null, options?: TargetOptions) => converting('ip', toIp, ns, options);

function dateConverter(parse: typeof parseTimestamp): Converter {
  return (value) => {
    const result = parse(value);
    if (result === undefined) return undefined;
    return result.ok ? result.value : INVALID;
  };
}
/** A Logpush timestamp (RFC 3339, Unix s/ms/ns) → ISO 8601 UTC with milliseconds. */
export const date = (ns: string | null, options?: TargetOptions) => converting('date', dateConverter(parseTimestamp), ns, options);
/** An HTTP header date (ISO 8601, RFC 1123, or epoch ms). */
export const httpDate = (ns: string | null, options?: TargetOptions) => converting('date', dateConverter(parseHttpDate), ns, options);

/** A key with its own logic: `apply` gets the value, the document, the record and the context. */
export function custom(
  apply: (value: unknown, doc: DocumentBuilder, record: CloudflareRecord, ctx: MapContext) => void,
): FieldRule {
  return { apply };
}

/** A known key that the mapping's `derive` step handles (so it is not kept as an unknown field). */
export const derived: FieldRule = { apply() {} };
