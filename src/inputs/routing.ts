import type { Config } from '../config/schema.js';
import type { SqsConfig } from '../config/object-inputs.js';
import { mappedDatasets, type MappedDataset } from '../datasets/index.js';

/**
 * Routes S3 keys announced on a queue to datasets. One queue usually carries several datasets (one
 * bucket, one prefix per Logpush job), so each queue has one routing table and one consumer config:
 * a collector that deleted messages for keys it does not route would lose them for everyone else.
 * The longest matching prefix wins (a `key_regex`, when set, replaces the prefix test).
 */
export interface KeyRoute {
  readonly dataset: MappedDataset;
  readonly prefix: string;
  readonly regex?: RegExp;
}

/** Every queue URL with the routes of the datasets it carries. */
export function sqsRoutes(config: SqsConfig, datasets: Config['datasets']): Map<string, KeyRoute[]> {
  const queues = new Map<string, KeyRoute[]>();
  const enabled = mappedDatasets().filter((d) => datasets[d.name].enabled);
  for (const dataset of enabled) {
    const settings = config.datasets?.[dataset.name];
    if (config.datasets !== undefined && (settings === undefined || !settings.enabled)) continue;
    const queue = settings?.queue_url ?? config.queue_url;
    if (queue === undefined) continue;
    const route: KeyRoute = {
      dataset,
      prefix: settings?.prefix ?? `${dataset.defaultPrefix}/`,
      regex: settings?.key_regex === undefined ? undefined : new RegExp(settings.key_regex),
    };
    queues.set(queue, [...(queues.get(queue) ?? []), route]);
  }
  for (const routes of queues.values()) routes.sort((a, b) => b.prefix.length - a.prefix.length);
  return queues;
}

export function routeKey(routes: readonly KeyRoute[], key: string): MappedDataset | undefined {
  return routes.find((r) => (r.regex === undefined ? key.startsWith(r.prefix) : r.regex.test(key)))?.dataset;
}
