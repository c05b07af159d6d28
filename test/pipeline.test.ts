/**
 * `mapBatch`, the pipeline's decode-and-map step: records without a usable time get the collection time
 * (the batch's receive time) as `@timestamp`, and the specs that say so also get its namespace copy
 * (a duplicate custom field: only with `preserve_duplicate_custom_fields`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateLines, generatorFor } from '../src/generate/index.js';
import { requireMappedDataset, type DatasetName } from '../src/datasets/index.js';
import { mapBatch } from '../src/pipeline.js';
import { referenceContext } from './support/map-context.js';

const RECEIVED = new Date('2026-03-04T05:06:07.089Z');

function mapOne(dataset: DatasetName, change: Record<string, unknown>, keepDuplicates = true) {
  const record = { ...JSON.parse(generateLines(generatorFor(dataset), { count: 1, seed: 5 })[0]!), ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete record[key];
  const batch = { dataset: requireMappedDataset(dataset), id: 't', source: 'test', receivedAt: RECEIVED, lines: [JSON.stringify(record)] };
  const result = mapBatch(batch, referenceContext({ preserveDuplicateCustomFields: keepDuplicates }), 1 << 20);
  assert.equal(result.documents.length, 1);
  return result.documents[0]!;
}

// The specs' collection-time rules: five copy it only when the time fails to parse, network_analytics
// (rule 2d) also when it is missing.
const COPYING: [DatasetName, string, boolean][] = [
  ['access_request', 'CreatedAt', false], ['audit', 'When', false], ['casb', 'DetectedTimestamp', false],
  ['device_posture', 'Timestamp', false], ['magic_ids', 'Timestamp', false], ['network_analytics', 'Datetime', true],
];

describe('mapBatch collection time', () => {
  for (const [dataset, key, whenAbsent] of COPYING) {
    const copy = `cloudflare_logpush.${dataset}.timestamp`;
    it(`${dataset}: an unparsable ${key} gives @timestamp and ${copy} the receive time`, () => {
      const doc = mapOne(dataset, { [key]: 'not a time' });
      assert.equal(doc.get('@timestamp'), RECEIVED.toISOString());
      assert.equal(doc.get(copy), RECEIVED.toISOString());
      assert.ok((doc.get('error.message') as string[]).some((m) => m.includes('not a time')));
    });
    it(`${dataset}: a missing ${key} ${whenAbsent ? 'is copied too' : 'sets @timestamp only'}`, () => {
      const doc = mapOne(dataset, { [key]: undefined });
      assert.equal(doc.get('@timestamp'), RECEIVED.toISOString());
      assert.equal(doc.get(copy), whenAbsent ? RECEIVED.toISOString() : undefined);
    });
    it(`${dataset}: no copy without preserve_duplicate_custom_fields`, () => {
      const doc = mapOne(dataset, { [key]: 'not a time' }, false);
      assert.equal(doc.get('@timestamp'), RECEIVED.toISOString());
      assert.equal(doc.get(copy), undefined);
    });
  }

  it('leaves a parsed time alone and copies nothing for datasets whose spec does not say so', () => {
    const parsed = mapOne('magic_ids', {});
    assert.notEqual(parsed.get('@timestamp'), RECEIVED.toISOString());
    assert.equal(parsed.get('cloudflare_logpush.magic_ids.timestamp'), parsed.get('@timestamp'));
    const dns = mapOne('dns', { Timestamp: 'not a time' });
    assert.equal(dns.get('@timestamp'), RECEIVED.toISOString());
    assert.equal(dns.get('cloudflare_logpush.dns.timestamp'), undefined);
  });
});
