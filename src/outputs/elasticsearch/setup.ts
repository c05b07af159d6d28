import type { ClusterOutputConfig } from '../../config/outputs.js';
import type { MappedDataset } from '../../datasets/index.js';
import type { ClusterClient, ClusterFlavor } from './client.js';
import { ilmPolicy, ismHash, ismPolicy } from './lifecycle.js';
import {
  LIFECYCLE_POLICY, SETTINGS_COMPONENT, TEMPLATE_PRIORITY, indexTemplate, indexTemplateName, mappingsComponent,
  mappingsComponentName, settingsComponent,
} from './templates.js';

/**
 * `logpush setup elasticsearch`: what our `ecs` mode needs in the cluster (a lifecycle policy, component
 * templates and one index template per dataset), installed idempotently. Every asset carries a hash of
 * its body; an asset whose hash matches is left alone, a different one is replaced, a missing one is
 * created. Reading the cluster is separate from writing to it, so `--dry-run` shows the same plan.
 */
export type StepAction = 'create' | 'update' | 'unchanged';

export interface SetupStep {
  readonly kind: 'ILM policy' | 'ISM policy' | 'component template' | 'index template';
  readonly name: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly action: StepAction;
  /** ISM refuses to overwrite a policy without the version it replaces. */
  readonly querystring?: Record<string, number>;
}

export interface SetupPlan {
  readonly cluster: { readonly flavor: ClusterFlavor; readonly version: string; readonly name: string };
  readonly steps: readonly SetupStep[];
  /** What the operator should know: the reference integration's assets, raw-mode prerequisites. */
  readonly notes: readonly string[];
}

const hashOf = (body: unknown): unknown => (body as { _meta?: { hash?: unknown } } | undefined)?._meta?.hash;

async function get(client: ClusterClient, path: string): Promise<any | undefined> {
  const { statusCode, body } = await client.request({ method: 'GET', path });
  if (statusCode === 404) return undefined;
  if (statusCode !== 200) throw new Error(`GET ${path} answered ${statusCode}: ${JSON.stringify(body)}`);
  return body;
}

async function clusterInfo(client: ClusterClient): Promise<SetupPlan['cluster']> {
  let info;
  try {
    info = await get(client, '/');
  } catch (error) {
    // Each client refuses, by itself, a server that does not answer as its product does.
    const name = (error as Error).name;
    if (name === 'ProductNotSupportedError') throw new Error('the cluster is not Elasticsearch (OpenSearch?): set the output\'s type to opensearch');
    if (name === 'NotCompatibleError') throw new Error('the cluster is not OpenSearch (Elasticsearch?): set the output\'s type to elasticsearch');
    throw error;
  }
  const flavor: ClusterFlavor = info?.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
  if (flavor !== client.flavor) {
    throw new Error(`the cluster is not ${client.flavor === 'opensearch' ? 'OpenSearch (Elasticsearch?)' : 'Elasticsearch (OpenSearch?)'}: set the output's type to ${flavor}`);
  }
  return { flavor, version: String(info?.version?.number ?? 'unknown'), name: String(info?.cluster_name ?? 'unknown') };
}

