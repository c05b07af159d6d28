import { fieldUnder, type FieldName, type FieldSink } from './document.js';
import { setUrlParts } from './url.js';

/**
 * `url.*` as older revisions of Elasticsearch's `uri_parts` processor produced them, which some reference
 * outputs still show: the same parts as `setUrlParts`, except that `url.extension` is the text after the
 * last `.` of the WHOLE path, set whenever the path contains a dot (`/a.b/c` → `b/c`, `/v1.2/` → `2/`).
 * Returns false, writing nothing, when the value is not a string or the string is rejected.
 *
 * @example setLegacyUrlParts(doc, "https://example.com/files.v2/report") → url.extension "v2/report"
 */
export function setLegacyUrlParts(doc: FieldSink, value: unknown): boolean {
  parts.length = 0;
  if (!setUrlParts(collector, value)) return false;
  let path: unknown;
  for (let i = 0; i < parts.length; i += 2) {
    const field = parts[i] as FieldName;
    if (field === URL_PATH) path = parts[i + 1];
    if (field !== URL_EXTENSION) doc.setField(field, parts[i + 1]);
  }
  if (typeof path === 'string' && path.includes('.')) doc.setField(URL_EXTENSION, path.slice(path.lastIndexOf('.') + 1));
  parts.length = 0;
  return true;
}

const URL_PATH = fieldUnder('url', 'path');
const URL_EXTENSION = fieldUnder('url', 'extension');

/**
 * What `setUrlParts` writes, field, value, field, value…, collected by one object made once: a collector
 * made per call was a closure, which the loader (tsx) names with Object.defineProperty every time (it
 * showed in profiles), and an object with members deleted turns into a slow dictionary.
 */
const parts: unknown[] = [];
const collector: FieldSink = {
  setField(field, value) {
    parts.push(field, value);
  },
};
