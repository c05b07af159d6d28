/**
 * Table-driven units of the bulk path: what each per-item answer means, the backoff schedule, and the
 * deterministic ids and data stream names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, classifyItem, type ItemStatus } from '../../../src/outputs/elasticsearch/bulk.js';
import { agentFields, dataStreamName, encodeBatch, encodeDocument } from '../../../src/outputs/elasticsearch/encode.js';
import { mappedDatasets } from '../../../src/datasets/index.js';
import type { OutputBatch } from '../../../src/outputs/output.js';
import { documentId, stableJson } from '../../../src/outputs/elasticsearch/ids.js';
import { generateLines, generatorFor } from '../../../src/generate/index.js';
import { batchOf } from '../../support/es-output.js';

describe('bulk item results', () => {
  const rows: [string, Record<string, any> | undefined, ItemStatus][] = [
    ['201 created', { create: { status: 201, result: 'created' } }, { kind: 'created' }],
    ['200 (an index op)', { index: { status: 200 } }, { kind: 'created' }],
    ['409 already there', { create: { status: 409, error: { type: 'version_conflict_engine_exception', reason: '[x]: version conflict' } } }, { kind: 'duplicate' }],
    ['429 rejected execution', { create: { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } }, { kind: 'retry', reason: 'es_rejected_execution_exception: queue full', mayHaveApplied: false }],
    ['503 unavailable shards', { create: { status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary not active' } } }, { kind: 'retry', reason: 'unavailable_shards_exception: primary not active', mayHaveApplied: true }],
    ['400 mapping error, with its cause', { create: { status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [source.port]', caused_by: { type: 'illegal_argument_exception', reason: 'For input string: "x"' } } } }, { kind: 'rejected', reason: '400 document_parsing_exception: failed to parse field [source.port] (caused by: For input string: "x")' }],
    ['404 no such index (auto-create off)', { create: { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index' } } }, { kind: 'rejected', reason: '404 index_not_found_exception: no such index' }],
    ['a missing entry', undefined, { kind: 'retry', reason: 'status 0', mayHaveApplied: true }],
  ];
  for (const [name, entry, want] of rows) {
    it(`classifies ${name}`, () => assert.deepEqual(classifyItem(entry), want));
  }
});

describe('backoff', () => {
  it('doubles from the initial delay up to the maximum, with jitter in the upper half', () => {
    const settings = { initialMs: 100, maxMs: 1000 };
    assert.deepEqual([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(settings, n, () => 1)), [100, 200, 400, 800, 1000, 1000]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(settings, n, () => 0)), [50, 100, 200, 400, 500]);
  });
});

describe('document ids and data streams', () => {
  const lines = generateLines(generatorFor('dns'), { count: 3, seed: 1 });

  it('names the reference data streams', () => {
    assert.equal(dataStreamName('http_request', 'default'), 'logs-cloudflare_logpush.http_request-default');
  });

  it('gives the same record the same 20-character id, whichever batch carries it', () => {
    const a = encodeBatch(batchOf('dns', lines, { id: 'a' }), 'ecs', 'default');
    const b = encodeBatch(batchOf('dns', [lines[2]!, lines[0]!], { id: 'b' }), 'ecs', 'default');
    const id = (item: { action: string }) => JSON.parse(item.action).create._id as string;
    assert.equal(id(a[0]!), id(b[1]!));
    assert.equal(id(a[2]!), id(b[0]!));
    assert.equal(new Set(a.map(id)).size, 3);
    for (const item of a) assert.match(id(item), /^[A-Za-z0-9_-]{20}$/);
    assert.deepEqual(JSON.parse(a[0]!.action), { create: { _index: 'logs-cloudflare_logpush.dns-default', _id: id(a[0]!) } });
  });

  it('keys the id on the dataset and on event.original, else on the whole document', () => {
    const doc = new Map<string, unknown>([['event.original', lines[0]], ['b', 1]]);
    assert.equal(documentId('dns', doc), documentId('dns', new Map([['event.original', lines[0]]])));
    assert.notEqual(documentId('dns', doc), documentId('dns_firewall', doc));
    const noOriginal = (entries: [string, unknown][]) => documentId('dns', new Map(entries));
    assert.equal(noOriginal([['a', 1], ['b', { y: 2, x: 1 }]]), noOriginal([['b', { x: 1, y: 2 }], ['a', 1]]));
    assert.notEqual(noOriginal([['a', 1]]), noOriginal([['a', 2]]));
    assert.equal(stableJson({ b: [2, { d: 1, c: 0 }], a: null }), '{"a":null,"b":[2,{"c":0,"d":1}]}');
  });
});

describe('ecs sources', () => {
  /** What the sources must be: each document nested with the agent fields, through JSON.stringify. */
  const expected = (batch: OutputBatch) =>
    batch.documents.map((doc, i) => JSON.stringify(encodeDocument('ecs', doc, batch.originals?.[i], batch.receivedAt, agentFields(batch.dataset, 'prod'))));

  it('are the nested document with the agent fields, for generated records of every dataset', () => {
    for (const { name } of mappedDatasets()) {
      const batch = batchOf(name, generateLines(generatorFor(name), { count: 150, seed: 3 }));
      const items = encodeBatch(batch, 'ecs', 'prod');
      assert.deepEqual(items.map((item) => item.source), expected(batch), name);
      for (const item of items) assert.equal(item.bytes, Buffer.byteLength(item.action) + Buffer.byteLength(item.source) + 2);
    }
  });

  it('override agent fields a document already holds, in place, as encodeDocument does', () => {
    const mapped = batchOf('dns', generateLines(generatorFor('dns'), { count: 2, seed: 1 }));
    mapped.documents[0]!.set('event.module', 'other');
    mapped.documents[1]!.set('data_stream.namespace', 'mine');
    const batch = { ...mapped, documents: [...mapped.documents, new Map<string, unknown>([['event', 'scalar'], ['message', 'é "x"']])], originals: undefined };
    assert.deepEqual(encodeBatch(batch, 'ecs', 'prod').map((item) => item.source), expected(batch));
  });
});
