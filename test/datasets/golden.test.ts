/**
 * Golden tests: every fixture of every mapped dataset goes through the mapping and is compared, whole
 * document, with the expected file in test/fixtures/<dataset>/ (Elastic's pipeline-test format:
 * `{"expected": [...]}`), written from the spec and checked by hand. GENERATE=1 rewrites the expected
 * files from the current mapping; review that diff like code.
 *
 * Inputs are read in place from ../shared/fixtures (see test/support/shared.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mappedDatasets, mapLine, type MappedDataset } from '../../src/datasets/index.js';
import { toNested } from '../../src/ecs/document.js';
import { referenceContext } from '../support/map-context.js';
import { PROJECT_ROOT, sharedFixtureDir } from '../support/shared.js';
import { emittedFieldsOutsideList, linesOf, sortKeysDeep, withoutFields } from '../support/documents.js';

const GENERATE = process.env.GENERATE === '1';

/** Shipper and storage-side fields of the sample events, which a mapping does not produce. */
const SHIPPER_FIELDS: Record<string, string> = {
  agent: 'set by Elastic Agent, not by the mapping',
  elastic_agent: 'set by Elastic Agent',
  input: 'set by Elastic Agent',
  cloud: 'set by Elastic Agent on cloud hosts',
  gcs: 'set by the GCS input',
  log: 'set by the object-storage inputs',
  data_stream: 'set by the storage side (outputs)',
  'event.dataset': 'set by the storage side (outputs)',
  'event.module': 'a constant of the index mapping',
  'event.agent_id_status': 'set by Fleet',
  'event.ingested': 'set by the cluster at ingest time',
  'ecs.version': 'samples predate the baseline; the product emits one ECS version (spec README)',
};

interface SampleConfig {
  /** Extra fields the comparison leaves out, each with the reason (usually: the spec wins over the sample). */
  readonly ignore?: Record<string, string>;
}

function expectedPath(dataset: string, log: string) {
  return join(PROJECT_ROOT, 'test', 'fixtures', dataset, `${log}-expected.json`);
}

function checkFieldList(dataset: MappedDataset, line: string, doc: Record<string, unknown>) {
  const outside = emittedFieldsOutsideList(dataset, line, doc);
  assert.deepEqual(outside, [], `${dataset.name} emits fields missing from its field list: ${outside.join(', ')}`);
}

for (const dataset of mappedDatasets()) {
  describe(`${dataset.name} golden files`, () => {
    const dir = sharedFixtureDir(dataset.name);
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));

    it('has at least one fixture', () => assert.ok(logs.length > 0, `no .log fixture in ${dir}`));

    for (const log of logs) {
      it(`maps ${log} to the expected documents`, () => {
        const ctx = referenceContext();
        const lines = linesOf(readFileSync(join(dir, log), 'utf8'));
        const actual = lines.map((line) => {
          const doc = mapLine(dataset, line, ctx);
          checkFieldList(dataset, line, doc);
          return sortKeysDeep(toNested(doc));
        });
        const file = expectedPath(dataset.name, log);
        if (GENERATE) {
          mkdirSync(join(file, '..'), { recursive: true });
          writeFileSync(file, `${JSON.stringify({ expected: actual }, null, 4)}\n`);
        }
        assert.ok(existsSync(file), `missing expected file ${file} (run with GENERATE=1, then review it)`);
        const expected = JSON.parse(readFileSync(file, 'utf8')).expected;
        assert.equal(actual.length, expected.length, 'one document per input line');
        actual.forEach((doc, i) => assert.deepEqual(doc, expected[i], `${log} line ${i + 1}`));
      });
    }

    it('reproduces sample_event.json (shipper fields and the listed spec differences aside)', (t) => {
      const sample = JSON.parse(readFileSync(join(dir, 'sample_event.json'), 'utf8'));
      const original: unknown = sample.event?.original;
      if (typeof original !== 'string') {
        // Some samples were captured without event.original, so their input is unknown; check at least
        // that every field they show is one our mapping declares.
        const fields = Object.keys(withoutFields(sample, Object.keys(SHIPPER_FIELDS), true));
        const missing = fields.filter((f) => !(f in dataset.mapping.fields) && !isUnderFlattened(dataset, f));
        assert.deepEqual(missing, [], 'sample fields not in the field list');
        t.diagnostic('sample_event.json has no event.original: compared its field names only');
        return;
      }
      const configFile = join(PROJECT_ROOT, 'test', 'fixtures', dataset.name, 'sample_event.config.json');
      const config: SampleConfig = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
      const tags: string[] = sample.tags ?? [];
      const ctx = referenceContext({
        preserveOriginalEvent: tags.includes('preserve_original_event'),
        preserveDuplicateCustomFields: tags.includes('preserve_duplicate_custom_fields'),
        tags: tags.filter((x) => x !== 'preserve_original_event' && x !== 'preserve_duplicate_custom_fields'),
      });
      const ignored = [...Object.keys(SHIPPER_FIELDS), ...Object.keys(config.ignore ?? {})];
      const actual = withoutFields(toNested(mapLine(dataset, original, ctx)), ignored);
      assert.deepEqual(sortKeysDeep(actual), sortKeysDeep(withoutFields(sample, ignored)));
    });
  });
}

function isUnderFlattened(dataset: MappedDataset, field: string): boolean {
  return Object.entries(dataset.mapping.fields).some(
    ([name, type]) => (type === 'flattened' || type === 'object') && field.startsWith(`${name}.`),
  );
}
