import type { DatasetName, FlatDocument } from '../../datasets/index.js';
import { toNested } from '../../ecs/document.js';
import { DocumentJsonWriter } from '../../ecs/document-json.js';
import type { OutputBatch } from '../output.js';
import { documentId } from './ids.js';

/**
 * Turns a batch into bulk items: one `create` action line and one source line per document, written to
 * the data stream Elastic Agent would write to, with the fields Agent adds.
 */
export type SendMode = 'ecs' | 'raw';

/** `logs-cloudflare_logpush.<dataset>-<namespace>`: the reference integration's data stream names. */
export function dataStreamName(dataset: DatasetName, namespace: string): string {
  return `logs-cloudflare_logpush.${dataset}-${namespace}`;
}

/** The fields Elastic Agent sets on every event of a data stream (nested, as sent). */
export interface AgentFields {
  readonly data_stream: { readonly type: 'logs'; readonly dataset: string; readonly namespace: string };
  readonly event: { readonly dataset: string; readonly module: 'cloudflare_logpush' };
}

export function agentFields(dataset: DatasetName, namespace: string): AgentFields {
  return {
    data_stream: { type: 'logs', dataset: `cloudflare_logpush.${dataset}`, namespace },
    event: { dataset: `cloudflare_logpush.${dataset}`, module: 'cloudflare_logpush' },
  };
}

/**
 * The JSON sent for one document.
 * - `ecs`: our mapped document, nested, plus the agent fields: exactly `logpush transform` output plus
 *   `data_stream.*`, `event.dataset` and `event.module`.
 * - `raw`: what Elastic Agent's object inputs send, `{message: <line>}` with the receive time, the
 *   configured tags (the reference pipelines read `preserve_original_event` from them) and the agent
 *   fields; the cluster's `cloudflare_logpush` pipeline does the parsing.
 */
export function encodeDocument(mode: SendMode, doc: FlatDocument, original: string | undefined, receivedAt: Date, fields: AgentFields): Record<string, unknown> {
  if (mode === 'raw') {
    const message = original ?? doc.get('event.original') ?? JSON.stringify(toNested(doc));
    const tags = doc.get('tags');
    return { '@timestamp': receivedAt.toISOString(), message, ...(tags === undefined ? {} : { tags }), ...fields };
  }
  const nested = toNested(doc);
  const event = nested.event;
  nested.event = event !== null && typeof event === 'object' ? { ...event, ...fields.event } : fields.event;
  nested.data_stream = fields.data_stream;
  return nested;
}

/** One document of a batch on its way to the cluster. */
export interface BulkItem {
  /** `{"create":{"_index":…,"_id":…}}` */
  readonly action: string;
  readonly source: string;
  /** Bytes of both lines with their newlines. */
  readonly bytes: number;
  /** 1-based position of the document in its batch. */
  readonly position: number;
  /** The raw line (or the source) kept in a dead letter if the cluster refuses the document. */
  readonly raw: string;
}

export function encodeBatch(batch: OutputBatch, mode: SendMode, namespace: string): BulkItem[] {
  const index = dataStreamName(batch.dataset, namespace);
  const fields = agentFields(batch.dataset, namespace);
  const sources = mode === 'ecs' ? ecsSources(batch.documents, flatAgentFields(fields)) : undefined;
  return batch.documents.map((doc, i) => {
    const original = batch.originals?.[i];
    const action = JSON.stringify({ create: { _index: index, _id: documentId(batch.dataset, doc, original) } });
    const source = sources?.[i] ?? JSON.stringify(encodeDocument(mode, doc, original, batch.receivedAt, fields));
    return { action, source, bytes: Buffer.byteLength(action) + Buffer.byteLength(source) + 2, position: i + 1, raw: original ?? source };
  });
}

/** The agent fields as flat fields, in the order `encodeDocument` nests them. */
function flatAgentFields(fields: AgentFields): FlatDocument {
  return new Map<string, unknown>([
    ['event.dataset', fields.event.dataset],
    ['event.module', fields.event.module],
    ['data_stream.type', fields.data_stream.type],
    ['data_stream.dataset', fields.data_stream.dataset],
    ['data_stream.namespace', fields.data_stream.namespace],
  ]);
}

/**
 * The `ecs` sources of a batch through the output writer (the NDJSON output's), without nesting each
 * document and stringifying it: the same text as `encodeDocument` + JSON.stringify (encodeBatch measured
 * 10–22 % faster). A document that already holds one of the agent fields (none of our mappings set them) is left
 * to `encodeDocument`, which overrides it in place.
 */
function ecsSources(documents: readonly FlatDocument[], agent: FlatDocument): (string | undefined)[] {
  const writer = new DocumentJsonWriter();
  const agentNames = [...agent.keys(), 'event', 'data_stream'];
  const ends: number[] = [];
  for (const doc of documents) {
    const clashes = agentNames.some((field) => doc.has(field));
    if (!clashes) writer.write(doc, agent);
    ends.push(clashes ? -1 : writer.length);
  }
  const bytes = writer.take();
  let start = 0;
  return ends.map((end) => {
    if (end < 0) return undefined;
    // Without the writer's newline.
    const source = bytes.toString('utf8', start, end - 1);
    start = end;
    return source;
  });
}
