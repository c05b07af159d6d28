import type { ClusterOutputConfig } from '../../config/outputs.js';
import { withMeta } from './templates.js';

/**
 * The lifecycle policy of our data streams: roll the write index over by age or primary shard size,
 * delete backing indices after the retention. Elasticsearch has ILM (attached by the
 * `index.lifecycle.name` setting of our settings component); OpenSearch has ISM, whose policy attaches
 * itself to new backing indices (`.ds-logs-cloudflare_logpush.*`) through its `ism_template`.
 */
type Lifecycle = ClusterOutputConfig['lifecycle'];

export function ilmPolicy(lifecycle: Lifecycle): Record<string, unknown> {
  return {
    policy: withMeta(
      {
        phases: {
          hot: {
            min_age: '0ms',
            actions: { rollover: { max_age: lifecycle.rollover_max_age, max_primary_shard_size: `${lifecycle.rollover_max_primary_shard_size_gb}gb` } },
          },
          // ILM counts a phase's min_age from rollover: data is kept `retention_days` after it stops being written.
          delete: { min_age: `${lifecycle.retention_days}d`, actions: { delete: {} } },
        },
      },
      'Rollover and retention of the Cloudflare Logpush data streams written by logpush-collector',
    ),
  };
}

/** ISM has no `_meta`: the hash that tells an unchanged policy from an outdated one goes in the description. */
export function ismPolicy(lifecycle: Lifecycle): Record<string, unknown> {
  const body = {
    default_state: 'hot',
    states: [
      {
        name: 'hot',
        // `min_size` (total primary size) exists in every 2.x; `min_primary_shard_size` only from 2.4.
        actions: [{ rollover: { min_index_age: lifecycle.rollover_max_age, min_size: `${lifecycle.rollover_max_primary_shard_size_gb}gb` } }],
        // ISM counts from the index's creation where ILM counts from rollover: on OpenSearch a backing
        // index is deleted up to one rollover period sooner.
        transitions: [{ state_name: 'delete', conditions: { min_index_age: `${lifecycle.retention_days}d` } }],
      },
      { name: 'delete', actions: [{ delete: {} }], transitions: [] },
    ],
    ism_template: [{ index_patterns: ['.ds-logs-cloudflare_logpush.*'], priority: 100 }],
  };
  const hash = (withMeta(body, '')._meta as { hash: string }).hash;
  return { policy: { description: `Rollover and retention of the Cloudflare Logpush data streams written by logpush-collector (${hash})`, ...body } };
}

/** The hash an installed ISM policy carries in its description, if it is ours. */
export function ismHash(description: unknown): string | undefined {
  return typeof description === 'string' ? /logpush-collector \(([0-9a-f]{16})\)$/.exec(description)?.[1] : undefined;
}
