/**
 * Dataset auto-detection over every fixture of every dataset (and generated records), through the
 * function, `POST /` on a real collector, and `logpush transform --dataset auto`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { detectLine } from '../../src/datasets/detect.js';
import { mappedDatasets } from '../../src/datasets/index.js';
import { generateLines, generatorFor } from '../../src/generate/index.js';
import { startTestCollector, tempDir } from '../support/collector.js';
import { linesOf } from '../support/documents.js';
import { PROJECT_ROOT, sharedFixtureDir } from '../support/shared.js';

/**
 * The one fixture line whose fields do not identify its dataset: http_request record 6 is minimal and
 * carries a stray firewall `Action`; every one of its fields is a firewall_event field, so it is
 * recognised as a firewall event. Listed here rather than special-cased in the code.
 */
const AMBIGUOUS = new Map([['http_request:6', 'firewall_event']]);

function fixtureLines(dataset: string): string[] {
  const dir = sharedFixtureDir(dataset);
  const lines = readdirSync(dir).filter((f) => f.endsWith('.log')).flatMap((f) => linesOf(readFileSync(join(dir, f), 'utf8')));
  const original = JSON.parse(readFileSync(join(dir, 'sample_event.json'), 'utf8')).event?.original;
  return typeof original === 'string' ? [...lines, original] : lines;
}

const detected = (line: string) => {
  const result = detectLine(line);
  return 'dataset' in result ? result.dataset.name : `none: ${result.reason}`;
};

describe('dataset auto-detection', () => {
  for (const dataset of mappedDatasets()) {
    it(`recognises every ${dataset.name} fixture and generated record`, () => {
      fixtureLines(dataset.name).forEach((line, i) => {
        const expected = AMBIGUOUS.get(`${dataset.name}:${i + 1}`) ?? dataset.name;
        assert.equal(detected(line), expected, `fixture line ${i + 1}`);
      });
      for (const line of generateLines(generatorFor(dataset.name), { count: 100, seed: 7 })) assert.equal(detected(line), dataset.name, line);
    });
  }

  it('gives a reason for records that match no dataset', () => {
    assert.match(detected('{"Foo":1,"Bar":2,"Baz":3}'), /^none: no dataset recognises this record's fields \(Foo, Bar, Baz\)/);
    assert.match(detected('{}'), /^none: empty record/);
    assert.match(detected('[1]'), /^none: not a JSON object/);
    assert.match(detected('nope'), /^none: not valid JSON/);
  });

  it('stores a mixed body posted to / by dataset and dead-letters the unrecognised record', async () => {
    const collector = await startTestCollector();
    try {
      const body = ['dns', 'firewall_event', 'gateway_dns'].flatMap((d) => fixtureLines(d).slice(0, 2));
      body.push('{"Unknown":"record","Other":1}');
      const response = await collector.post('/', body.join('\n'));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { message: 'success', events: { dns: 2, firewall_event: 2, gateway_dns: 2 }, dead_letters: 1 });
      const letters = await collector.sql('SELECT raw, reason FROM dead_letters');
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.raw, '{"Unknown":"record","Other":1}');
      assert.match(letters[0]!.reason as string, /auto-detection: no dataset recognises/);
      assert.deepEqual(await collector.sql('SELECT count(*) AS n FROM gateway_dns'), [{ n: 2 }]);
    } finally {
      await collector.dispose();
    }
  });

  it('maps each record of a mixed file with transform --dataset auto, in input order', async () => {
    const dir = tempDir();
    try {
      const lines = ['nel_report', 'audit', 'http_request'].map((d) => fixtureLines(d)[0]!);
      const file = join(dir.path, 'mixed.log');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const { stdout } = await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'bin', 'logpush.js'), 'transform', '--dataset', 'auto', file], {
        env: { ...process.env, NODE_TEST_CONTEXT: undefined },
      });
      const docs = linesOf(stdout).map((l) => JSON.parse(l));
      assert.deepEqual(docs.map((d) => Object.keys(d.cloudflare_logpush)[0]), ['nel_report', 'audit', 'http_request']);
    } finally {
      dir.remove();
    }
  });
});
