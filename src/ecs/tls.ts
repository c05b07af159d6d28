import { isBlank } from './convert.js';

/**
 * `tls.version_protocol` / `tls.version` from a protocol name as Cloudflare logs it (`TLSv1.2`, `SSLv3`),
 * the way the reference pipelines split it: at the first lower-case `v`, the left part lower-cased.
 * `none` and `unknown` mean "no TLS" and are never split.
 *
 * @example splitTlsProtocol("TLSv1.3") → { versionProtocol: "tls", version: "1.3" }
 */
export interface TlsVersion {
  readonly versionProtocol: string;
  readonly version: string;
}

/** True when there is no TLS protocol to split: missing, null, "", `none` or `unknown`. */
export function isNoTls(protocol: unknown): boolean {
  return isBlank(protocol) || protocol === 'none' || protocol === 'unknown';
}

/** Splits `TLSv1.2` into `tls` / `1.2`; undefined for a non-string or a text without a lower-case `v`. */
export function splitTlsProtocol(protocol: unknown): TlsVersion | undefined {
  if (typeof protocol !== 'string') return undefined;
  const at = protocol.indexOf('v');
  if (at < 0) return undefined;
  return { versionProtocol: protocol.slice(0, at).toLowerCase(), version: protocol.slice(at + 1) };
}
