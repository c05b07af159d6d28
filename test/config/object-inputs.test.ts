/**
 * The s3, sqs and gcs configuration sections: Elastic's names, durations in Elastic's form, strict
 * objects (a typo is an error with its path), the cross-field rules, and secrets redacted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, redactConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { tempDir } from '../support/collector.js';
import { PROJECT_ROOT } from '../support/shared.js';

const dir = tempDir();
after(() => dir.remove());

const load = (overrides: Record<string, unknown>) => loadConfig({ env: {}, overrides });
const problems = (overrides: Record<string, unknown>) => {
  try {
    load(overrides);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.join('\n');
    throw error;
  }
  return '';
};

describe('object-storage input configuration', () => {
  it('fills the defaults and reads durations as seconds', () => {
    const config = load({ s3: { bucket_arn: 'arn:aws:s3:::logs', bucket_list_interval: '2m', ignore_older: '1h30m' } });
    assert.equal(config.s3!.bucket_list_interval, 120);
    assert.equal(config.s3!.ignore_older, 5400);
    assert.equal(config.s3!.number_of_workers, 5);
    assert.equal(config.s3!.default_region, 'us-east-1');
    assert.equal(config.sqs, undefined);
    const sqs = load({ sqs: { queue_url: 'https://sqs.eu-west-1.amazonaws.com/1/q' } }).sqs!;
    assert.deepEqual([sqs.visibility_timeout, sqs.wait_time, sqs.number_of_workers, sqs.unroutable], [300, 20, 5, 'dead_letter']);
  });

  it('rejects a misspelt key with its path', () => {
    assert.match(problems({ s3: { bucket_arn: 'arn:aws:s3:::logs', bucket_list_intervall: 60 } }), /bucket_list_intervall[\s\S]*→ at s3/);
    assert.match(problems({ s3: { bucket_arn: 'arn:aws:s3:::logs', datasets: { http_requests: {} } } }), /→ at s3\.datasets/);
    assert.match(problems({ sqs: { queue_url: 'https://sqs.us-east-1.amazonaws.com/1/q', datasets: { dns: { prefx: 'x/' } } } }), /prefx[\s\S]*→ at sqs\.datasets\.dns/);
  });

  it('says what is missing or contradictory', () => {
    assert.match(problems({ s3: {} }), /name the bucket: bucket_arn .* or non_aws_bucket_name with endpoint/);
    assert.match(problems({ s3: { non_aws_bucket_name: 'logs' } }), /non_aws_bucket_name needs endpoint/);
    assert.match(problems({ sqs: {} }), /set queue_url/);
    assert.match(problems({ gcs: { project_id: 'p', buckets: [{ name: 'b' }] } }), /set exactly one of service_account_key and service_account_file/);
    assert.match(problems({ s3: { bucket_arn: 'arn:aws:s3:::l', bucket_list_interval: 'soon' } }), /expected a duration such as 60s/);
  });

  it('redacts the secrets', () => {
    const config = load({
      s3: { bucket_arn: 'arn:aws:s3:::logs', access_key_id: 'AKIA', secret_access_key: 'secret', session_token: 'token' },
      gcs: { project_id: 'p', service_account_key: '{"private_key":"k"}', buckets: [{ name: 'b' }] },
    });
    const redacted = redactConfig(config) as { s3: Record<string, unknown>; gcs: Record<string, unknown> };
    assert.deepEqual([redacted.s3.access_key_id, redacted.s3.secret_access_key, redacted.s3.session_token], ['AKIA', '[REDACTED]', '[REDACTED]']);
    assert.equal(redacted.gcs.service_account_key, '[REDACTED]');
  });

  it('accepts every example configuration of docs/object-storage.md', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'docs', 'object-storage.md'), 'utf8');
    const examples = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.equal(examples.length, 4);
    for (const example of examples) {
      const file = join(dir.path, 'example.yaml');
      writeFileSync(file, example.replace(/<[^>\n]+>/g, 'placeholder'));
      assert.doesNotThrow(() => loadConfig({ file, env: {} }), example);
    }
  });
});

