import type { FieldRule } from '../datasets/types.js';
import { INVALID, describeValue, isBlank, toIp } from './convert.js';

/**
 * An array of IP literals, all or nothing: the elements are kept exactly as sent, but when any element is
 * not an IPv4/IPv6 literal the whole field is left out and one `error.message` entry names the first bad
 * element. This is what the reference pipelines do with a `convert` to `ip` over an array: the processor
 * fails as a whole, unlike `ip()` of `rules.ts`, which drops only the bad elements.
 * A single string is checked the same way and kept as a string. `null`/`""` elements are not errors
 * (pruning removes them).
 *
 * @example AuthoritativeNameServerIPs: ipList('authoritative_name_server_ip')
 */
export function ipList(ns: string): FieldRule {
  return {
    apply(value, doc) {
      if (isBlank(value)) return;
      const elements = Array.isArray(value) ? value : [value];
      const bad = elements.findIndex((element) => toIp(element) === INVALID);
      if (bad >= 0) {
        doc.error(`cannot convert ${describeValue(elements[bad])} to ip for ${ns}`);
        return;
      }
      doc.setNs(ns, value);
    },
  };
}
