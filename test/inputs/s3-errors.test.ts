/**
 * What an operator sees when the S3 input cannot work: errors that name what is wrong (no such bucket,
 * wrong credentials, access denied on List vs Get), the input retrying with backoff instead of exiting,
 * and recovery once the cause is fixed. Server: s3rver from npm (test/support/s3rver.ts), with our
 * proxy (test/support/s3-proxy.ts) for AccessDenied, which s3rver has no policies to produce.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { yyyymmdd } from '../../src/inputs/listing-plan.js';
import { startTestCollector } from '../support/collector.js';
import { cloudflareKey, count, inputStatus, records, waitFor } from '../support/object-inputs.js';
import { startS3Proxy, type TestProxy } from '../support/s3-proxy.js';
import { s3Section, startS3rver, type TestS3 } from '../support/s3rver.js';
import { PROJECT_ROOT } from '../support/shared.js';

const DAY = yyyymmdd(new Date());

const section = (endpoint: string, bucket: string, extra: Record<string, unknown> = {}) => ({ s3: s3Section(endpoint, bucket, extra) });

describe('S3 input errors', () => {
  let s3: TestS3;
  let proxy: TestProxy;
  before(async () => {
    s3 = await startS3rver({ buckets: ['logs'] });
    proxy = await startS3Proxy(s3.endpoint);
  });
  after(async () => {
    await proxy.close();
    await s3.close();
  });

  it('says the bucket does not exist, keeps retrying, and reads once the bucket appears', async () => {
    const collector = await startTestCollector({ config: section(s3.endpoint, 'later') });
    try {
      const degraded = await waitFor('a degraded status', async () => (await inputStatus(collector)).find((s) => s.state === 'degraded'));
      assert.match(degraded.last_error!, /ListObjectsV2 on s3:\/\/later\/dns\/ failed: the bucket does not exist .*NoSuchBucket \(HTTP 404\)/);
      const printed = (await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'bin', 'logpush.js'), 'status', '--api', collector.apiUrl!], {
        env: { ...process.env, NODE_TEST_CONTEXT: undefined },
      })).stdout;
      assert.match(printed, /s3:s3:\/\/later +degraded/);
      assert.match(printed, /the bucket does not exist \(check the bucket name, the region and the endpoint\)/);
      await s3.createBucket('later');
      await s3.put('later', cloudflareKey('dns/', DAY, 0, 'x'), gzipSync(records('dns', 2, 1)));
      await waitFor('the object after recovery', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 2, 30_000);
      assert.equal((await inputStatus(collector))[0]!.state, 'running');
    } finally {
      await collector.dispose();
    }
  });

  it('says the access key is not known when the credentials are wrong', async () => {
    const config = section(s3.endpoint, 'logs', { access_key_id: 'AKIAWRONG', secret_access_key: 'nope' });
    const collector = await startTestCollector({ config });
    try {
      const degraded = await waitFor('a degraded status', async () => (await inputStatus(collector)).find((s) => s.state === 'degraded'));
      assert.match(degraded.last_error!, /the access key id is not known to the store .*InvalidAccessKeyId \(HTTP 403\)/);
    } finally {
      await collector.dispose();
    }
  });

  it('tells access denied on List apart from access denied on Get, and recovers when access is granted', async () => {
    await s3.put('logs', cloudflareKey('denied/dns/', DAY, 0, 'd'), gzipSync(records('dns', 3, 2)));
    proxy.rules.deny = 'list';
    const config = section(proxy.url, 'logs', { datasets: { dns: { bucket_list_prefix: 'denied/dns/' } } });
    const collector = await startTestCollector({ config });
    try {
      const onList = await waitFor('a List error', async () => (await inputStatus(collector))[0]!.last_error ?? undefined);
      assert.match(onList, /access denied to list the bucket: the credentials need s3:ListBucket/);
      proxy.rules.deny = 'get';
      const onGet = await waitFor('a Get error', async () => {
        const error = (await inputStatus(collector))[0]!.last_error;
        return error?.includes('GetObject') ? error : undefined;
      }, 30_000);
      assert.match(onGet, /GetObject s3:\/\/logs\/denied\/dns\/.* failed: access denied to read the object: the credentials need s3:GetObject/);
      const state = await collector.sql("SELECT status, attempts, last_error FROM object_state WHERE key LIKE 'denied/%'");
      assert.equal(state[0]!.status, 'failed');
      assert.match(state[0]!.last_error as string, /s3:GetObject/);
      proxy.rules.deny = undefined;
      await waitFor('the object once access is granted', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 3, 30_000);
      await waitFor('a running status', async () => (await inputStatus(collector))[0]!.state === 'running');
    } finally {
      proxy.rules.deny = undefined;
      await collector.dispose();
    }
  });
});
