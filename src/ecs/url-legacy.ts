import type { FieldSink } from './document.js';
import { URL_EXTENSION } from './fields.js';
import { parseUriParts, urlField } from './url.js';

/**
 * `url.*` as older revisions of Elasticsearch's `uri_parts` processor produced them, which some reference
 * outputs still show: the same parts as `setUrlParts`, except that `url.extension` is the text after the
 * last `.` of the WHOLE path, set whenever the path contains a dot (`/a.b/c` → `b/c`, `/v1.2/` → `2/`).
 * Returns false, writing nothing, when the value is not a string or the string is rejected.
 *
 * @example setLegacyUrlParts(doc, "https://example.com/files.v2/report") → url.extension "v2/report"
 */
export function setLegacyUrlParts(doc: FieldSink, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = parseUriParts(value);
  if (parts === undefined) return false;
  for (const part in parts) if (part !== 'extension') doc.setField(urlField(part), parts[part]);
  const { path } = parts;
  if (typeof path === 'string' && path.includes('.')) doc.setField(URL_EXTENSION, path.slice(path.lastIndexOf('.') + 1));
  return true;
}
