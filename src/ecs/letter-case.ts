import type { FieldRule } from '../datasets/types.js';
import { describeValue, isBlank } from './convert.js';

/**
 * Rules for a string key whose ECS copy is lower- or upper-cased while the namespace copy keeps the case
 * as sent. The namespace copy is a duplicate: kept only with `preserve_duplicate_custom_fields`.
 * The reference pipelines' `lowercase`/`uppercase` processors fail the whole pipeline on a non-string;
 * here that is a conversion error (`error.message`) and neither copy is written.
 *
 * @example lowerCased('action.type', 'event.action')  // "Token_Create" → event.action "token_create"
 */
export const lowerCased = (ns: string, ecs: string): FieldRule => changedCase(ns, ecs, (text) => text.toLowerCase());

/** Like `lowerCased`, upper-casing the ECS copy (`us` → `US`). */
export const upperCased = (ns: string, ecs: string): FieldRule => changedCase(ns, ecs, (text) => text.toUpperCase());

// String.prototype.toLowerCase/toUpperCase are locale-independent (unlike the toLocale… variants).
function changedCase(ns: string, ecs: string, change: (text: string) => string): FieldRule {
  return {
    apply(value, doc) {
      if (isBlank(value)) return;
      if (typeof value !== 'string') {
        doc.error(`cannot change the case of ${describeValue(value)} for ${ns}: not a string`);
        return;
      }
      doc.set(ecs, change(value));
      if (doc.keepDuplicates) doc.setNs(ns, value);
    },
  };
}
