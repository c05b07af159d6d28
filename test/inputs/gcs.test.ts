/**
 * Google Cloud Storage polling through the real @google-cloud/storage client, against our GCS server
 * (test/support/gcs-server.ts: the JSON API with generations, pagination, decompressive transcoding and
 * service-account JWT checks). No maintained GCS emulator exists on npm.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { yyyymmdd } from '../../src/inputs/listing-plan.js';
import { startTestCollector, tempDir } from '../support/collector.js';
import { cloudflareKey, count, inputStatus, metric, records, waitFor } from '../support/object-inputs.js';
import { startGcsServer, type TestGcs } from '../support/gcs-server.js';

const DAY = yyyymmdd(new Date());

describe('GCS polling', () => {
  let gcs: TestGcs;
  before(async () => {
    gcs = await startGcsServer();
  });
  after(() => gcs.close());

  const section = (buckets: unknown[], extra: Record<string, unknown> = {}) => ({
    gcs: { project_id: 'test-project', service_account_key: gcs.serviceAccountKey(), alternative_host: gcs.endpoint, poll_interval: '200ms', buckets, ...extra },
  });

  it('reads each object generation once across restarts, whether GCS stores it gzip, transcodes it or holds plain text', async () => {
    gcs.createBucket('cf-dns');
    const transcoded = cloudflareKey('', DAY, 0, 'enc');
    gcs.put('cf-dns', transcoded, gzipSync(records('dns', 3, 1)), { contentEncoding: 'gzip' });
    gcs.put('cf-dns', cloudflareKey('', DAY, 1, 'gz'), gzipSync(records('dns', 2, 2)));
    gcs.put('cf-dns', cloudflareKey('', DAY, 2, 'plain', '.log'), records('dns', 4, 3));
    gcs.put('cf-dns', 'ownership-challenge.txt', 'eyJhbGciOiJIUzI1NiJ9.e30.sig');
    const dir = tempDir();
    const keyFile = join(dir.path, 'key.json');
    writeFileSync(keyFile, gcs.serviceAccountKey());
    const config = { data_dir: dir.path, ...section([{ name: 'cf-dns', dataset: 'dns' }], { service_account_key: undefined, service_account_file: keyFile }) };
    let collector = await startTestCollector({ config, dataDir: dir.path });
    try {
      await waitFor('three objects', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 9);
      // An object is marked done right after its last batch commits.
      const states = await waitFor('three done objects', async () => {
        const rows = await collector.sql("SELECT key, version, status FROM object_state WHERE source = 'gs://cf-dns' ORDER BY key");
        return rows.length === 3 ? rows : undefined;
      });
      assert.ok(states.every((s) => s.status === 'done' && /^\d+$/.test(String(s.version))), 'state keyed by generation');
      await collector.stop();

      const downloads = gcs.downloads.length;
      collector = await startTestCollector({ config, dataDir: dir.path });
      await waitFor('a poll after the restart', async () => (await metric(collector, 'logpush_input_objects_skipped_total', { input: 'gcs', reason: 'done' })) >= 3);
      assert.equal(gcs.downloads.length, downloads, 'nothing downloaded again');
      // Rewriting an object makes a new generation: a new object, read again.
      gcs.put('cf-dns', transcoded, gzipSync(records('dns', 5, 4)), { contentEncoding: 'gzip' });
      await waitFor('the new generation', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 14);
    } finally {
      await collector.stop();
      dir.remove();
    }
  });

  it('routes one bucket to several datasets by their default prefixes', async () => {
    gcs.createBucket('cf-all');
    gcs.put('cf-all', cloudflareKey('dns/', DAY, 0, 'd'), gzipSync(records('dns', 2, 5)));
    gcs.put('cf-all', cloudflareKey('firewall_event/', DAY, 0, 'f'), gzipSync(records('firewall_event', 3, 6)));
    const collector = await startTestCollector({ config: section([{ name: 'cf-all' }]) });
    try {
      await waitFor('both datasets', async () => (await count(collector, 'SELECT count(*) AS n FROM firewall_event')) === 3);
      assert.equal(await count(collector, 'SELECT count(*) AS n FROM dns'), 2);
    } finally {
      await collector.dispose();
    }
  });

  it('names the problem (no such bucket, a refused key, a missing permission) and recovers once it is fixed', async () => {
    const collector = await startTestCollector({ config: section([{ name: 'cf-later', dataset: 'dns' }]) });
    try {
      const missing = await waitFor('a degraded status', async () => (await inputStatus(collector)).find((s) => s.state === 'degraded'));
      assert.match(missing.last_error!, /listing gs:\/\/cf-later\/ failed: the bucket does not exist/);
      gcs.deny = 'list';
      gcs.createBucket('cf-later');
      gcs.put('cf-later', cloudflareKey('', DAY, 0, 'x'), gzipSync(records('dns', 2, 7)));
      await waitFor('a permission error', async () => /storage\.objects\.list/.test((await inputStatus(collector))[0]!.last_error ?? ''), 30_000);
      gcs.deny = undefined;
      await waitFor('the object', async () => (await count(collector, 'SELECT count(*) AS n FROM dns')) === 2, 30_000);
      assert.equal((await inputStatus(collector))[0]!.state, 'running');
    } finally {
      gcs.deny = undefined;
      await collector.dispose();
    }
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const wrongKey = JSON.stringify({ ...JSON.parse(gcs.serviceAccountKey()), private_key: stranger });
    const refused = await startTestCollector({ config: section([{ name: 'cf-later', dataset: 'dns' }], { service_account_key: wrongKey }) });
    try {
      const degraded = await waitFor('a degraded status', async () => (await inputStatus(refused)).find((s) => s.state === 'degraded'));
      assert.match(degraded.last_error!, /the service-account key was refused/);
    } finally {
      await refused.dispose();
    }
  });
});
