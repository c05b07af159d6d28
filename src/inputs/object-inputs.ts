import { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../config/schema.js';
import type { SqsConfig } from '../config/object-inputs.js';
import { awsClientSettings, regionFromQueueUrl } from './aws-client.js';
import { createGcsPollers } from './gcs.js';
import type { ObjectInput } from './input-status.js';
import type { ObjectStoreClient } from './object-store.js';
import { sqsRoutes } from './routing.js';
import { s3ObjectStore } from './s3-client.js';
import { createS3Pollers, type SharedSettings } from './s3-poll.js';
import { SqsInput } from './s3-sqs.js';

/**
 * Builds and starts the object-storage inputs that the configuration enables (`s3`, `sqs`, `gcs`).
 * Each keeps retrying on its own after an error, so a wrong bucket or key shows up in the status API
 * and the logs instead of stopping the collector; only a configuration that cannot be built throws.
 */
export function startObjectInputs(config: Config, shared: SharedSettings): ObjectInput[] {
  const inputs: (ObjectInput & { start(): void })[] = [];
  if (config.s3 !== undefined) inputs.push(...createS3Pollers(config.s3, config.datasets, shared));
  if (config.sqs !== undefined) inputs.push(...createSqsInputs(config.sqs, config.datasets, shared));
  if (config.gcs !== undefined) inputs.push(...createGcsPollers(config.gcs, config.datasets, shared));
  for (const input of inputs) {
    input.start();
    shared.logger.info({ input: input.name }, 'object input started');
  }
  return inputs;
}

function createSqsInputs(config: SqsConfig, datasets: Config['datasets'], shared: SharedSettings): SqsInput[] {
  // `endpoint` is the S3 endpoint (R2, MinIO …); the queue's endpoint is always its URL.
  const s3Settings = awsClientSettings(config);
  const buckets = new Map<string, ObjectStoreClient>();
  const bucket = (name: string) => {
    let client = buckets.get(name);
    if (client === undefined) buckets.set(name, (client = s3ObjectStore(s3Settings, name)));
    return client;
  };
  return [...sqsRoutes(config, datasets)].map(([queueUrl, routes]) => {
    const region = config.region ?? regionFromQueueUrl(queueUrl) ?? config.default_region;
    const onAws = /\.amazonaws\.com(\.cn)?$/i.test(new URL(queueUrl).hostname);
    const aws = awsClientSettings(config, region);
    const sqs = new SQSClient({
      region,
      credentials: aws.credentials,
      useFipsEndpoint: aws.useFipsEndpoint,
      requestHandler: aws.requestHandler,
      maxAttempts: aws.maxAttempts,
      endpoint: onAws ? undefined : new URL(queueUrl).origin,
    });
    return new SqsInput({
      ...shared,
      // SQS redelivers a failed message by itself: no per-object state or attempt limit here.
      state: undefined,
      input: 'sqs',
      queueUrl,
      sqs,
      bucket,
      routes,
      include: new RegExp(config.include_regex),
      workers: config.number_of_workers,
      visibilityTimeoutSecs: config.visibility_timeout,
      waitTimeSecs: Math.min(20, config.wait_time),
      maxReceiveCount: config.max_receive_count,
      unroutable: config.unroutable,
      batchLines: config.batch_lines,
      maxAttempts: Number.POSITIVE_INFINITY,
    });
  });
}
