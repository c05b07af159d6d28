import type { Config } from '../config/schema.js';
import type { ClusterOutputConfig } from '../config/outputs.js';
import { mappedDatasets } from '../datasets/index.js';
import { createClusterClient, type ClusterClient } from '../outputs/elasticsearch/client.js';
import { applySetup, planSetup, type SetupPlan } from '../outputs/elasticsearch/setup.js';

/**
 * `logpush setup elasticsearch`: for every `elasticsearch` or `opensearch` output in the configuration,
 * reads the cluster, prints what it will install (or, with --dry-run, would install) and installs it.
 * Running it twice changes nothing the second time.
 */
export interface SetupOptions {
  readonly config: Config;
  readonly dryRun: boolean;
  readonly print: (text: string) => void;
  /** Builds the client of an output (tests pass their own to reach a loopback server). */
  readonly clientFor?: (output: ClusterOutputConfig) => ClusterClient;
}

export class SetupError extends Error {}

export async function runSetup(options: SetupOptions): Promise<SetupPlan[]> {
  const outputs = options.config.outputs.filter((o): o is ClusterOutputConfig => o.type === 'elasticsearch' || o.type === 'opensearch');
  if (outputs.length === 0) {
    throw new SetupError('the configuration has no elasticsearch or opensearch output; add one under `outputs:` (see docs/elasticsearch.md)');
  }
  const datasets = mappedDatasets().filter((d) => options.config.datasets[d.name].enabled);
  const plans: SetupPlan[] = [];
  for (const output of outputs) {
    const client = (options.clientFor ?? createClusterClient)(output);
    try {
      const plan = await planSetup(client, output, datasets);
      if (!options.dryRun) await applySetup(client, plan);
      options.print(describePlan(output, plan, options.dryRun));
      plans.push(plan);
    } catch (error) {
      throw new SetupError(`${output.type} output at ${'cloud_id' in output && output.cloud_id !== undefined ? output.cloud_id : output.hosts.join(', ')}: ${(error as Error).message}`);
    } finally {
      await client.close();
    }
  }
  return plans;
}

const DONE = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;

/** The plan as the operator reads it: one line per asset, a count per action, then the notes. */
export function describePlan(output: ClusterOutputConfig, plan: SetupPlan, dryRun: boolean): string {
  const { cluster } = plan;
  const lines = [
    `${output.type} output → ${cluster.flavor === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} ${cluster.version}, cluster "${cluster.name}"` +
      (dryRun ? ' (dry run: nothing is written)' : ''),
  ];
  const width = Math.max(...plan.steps.map((s) => `${s.kind} ${s.name}`.length));
  for (const step of plan.steps) {
    const label = `${step.kind} ${step.name}`.padEnd(width);
    lines.push(`  ${label}  ${dryRun ? (step.action === 'unchanged' ? 'unchanged' : `would ${step.action}`) : DONE[step.action]}`);
  }
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const step of plan.steps) counts[step.action]++;
  const words = dryRun ? ['to create', 'to update'] : ['created', 'updated'];
  lines.push(`  ${plan.steps.length} assets: ${counts.create} ${words[0]}, ${counts.update} ${words[1]}, ${counts.unchanged} unchanged`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  if (dryRun) {
    for (const step of plan.steps.filter((s) => s.action !== 'unchanged')) {
      lines.push(`\nPUT ${step.path}${step.querystring === undefined ? '' : `?${new URLSearchParams(Object.entries(step.querystring).map(([k, v]) => [k, String(v)]))}`}`);
      lines.push(JSON.stringify(step.body, null, 2));
    }
  }
  return `${lines.join('\n')}\n`;
}
