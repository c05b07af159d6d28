import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import type { GcsConfig } from '../config/object-inputs.js';
import { mappedDatasets, requireMappedDataset } from '../datasets/index.js';
import { BucketPoller, type PollTarget } from './bucket-poller.js';
import { gcsObjectStore, gcsStorage, parseServiceAccountKey, type ServiceAccountKey } from './gcs-client.js';
import type { SharedSettings } from './s3-poll.js';

/**
 * Google Cloud Storage polling: one poller per bucket, with the same per-object state, cursor and sweep
 * as S3 polling. A bucket given a `dataset` sends every object under its prefix to that dataset (Elastic's
 * one-bucket-per-dataset layout); a bucket without one is read per dataset under the datasets' default
 * prefixes (one bucket for every Logpush job).
 */
export function gcsTargets(bucket: GcsConfig['buckets'][number], datasets: Config['datasets']): PollTarget[] {
  if (bucket.dataset !== undefined) return [{ prefix: bucket.prefix, dataset: requireMappedDataset(bucket.dataset) }];
  return mappedDatasets()
    .filter((d) => datasets[d.name].enabled)
    .map((dataset) => ({ prefix: `${bucket.prefix}${dataset.defaultPrefix}/`, dataset }));
}

function serviceAccountKey(config: GcsConfig): ServiceAccountKey {
  if (config.service_account_key !== undefined) return parseServiceAccountKey(config.service_account_key, 'gcs.service_account_key');
  const file = config.service_account_file!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read gcs.service_account_file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseServiceAccountKey(text, file);
}

export function createGcsPollers(config: GcsConfig, datasets: Config['datasets'], shared: SharedSettings): BucketPoller[] {
  const storage = gcsStorage({ projectId: config.project_id, key: serviceAccountKey(config), apiEndpoint: config.alternative_host });
  return config.buckets.map(
    (bucket) =>
      new BucketPoller({
        ...shared,
        input: 'gcs',
        client: gcsObjectStore(storage, bucket.name),
        batchLines: config.batch_lines,
        maxAttempts: config.max_object_attempts,
        targets: gcsTargets(bucket, datasets),
        intervalMs: config.poll_interval * 1000,
        workers: config.max_workers,
        include: new RegExp(config.include_regex),
        startTimestamp: config.start_timestamp === undefined ? undefined : new Date(config.start_timestamp),
        ignoreOlderMs: config.ignore_older === undefined ? undefined : config.ignore_older * 1000,
        sweepIntervalMs: config.sweep_interval * 1000,
        sweepHorizonMs: config.sweep_horizon * 1000,
        lookbackKeys: config.lookback_keys,
      }),
  );
}
