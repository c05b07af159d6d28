import type { Config } from '../config/schema.js';
import type { S3Config } from '../config/object-inputs.js';
import { mappedDatasets, type MappedDataset } from '../datasets/index.js';
import { awsClientSettings, bucketFromArn } from './aws-client.js';
import { BucketPoller, type PollTarget } from './bucket-poller.js';
import type { ObjectIngestSettings } from './object-ingest.js';
import type { ObjectStateStore } from './object-state.js';
import { s3ObjectStore } from './s3-client.js';

/**
 * S3 bucket polling, for AWS buckets (`bucket_arn`) and R2 or other S3-compatible stores
 * (`non_aws_bucket_name` + `endpoint`, usually with `path_style`). One poller per bucket; each polls the
 * prefix of every dataset routed to it (the dataset's default prefix, e.g. `http_request/`, unless
 * `bucket_list_prefix` says otherwise).
 */
/** What every object input gets from the collector. */
export type SharedSettings = Omit<ObjectIngestSettings, 'input' | 'client' | 'batchLines' | 'maxAttempts' | 'state'> & { readonly state: ObjectStateStore };

/** Which bucket and prefix each enabled dataset is polled under. */
export function s3Targets(config: S3Config, datasets: Config['datasets']): Map<string, PollTarget[]> {
  const byBucket = new Map<string, PollTarget[]>();
  const enabled = mappedDatasets().filter((d) => datasets[d.name].enabled);
  const chosen: { dataset: MappedDataset; settings?: NonNullable<S3Config['datasets']>[keyof NonNullable<S3Config['datasets']>] }[] =
    config.datasets === undefined
      ? enabled.map((dataset) => ({ dataset }))
      : enabled.filter((d) => config.datasets![d.name]?.enabled === true).map((dataset) => ({ dataset, settings: config.datasets![dataset.name] }));
  for (const { dataset, settings } of chosen) {
    const arn = settings?.bucket_arn ?? (settings?.non_aws_bucket_name === undefined ? config.bucket_arn : undefined);
    const bucket = arn !== undefined ? bucketFromArn(arn) : (settings?.non_aws_bucket_name ?? config.non_aws_bucket_name);
    if (bucket === undefined) continue;
    const targets = byBucket.get(bucket) ?? [];
    targets.push({ prefix: settings?.bucket_list_prefix ?? `${dataset.defaultPrefix}/`, dataset });
    byBucket.set(bucket, targets);
  }
  return byBucket;
}

export function createS3Pollers(config: S3Config, datasets: Config['datasets'], shared: SharedSettings): BucketPoller[] {
  // R2 knows only `auto` (and its location hints) as a region; AWS names would be refused.
  const isR2 = /\.r2\.cloudflarestorage\.com/i.test(config.endpoint ?? '');
  const region = isR2 && config.default_region === 'us-east-1' ? 'auto' : config.default_region;
  const aws = awsClientSettings(config, region);
  return [...s3Targets(config, datasets)].map(
    ([bucket, targets]) =>
      new BucketPoller({
        ...shared,
        input: 's3',
        client: s3ObjectStore(aws, bucket),
        batchLines: config.batch_lines,
        maxAttempts: config.max_object_attempts,
        targets,
        intervalMs: config.bucket_list_interval * 1000,
        workers: config.number_of_workers,
        include: new RegExp(config.include_regex),
        startTimestamp: config.start_timestamp === undefined ? undefined : new Date(config.start_timestamp),
        ignoreOlderMs: config.ignore_older === undefined ? undefined : config.ignore_older * 1000,
        sweepIntervalMs: config.sweep_interval * 1000,
        sweepHorizonMs: config.sweep_horizon * 1000,
        lookbackKeys: config.lookback_keys,
      }),
  );
}
