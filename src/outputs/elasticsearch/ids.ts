import { createHash } from 'node:crypto';
import type { DatasetName, FlatDocument } from '../../datasets/index.js';

/**
 * Deterministic document ids. The same Cloudflare record always gets the same `_id` in its data stream,
 * so a batch sent again (a retry after a lost response, Cloudflare re-pushing after a 503) is answered
 * `409` by `op_type: create` instead of being indexed twice.
 *
 * The key is the raw line when we have it (the record exactly as Cloudflare sent it), else
 * `event.original`, else the document itself in a key-sorted serialisation. Two byte-identical records
 * therefore share an id: Cloudflare does not send true duplicates on purpose, and when it re-sends a
 * batch that is exactly the case we want collapsed. (Elastic's integrations use a fingerprint of
 * `event.original` for the same reason.)
 *
 * The id is 120 bits of SHA-256 in base64url (20 characters, the length of Elasticsearch's own ids):
 * short ids keep the `_id` index small, and a collision is not a practical concern at this width.
 */
export function documentId(dataset: DatasetName, doc: FlatDocument, original?: string): string {
  const key = original ?? keyOf(doc);
  return createHash('sha256').update(dataset).update('\n').update(key).digest().subarray(0, 15).toString('base64url');
}

function keyOf(doc: FlatDocument): string {
  const eventOriginal = doc.get('event.original');
  return typeof eventOriginal === 'string' ? eventOriginal : stableJson(Object.fromEntries(doc));
}

/** JSON with object keys sorted at every level, so that equal documents serialise equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