/** Reads the cluster and decides what to install; writes nothing. */
export async function planSetup(client: ClusterClient, config: ClusterOutputConfig, datasets: readonly MappedDataset[]): Promise<SetupPlan> {
  const cluster = await clusterInfo(client);
  const steps: SetupStep[] = [];
  const flavor = cluster.flavor;
  const compare = (current: unknown, body: unknown): StepAction => (current === undefined ? 'create' : current === hashOf(body) ? 'unchanged' : 'update');

  if (flavor === 'elasticsearch') {
    const path = `/_ilm/policy/${LIFECYCLE_POLICY}`;
    const body = ilmPolicy(config.lifecycle);
    const current = await get(client, path);
    const action = current === undefined ? 'create' : compare(current[LIFECYCLE_POLICY]?.policy?._meta?.hash ?? null, body.policy);
    steps.push({ kind: 'ILM policy', name: LIFECYCLE_POLICY, path, body, action });
  } else {
    const path = `/_plugins/_ism/policies/${LIFECYCLE_POLICY}`;
    const body = ismPolicy(config.lifecycle);
    const current = await get(client, path);
    const wanted = ismHash((body.policy as { description: string }).description);
    const action: StepAction = current === undefined ? 'create' : ismHash(current.policy?.description) === wanted ? 'unchanged' : 'update';
    const querystring = current === undefined ? undefined : { if_seq_no: current._seq_no, if_primary_term: current._primary_term };
    steps.push({ kind: 'ISM policy', name: LIFECYCLE_POLICY, path, body, action, querystring });
  }

  const component = async (name: string, body: Record<string, unknown>) => {
    const path = `/_component_template/${name}`;
    const current = await get(client, path);
    const installed = current?.component_templates?.[0]?.component_template;
    steps.push({ kind: 'component template', name, path, body, action: compare(installed === undefined ? undefined : hashOf(installed) ?? null, body) });
  };
  await component(SETTINGS_COMPONENT, settingsComponent(flavor));
  for (const dataset of datasets) {
    await component(mappingsComponentName(dataset.name), mappingsComponent(dataset, flavor));
    const name = indexTemplateName(dataset.name);
    const path = `/_index_template/${name}`;
    const body = indexTemplate(dataset.name);
    const installed = (await get(client, path))?.index_templates?.[0]?.index_template;
    steps.push({ kind: 'index template', name, path, body, action: compare(installed === undefined ? undefined : hashOf(installed) ?? null, body) });
  }
  return { cluster, steps, notes: await referenceNotes(client, config, datasets) };
}

/** Says whether Elastic's `cloudflare_logpush` integration is installed, and what that means for us. */
async function referenceNotes(client: ClusterClient, config: ClusterOutputConfig, datasets: readonly MappedDataset[]): Promise<string[]> {
  const notes: string[] = [];
  const templates: { name: string; index_template: { priority?: number } }[] =
    (await get(client, '/_index_template/logs-cloudflare_logpush.*'))?.index_templates ?? [];
  const ours = new Set(datasets.map((d) => `logs-cloudflare_logpush.${d.name}`));
  const reference = templates.filter((t) => ours.has(t.name));
  if (reference.length > 0) {
    notes.push(
      `The reference integration (Elastic's cloudflare_logpush) is installed: ${reference.length} of its index templates cover our data streams ` +
        `(priority ${reference[0]!.index_template.priority ?? '?'}). They take precedence over ours (priority ${TEMPLATE_PRIORITY}) for new ` +
        'backing indices, which is fine: our ecs documents fit their mappings, and pipeline=_none keeps their ingest pipelines from running twice. ' +
        'Ours are installed as a fallback and do not conflict with them.',
    );
  }
  if (config.mode === 'raw') {
    const pipelines = (await get(client, '/_ingest/pipeline/logs-cloudflare_logpush.*')) ?? {};
    if (Object.keys(pipelines).length === 0) {
      notes.push(
        "mode is raw but the cluster has no logs-cloudflare_logpush.* ingest pipelines: raw documents would stay unparsed. Install Elastic's " +
          'Cloudflare Logpush integration (Kibana → Integrations) or use mode: ecs.',
      );
    } else if (reference.length === 0) {
      notes.push('mode is raw: the reference ingest pipelines exist but no reference index template names them as default pipeline; raw documents would stay unparsed.');
    }
  }
  return notes;
}

/** Installs what the plan says, in order (policy, then components, then index templates). */
export async function applySetup(client: ClusterClient, plan: SetupPlan): Promise<void> {
  for (const step of plan.steps) {
    if (step.action === 'unchanged') continue;
    const { statusCode, body } = await client.request({ method: 'PUT', path: step.path, body: step.body, querystring: step.querystring });
    if (statusCode < 200 || statusCode >= 300) {
      const reason = body?.error?.reason ?? JSON.stringify(body);
      throw new Error(`installing the ${step.kind} ${step.name} failed (${statusCode}): ${reason}`);
    }
  }
}
