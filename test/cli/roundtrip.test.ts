/**
 * The fixtures of every mapped dataset go through HTTP → DuckDB, and `logpush query` gives back exactly
 * the documents that `logpush transform` prints for the same records (run as real CLI processes).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mappedDatasets } from '../../src/datasets/index.js';
import { startTestCollector, type TestCollector } from '../support/collector.js';
import { GEOIP_ASN, GEOIP_CITY, PROJECT_ROOT, sharedFixtureDir } from '../support/shared.js';
import { linesOf } from '../support/documents.js';

const BIN = join(PROJECT_ROOT, 'bin', 'logpush.js');
// Asynchronous: the collector under test runs in this process and must keep answering the CLI.
const cli = async (args: string[]) =>
  (await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined }, maxBuffer: 64 << 20 })).stdout;
const TAGS = ['preserve_original_event', 'preserve_duplicate_custom_fields', 'forwarded'];

describe('HTTP → DuckDB → query equals transform', () => {
  const datasets = mappedDatasets();
  let collector: TestCollector;
  before(async () => {
    const config: Record<string, unknown> = { 'geoip.city_file': GEOIP_CITY(), 'geoip.asn_file': GEOIP_ASN() };
    for (const d of datasets) {
      config[`datasets.${d.name}`] = { tags: ['forwarded'], preserve_original_event: true, preserve_duplicate_custom_fields: true };
    }
    collector = await startTestCollector({ config });
  });
  after(() => collector.dispose());

  for (const dataset of datasets) {
    it(`round-trips the ${dataset.name} fixtures`, async () => {
      const dir = sharedFixtureDir(dataset.name);
      const log = join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!);
      const transformed = linesOf(await cli(['transform', '--dataset', dataset.name, ...TAGS.flatMap((t) => ['--tag', t]), '--geoip-city', GEOIP_CITY(), '--geoip-asn', GEOIP_ASN(), log])).map((l) => JSON.parse(l));
      assert.equal(transformed.length, linesOf(readFileSync(log, 'utf8')).length, 'one document per record');
      const response = await collector.post(`/${dataset.cloudflareId}`, readFileSync(log));
      assert.equal(response.status, 200);
      const queried = linesOf(await cli(['query', '--api', collector.apiUrl!, '--format', 'json', `SELECT * FROM ${dataset.name} ORDER BY _line`])).map((l) => JSON.parse(l));
      assert.deepEqual(queried, transformed);
    });
  }
});
