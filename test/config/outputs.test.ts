/** The `outputs` list of the configuration: defaults, the union on `type`, strict keys, secrets. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, redactConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir } from '../support/collector.js';

function load(yaml: string) {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'config.yaml');
    writeFileSync(file, yaml);
    return loadConfig({ file, env: {} });
  } finally {
    dir.remove();
  }
}

function problems(yaml: string): string {
  try {
    load(yaml);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('outputs configuration', () => {
  it('defaults to the DuckDB store alone', () => {
    assert.deepEqual(loadConfig({ env: {} }).outputs, [{ type: 'duckdb' }]);
  });

  it('fills the Elasticsearch defaults: local host, namespace default, ecs mode, gzip, bounded bulks', () => {
    const [, es] = load('outputs:\n  - type: duckdb\n  - type: elasticsearch\n    hosts: [https://es.example:9200]\n').outputs;
    assert.equal(es!.type, 'elasticsearch');
    if (es!.type !== 'elasticsearch') return;
    assert.deepEqual(es.hosts, ['https://es.example:9200']);
    assert.equal(es.namespace, 'default');
    assert.equal(es.mode, 'ecs');
    assert.equal(es.compression, true);
    assert.deepEqual([es.bulk_max_documents, es.bulk_max_bytes, es.concurrency], [5000, 10 * 1024 * 1024, 2]);
    assert.equal(es.ssl.verification_mode, 'full');
    assert.equal(es.lifecycle.retention_days, 30);
  });

  it('rejects a misspelt key, an unknown type and an Elasticsearch-only key on OpenSearch, each with its path', () => {
    assert.match(problems('outputs:\n  - type: elasticsearch\n    hots: [http://x:9200]\n'), /Unrecognized key: "hots"\n\s+→ at outputs\[0\]/);
    assert.match(problems('outputs:\n  - type: kafka\n'), /→ at outputs\[0\]\.type/);
    assert.match(problems('outputs:\n  - type: opensearch\n    api_key: abc\n'), /Unrecognized key: "api_key"\n\s+→ at outputs\[0\]/);
    assert.match(problems('outputs:\n  - type: elasticsearch\n    namespace: Bad-Name\n'), /→ at outputs\[0\]\.namespace/);
    assert.match(problems('outputs: []\n'), /→ at outputs/);
  });

  it('redacts API keys and passwords when the configuration is printed', () => {
    const config = load('outputs:\n  - type: elasticsearch\n    api_key: c2VjcmV0\n  - type: opensearch\n    username: admin\n    password: hunter2\n');
    const printed = JSON.stringify(redactConfig(config));
    assert.doesNotMatch(printed, /c2VjcmV0|hunter2/);
    assert.match(printed, /"api_key":"\[REDACTED\]"/);
    assert.match(printed, /"password":"\[REDACTED\]"/);
    assert.match(printed, /"username":"admin"/);
  });
});
