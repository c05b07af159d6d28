import type { FieldRule } from '../datasets/types.js';
import { describeValue, isBlank } from './convert.js';
import { fieldUnder, type FieldName } from './document.js';

/**
 * Text lists as the reference pipelines' `split` processor makes them (Java's `String.split`): the pieces
 * between separators, with a trailing run of empty pieces dropped. Inner empty pieces stay; the final
 * pruning removes them.
 *
 * @example splitJava("a\n\nb\n\n", "\n") → ["a", "", "b"]
 */
export function splitJava(text: string, separator: string): string[] {
  if (separator === '') throw new Error('splitJava needs a separator');
  // By indexOf and slice rather than String#split, a C++ runtime call in V8: half the time for a
  // sinkhole record's four headers (186 → 86 ns).
  const pieces: string[] = [];
  for (let from = 0; ; ) {
    const at = text.indexOf(separator, from);
    if (at < 0) {
      pieces.push(text.slice(from));
      break;
    }
    pieces.push(text.slice(from, at));
    from = at + separator.length;
  }
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

/**
 * A rule writing a string key as a list split at `separator` (see `splitJava`) to the namespace field.
 * An array is kept as it is; any other value cannot be split and is noted in `error.message`.
 *
 * @example Headers: splitText('request.headers', '\n')
 */
export function splitText(ns: string, separator: string): FieldRule {
  // The full field name for the namespace last written (a rule belongs to one dataset's table).
  let namespace: string | undefined;
  let field: FieldName | undefined;
  return {
    apply(value, doc) {
      if (isBlank(value)) return;
      if (typeof value === 'string') {
        if (doc.namespace !== namespace) field = fieldUnder((namespace = doc.namespace), ns);
        // Pruned here, as the final pruning would (empty pieces go, and an empty list is no field), so
        // that it need not look at the list again.
        const pieces = withoutEmpty(splitJava(value, separator));
        if (pieces.length > 0) doc.setCleanAt(field!.slot, field!.name, pieces);
      } else if (Array.isArray(value)) doc.setNs(ns, value);
      else doc.error(`cannot split ${describeValue(value)} for ${ns}: not a string`);
    },
  };
}

function withoutEmpty(pieces: string[]): string[] {
  for (let i = 0; i < pieces.length; i++) if (pieces[i] === '') return pieces.filter((piece) => piece !== '');
  return pieces;
}
