/**
 * Protocol strings as Cloudflare logs them (`HTTP/1.1`, `HTTP/2`, `TLSv1.3`), split the way the reference
 * pipelines do: at the first separator, the left part lower-cased, the rest kept as text. Cloudflare writes
 * `none` or `unknown` when there was no such protocol; those (and values without the separator) give nothing,
 * and no error. (`tls.ts` has a TLS-specific variant; the two could be merged.)
 */

/**
 * Splits a protocol string at the first `separator` into [lower-cased name, version text].
 *
 * @example splitProtocolVersion("HTTP/1.1", "/") → ["http", "1.1"]
 * @example splitProtocolVersion("TLSv1.3", "v") → ["tls", "1.3"]
 */
export function splitProtocolVersion(value: unknown, separator: string): [string, string] | undefined {
  if (typeof value !== 'string' || value === '' || value === 'none' || value === 'unknown') return undefined;
  const at = value.indexOf(separator);
  if (at < 0) return undefined;
  return [value.slice(0, at).toLowerCase(), value.slice(at + separator.length)];
}

/** Writes `network.protocol` and `http.version` from a request protocol such as `HTTP/2` (`http`, `"2"`). */
export function setHttpProtocol(doc: { set(field: string, value: unknown): void }, protocol: unknown): void {
  const parts = splitProtocolVersion(protocol, '/');
  if (parts === undefined) return;
  doc.set('network.protocol', parts[0]);
  doc.set('http.version', parts[1]);
}
