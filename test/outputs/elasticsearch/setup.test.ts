/**
 * `logpush setup elasticsearch`: idempotent installs, updates of changed assets (ILM, and ISM with its
 * seq_no), the reference integration's assets detected and left alone, dry runs, wrong cluster types.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { runSetup } from '../../../src/cli/setup.js';
import { loadConfig } from '../../../src/config/load.js';
import { EsTestServer } from '../../support/es-server.js';
import { tempDir } from '../../support/collector.js';
import { PROJECT_ROOT } from '../../support/shared.js';

const BIN = join(PROJECT_ROOT, 'bin', 'logpush.js');

function configFor(server: EsTestServer, output: Record<string, unknown> = {}, type: string = server.flavor) {
  return loadConfig({ env: {}, overrides: { outputs: [{ type, hosts: [server.url], ...output }] } });
}

async function setup(server: EsTestServer, options: { output?: Record<string, unknown>; dryRun?: boolean; type?: string } = {}) {
  let printed = '';
  const plans = await runSetup({ config: configFor(server, options.output, options.type), dryRun: options.dryRun ?? false, print: (text) => (printed += text) });
  return { plan: plans[0]!, printed };
}

const actions = (plan: { steps: readonly { action: string }[] }) => plan.steps.reduce<Record<string, number>>((n, s) => ({ ...n, [s.action]: (n[s.action] ?? 0) + 1 }), {});

describe('logpush setup elasticsearch', () => {
  for (const flavor of ['elasticsearch', 'opensearch'] as const) {
    it(`installs everything on ${flavor} once; a second run changes nothing; a new retention updates only the policy`, async () => {
      const server = await EsTestServer.start({ flavor });
      try {
        const first = await setup(server);
        assert.deepEqual(actions(first.plan), { create: 38 });
        assert.match(first.printed, /index template logpush-collector\.http_request\s+created/);
        assert.match(first.printed, /38 assets: 38 created, 0 updated, 0 unchanged/);
        const second = await setup(server);
        assert.deepEqual(actions(second.plan), { unchanged: 38 });
        const third = await setup(server, { output: { lifecycle: { retention_days: 90 } } });
        assert.deepEqual(actions(third.plan), { update: 1, unchanged: 37 });
        if (flavor === 'elasticsearch') {
          assert.equal(server.ilmPolicies.get('logpush-collector').policy.phases.delete.min_age, '90d');
        } else {
          // ISM only accepts an update that names the version it replaces.
          assert.equal(server.ismPolicies.get('logpush-collector')!.seqNo, 1);
          assert.equal(server.ismPolicies.get('logpush-collector')!.body.policy.states[0].transitions[0].conditions.min_index_age, '90d');
        }
      } finally {
        await server.close();
      }
    });
  }

  it('says when the reference integration is installed and installs alongside it without a conflict', async () => {
    const server = await EsTestServer.start();
    try {
      for (const dataset of ['dns', 'http_request']) {
        server.indexTemplates.set(`logs-cloudflare_logpush.${dataset}`, {
          index_patterns: [`logs-cloudflare_logpush.${dataset}-*`], priority: 200, composed_of: [], data_stream: {},
          _meta: { managed_by: 'fleet', managed: true, package: { name: 'cloudflare_logpush' } },
        });
      }
      const { plan, printed } = await setup(server);
      assert.deepEqual(actions(plan), { create: 38 });
      assert.match(printed, /note: The reference integration \(Elastic's cloudflare_logpush\) is installed: 2 of its index templates cover our data streams \(priority 200\)/);
      assert.equal(server.indexTemplates.get('logs-cloudflare_logpush.dns').priority, 200, 'theirs is untouched');
      assert.equal(server.indexTemplates.size, 20);
    } finally {
      await server.close();
    }
  });

  it('reports the cluster\'s reason when a foreign template conflicts with ours', async () => {
    const server = await EsTestServer.start();
    try {
      server.indexTemplates.set('someone-else', { index_patterns: ['logs-cloudflare_logpush.*'], priority: 150, composed_of: [] });
      await assert.rejects(setup(server), /installing the index template logpush-collector\.access_request failed \(400\): .*same priority \[150\]/);
    } finally {
      await server.close();
    }
  });

  it('writes nothing in a dry run and prints what it would install', async () => {
    const server = await EsTestServer.start();
    try {
      const { plan, printed } = await setup(server, { dryRun: true });
      assert.deepEqual(actions(plan), { create: 38 });
      assert.equal(server.componentTemplates.size + server.indexTemplates.size + server.ilmPolicies.size, 0);
      assert.match(printed, /dry run: nothing is written/);
      assert.match(printed, /index template logpush-collector\.dns\s+would create/);
      assert.match(printed, /\nPUT \/_index_template\/logpush-collector\.dns\n\{/);
    } finally {
      await server.close();
    }
  });

  it('warns that raw mode needs the reference ingest pipelines when the cluster has none', async () => {
    const server = await EsTestServer.start();
    try {
      const { printed } = await setup(server, { output: { mode: 'raw' } });
      assert.match(printed, /mode is raw but the cluster has no logs-cloudflare_logpush\.\* ingest pipelines/);
      server.pipelines.set('logs-cloudflare_logpush.dns-1.20.0', { processors: [] });
      assert.doesNotMatch((await setup(server, { output: { mode: 'raw' } })).printed, /has no logs-cloudflare_logpush/);
    } finally {
      await server.close();
    }
  });

  it('refuses an output whose type does not match the cluster, naming the right type', async () => {
    const os = await EsTestServer.start({ flavor: 'opensearch' });
    const es = await EsTestServer.start();
    try {
      await assert.rejects(setup(os, { type: 'elasticsearch' }), /the cluster is not Elasticsearch \(OpenSearch\?\): set the output's type to opensearch/);
      await assert.rejects(setup(es, { type: 'opensearch' }), /the cluster is not OpenSearch \(Elasticsearch\?\): set the output's type to elasticsearch/);
    } finally {
      await os.close();
      await es.close();
    }
  });

  it('runs from the command line with --config and --dry-run', async () => {
    const server = await EsTestServer.start();
    const dir = tempDir();
    const file = join(dir.path, 'config.yaml');
    writeFileSync(file, `outputs:\n  - type: duckdb\n  - type: elasticsearch\n    hosts: ["${server.url}"]\n`);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [BIN, 'setup', 'elasticsearch', '--config', file, ...args], { encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } });
    let out: string;
    try {
      out = (await run('--dry-run')).stdout;
      assert.equal(server.indexTemplates.size, 0);
      out += (await run()).stdout;
    } finally {
      dir.remove();
      await server.close();
    }
    assert.match(out, /elasticsearch output → Elasticsearch 8\.15\.0, cluster "logpush-test" \(dry run/);
    assert.match(out, /38 assets: 38 to create/);
    assert.match(out, /38 assets: 38 created/);
  });
});

describe('TLS towards the cluster', () => {
  it('trusts a configured CA on both clients, and refuses an unknown certificate unless verification is off', async () => {
    const dir = tempDir('logpush-es-tls-');
    const cert = join(dir.path, 'cert.pem');
    const key = join(dir.path, 'key.pem');
    // A certificate for "localhost" only: reaching 127.0.0.1 passes the chain check but not the host name.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    const tls = { cert: readFileSync(cert), key: readFileSync(key) };
    const servers = [await EsTestServer.start({ tls }), await EsTestServer.start({ flavor: 'opensearch', tls })];
    try {
      for (const server of servers) {
        const trusted = { ssl: { certificate_authorities: [cert], verification_mode: 'certificate' } };
        assert.deepEqual(actions((await setup(server, { output: trusted, dryRun: true })).plan), { create: 38 });
        await assert.rejects(setup(server, { output: { ssl: { certificate_authorities: [cert] } }, dryRun: true }), /altnames|IP: 127\.0\.0\.1 is not in the cert/i);
        await assert.rejects(setup(server, { dryRun: true }), /self[- ]signed|unable to verify|certificate/i);
        assert.deepEqual(actions((await setup(server, { output: { ssl: { verification_mode: 'none' } }, dryRun: true })).plan), { create: 38 });
      }
    } finally {
      for (const server of servers) await server.close();
      dir.remove();
    }
  });
});
