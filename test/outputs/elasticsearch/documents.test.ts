/**
 * What the Elasticsearch/OpenSearch output sends, through the real clients to the loopback server: the
 * documents equal `logpush transform` output plus the fields Elastic Agent adds, in the reference data
 * streams, with `op_type: create`, deterministic ids and `pipeline=_none`; raw mode; batching; auth.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { transform } from '../../../src/cli/transform.js';
import { mappedDatasets, requireMappedDataset } from '../../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../../src/generate/index.js';
import { EsTestServer } from '../../support/es-server.js';
import { batchOf, RECEIVED_AT, startOutput } from '../../support/es-output.js';
import { linesOf } from '../../support/documents.js';
import { referenceContext } from '../../support/map-context.js';
import { sharedFixtureDir } from '../../support/shared.js';

const fixtureLines = (dataset: string): string[] => {
  const dir = sharedFixtureDir(dataset);
  const log = readFileSync(join(dir, `test-pipeline-${dataset.replace(/_/g, '-')}.log`), 'utf8');
  return linesOf(log);
};

/** `logpush transform` of the lines, parsed. */
async function transformed(dataset: string, lines: readonly string[]): Promise<Record<string, any>[]> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  await transform({ dataset: requireMappedDataset(dataset), ctx: referenceContext(), input: Readable.from([lines.join('\n')]), output });
  return linesOf(text).map((line) => JSON.parse(line));
}

const agentFields = (dataset: string, namespace = 'default') => ({
  data_stream: { type: 'logs', dataset: `cloudflare_logpush.${dataset}`, namespace },
});

for (const flavor of ['elasticsearch', 'opensearch'] as const) {
  describe(`${flavor} output: documents`, () => {
    let server: EsTestServer;
    before(async () => {
      server = await EsTestServer.start({ flavor });
    });
    after(() => server.close());

    for (const dataset of mappedDatasets()) {
      it(`sends ${dataset.name} documents equal to logpush transform output plus the data_stream fields`, async () => {
        const lines = fixtureLines(dataset.name);
        const { output } = startOutput(server, { namespace: 'ep' });
        try {
          assert.deepEqual(await output.write(batchOf(dataset.name, lines)), { duplicate: false });
        } finally {
          await output.close();
        }
        const expected = (await transformed(dataset.name, lines)).map((doc) => {
          const withAgent: Record<string, any> = { ...doc, ...agentFields(dataset.name, 'ep') };
          withAgent.event = { ...doc.event, dataset: `cloudflare_logpush.${dataset.name}`, module: 'cloudflare_logpush' };
          // The pipeline gives a record without a usable time the receive time (data streams need one).
          withAgent['@timestamp'] ??= RECEIVED_AT.toISOString();
          return withAgent;
        });
        assert.deepEqual(server.documents(`logs-cloudflare_logpush.${dataset.name}-ep`), expected);
      });
    }

    it('uses op_type create, pipeline=_none, gzip bodies and the same _id for the same record', async () => {
      const lines = generateLines(generatorFor('dns'), { count: 5, seed: 3 });
      const before = server.bulks.length;
      const { output } = startOutput(server);
      await output.write(batchOf('dns', lines, { id: 'a' }));
      // The same records in another batch (another delivery): every create answers 409, nothing doubles.
      assert.deepEqual(await output.write(batchOf('dns', [...lines].reverse(), { id: 'b' })), { duplicate: true });
      await output.close();
      const bulks = server.bulks.slice(before);
      assert.equal(bulks.length, 2);
      for (const bulk of bulks) {
        assert.equal(bulk.query.get('pipeline'), '_none');
        assert.equal(bulk.encoding, 'gzip');
      }
      assert.equal(server.documents('logs-cloudflare_logpush.dns-default').filter((d: any) => lines.includes(d.event?.original)).length, 5);
    });

    it('sends {message: <line>} to the cluster\'s pipelines in raw mode', async () => {
      const lines = generateLines(generatorFor('firewall_event'), { count: 3, seed: 9 });
      const before = server.bulks.length;
      const { output } = startOutput(server, { mode: 'raw', namespace: 'raw' });
      await output.write(batchOf('firewall_event', lines, { ctx: referenceContext({ preserveDuplicateCustomFields: false, tags: ['forwarded'] }) }));
      await output.close();
      assert.equal(server.bulks[before]!.query.get('pipeline'), null);
      assert.deepEqual(server.documents('logs-cloudflare_logpush.firewall_event-raw'), lines.map((line) => ({
        '@timestamp': RECEIVED_AT.toISOString(),
        message: line,
        tags: ['preserve_original_event', 'forwarded'],
        ...agentFields('firewall_event', 'raw'),
        event: { dataset: 'cloudflare_logpush.firewall_event', module: 'cloudflare_logpush' },
      })));
    });

    it('shares one bulk request between small batches and cuts a large batch at bulk_max_documents', async () => {
      const { output } = startOutput(server, { flush_interval_ms: 50, bulk_max_documents: 10, namespace: 'sizes' });
      const gen = (seed: number, count: number) => generateLines(generatorFor('http_request'), { count, seed });
      const before = server.bulks.length;
      await Promise.all([output.write(batchOf('http_request', gen(1, 3), { id: '1' })), output.write(batchOf('http_request', gen(2, 4), { id: '2' }))]);
      assert.deepEqual(server.bulks.slice(before).map((b) => b.items), [7]);
      const middle = server.bulks.length;
      await output.write(batchOf('http_request', gen(3, 25), { id: '3' }));
      assert.deepEqual(server.bulks.slice(middle).map((b) => b.items), [10, 10, 5]);
      await output.close();
      assert.equal(server.documents('logs-cloudflare_logpush.http_request-sizes').length, 32);
    });
  });
}

describe('cluster authentication', () => {
  it('sends the API key to Elasticsearch and basic auth to OpenSearch', async () => {
    const es = await EsTestServer.start({ authorization: 'ApiKey c2VjcmV0' });
    const os = await EsTestServer.start({ flavor: 'opensearch', authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` });
    try {
      const lines = generateLines(generatorFor('dns'), { count: 2, seed: 5 });
      for (const [server, auth] of [[es, { api_key: 'c2VjcmV0' }], [os, { username: 'admin', password: 'pw' }]] as const) {
        const { output } = startOutput(server, auth);
        await output.write(batchOf('dns', lines));
        await output.close();
        assert.equal(server.documents().length, 2);
      }
    } finally {
      await es.close();
      await os.close();
    }
  });
});
