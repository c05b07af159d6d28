import { setUrlParts } from './url.js';

/**
 * `url.*` as older revisions of Elasticsearch's `uri_parts` processor produced them, which some reference
 * outputs still show: the same parts as `setUrlParts`, except that `url.extension` is the text after the
 * last `.` of the WHOLE path, set whenever the path contains a dot (`/a.b/c` → `b/c`, `/v1.2/` → `2/`).
 * Returns false, writing nothing, when the value is not a string or the string is rejected.
 *
 * @example setLegacyUrlParts(doc, "https://example.com/files.v2/report") → url.extension "v2/report"
 */
export function setLegacyUrlParts(doc: { set(field: string, value: unknown): void }, value: unknown): boolean {
  const parts: Record<string, unknown> = {};
  if (!setUrlParts({ set: (field, part) => (parts[field] = part) }, value)) return false;
  delete parts['url.extension'];
  const path = parts['url.path'];
  if (typeof path === 'string' && path.includes('.')) parts['url.extension'] = path.slice(path.lastIndexOf('.') + 1);
  for (const field in parts) doc.set(field, parts[field]);
  return true;
}
