import { z } from 'zod';
import { DATASET_NAMES } from '../datasets/index.js';
import type { DatasetName } from '../datasets/types.js';

/**
 * Configuration of the object-storage inputs: `s3` (bucket polling, also R2 and S3-compatible stores),
 * `sqs` (S3 event notifications) and `gcs`. Names are Elastic's (`bucket_arn`, `queue_url`,
 * `number_of_workers`, …) so that users who migrate recognise them. Durations take Elastic's form
 * (`60s`, `5m`, `1h`) or a number of seconds; they are stored as seconds.
 */

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

const durationInput = z.union([
  z.number().nonnegative(),
  z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'expected a duration such as 60s, 5m or 1h'),
]);

/** `120s`, `5m`, `1h30m` or a number of seconds → seconds. */
function toSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  let seconds = 0;
  for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) seconds += Number(amount) * UNIT_SECONDS[unit!]!;
  return seconds;
}

export const duration = durationInput.transform(toSeconds);
/** A duration with a default, written the way users write it (so the reference shows `"60s"`). */
const durationOr = (fallback: string) => durationInput.default(fallback).transform(toSeconds);

const secret = z.string().min(1);
const timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 time, e.g. 2026-01-01T00:00:00Z');

/** Credentials and endpoint of an AWS (or S3-compatible) client; shared by `s3` and `sqs`. */
const awsConnection = {
  access_key_id: z.string().min(1).optional().describe('Static access key id (for R2: the API token\'s S3 access key id)'),
  secret_access_key: secret.optional().describe('Static secret access key (for R2: the S3 secret, not the API token value)'),
  session_token: secret.optional().describe('Session token of temporary credentials'),
  shared_credential_file: z.string().optional().describe('Shared credentials file (default ~/.aws/credentials)'),
  credential_profile_name: z.string().optional().describe('Profile in the shared credentials/config file'),
  role_arn: z.string().startsWith('arn:').optional().describe('Role to assume with the credentials above (or the default chain)'),
  external_id: z.string().optional().describe('External id required by the role\'s trust policy'),
  endpoint: z.url().optional().describe('Custom endpoint, e.g. https://<account>.r2.cloudflarestorage.com for R2'),
  default_region: z.string().default('us-east-1').describe('Region used when none is given or derived (R2: auto)'),
  path_style: z.boolean().default(false).describe('Bucket in the URL path instead of the host name (S3-compatible stores)'),
  fips_enabled: z.boolean().default(false).describe('Use the FIPS endpoints of the AWS partition'),
  proxy_url: z.url().optional().describe('HTTP(S) proxy for every call, e.g. http://proxy:3128'),
  api_timeout: durationOr('120s').describe('Time limit of one API call without progress'),
};

const pollingCommon = {
  start_timestamp: timestamp.optional().describe('Only objects modified after this time'),
  ignore_older: duration.optional().describe('Only objects modified within this duration before now'),
  include_regex: z.string().default('\\.(log|json)(\\.gz)?$').describe('Keys to read; others (ownership-challenge .txt files…) are skipped'),
  sweep_interval: durationOr('1h').describe('Pause between re-listings from the start of the recent keys, a safety net for objects that appear late under an earlier key'),
  sweep_horizon: durationOr('48h').describe('How far back a sweep looks when keys carry a YYYYMMDD date folder'),
  lookback_keys: z.number().int().nonnegative().default(100).describe('Recent keys listed again by every run, for objects that appear late'),
  max_object_attempts: z.number().int().positive().default(20).describe('Reads of a failing object before it is dead-lettered (the pause between reads doubles from 1 s up to 1 h: about 9 h with the default)'),
  batch_lines: z.number().int().positive().default(5000).describe('Lines per stored batch when an object is streamed'),
};

const s3DatasetSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Poll this dataset\'s prefix'),
  bucket_list_prefix: z.string().optional().describe('Key prefix of this dataset (default: the dataset\'s prefix, e.g. http_request/)'),
  bucket_arn: z.string().startsWith('arn:').optional().describe('Bucket of this dataset, when not the section\'s bucket'),
  non_aws_bucket_name: z.string().min(1).optional().describe('Bucket name on a non-AWS endpoint, when not the section\'s bucket'),
});

/** Settings keyed by dataset name; any other key is an error. */
const perDataset = <T extends z.ZodType>(schema: T) => z.partialRecord(z.enum(DATASET_NAMES as [DatasetName, ...DatasetName[]]), schema);

export const s3Schema = z
  .strictObject({
    ...awsConnection,
    ...pollingCommon,
    bucket_arn: z.string().startsWith('arn:').optional().describe('Bucket to poll, arn:aws:s3:::<name>'),
    non_aws_bucket_name: z.string().min(1).optional().describe('Bucket name on R2 or another S3-compatible store (with endpoint)'),
    bucket_list_interval: durationOr('60s').describe('Pause between the end of one listing run and the next'),
    number_of_workers: z.number().int().positive().default(5).describe('Objects read at once'),
    datasets: perDataset(s3DatasetSchema)
      .optional()
      .describe('Datasets to poll, `<dataset>: {enabled, bucket_list_prefix, bucket_arn, non_aws_bucket_name}`; when absent every enabled dataset is polled under its default prefix (e.g. http_request/)'),
  })
  .superRefine((s3, ctx) => {
    const buckets = [s3, ...Object.values(s3.datasets ?? {})].filter((b) => b !== undefined);
    if (buckets.some((b) => b.bucket_arn !== undefined && b.non_aws_bucket_name !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set bucket_arn (AWS) or non_aws_bucket_name (with endpoint), not both', path: ['bucket_arn'] });
    }
    const named = (b: { bucket_arn?: string; non_aws_bucket_name?: string }) => b.bucket_arn !== undefined || b.non_aws_bucket_name !== undefined;
    const listed = Object.values(s3.datasets ?? {}).filter((d) => d !== undefined);
    if (!named(s3) && (listed.length === 0 || !listed.every(named))) {
      ctx.addIssue({ code: 'custom', message: 'name the bucket: bucket_arn (arn:aws:s3:::<name>) or non_aws_bucket_name with endpoint', path: ['bucket_arn'] });
    }
    if (buckets.some((b) => b.non_aws_bucket_name !== undefined) && s3.endpoint === undefined) {
      ctx.addIssue({ code: 'custom', message: 'non_aws_bucket_name needs endpoint (e.g. https://<account>.r2.cloudflarestorage.com)', path: ['endpoint'] });
    }
  })
  .describe('S3 bucket polling (also R2 and S3-compatible stores). One reader per bucket prefix: use sqs to scale out');

const sqsDatasetSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Route objects to this dataset'),
  prefix: z.string().optional().describe('Key prefix routed to this dataset (default: the dataset\'s prefix, e.g. audit_logs/)'),
  key_regex: z.string().optional().describe('Regular expression on the key, instead of the prefix'),
  queue_url: z.url().optional().describe('Queue of this dataset alone, instead of the section\'s queue_url'),
});

export const sqsSchema = z
  .strictObject({
    ...awsConnection,
    queue_url: z.url().optional().describe('Queue that receives the bucket\'s S3 event notifications'),
    region: z.string().optional().describe('Region of the queue (default: from the queue URL, else default_region)'),
    visibility_timeout: durationOr('300s').describe('Visibility requested on receive; extended every half period while objects are read'),
    wait_time: durationOr('20s').describe('Long-poll wait of ReceiveMessage (at most 20 s)'),
    number_of_workers: z.number().int().positive().default(5).describe('Messages processed at once'),
    max_receive_count: z.number().int().positive().default(5).describe('Receives after which a failing message is logged and counted as poison (it stays for the queue\'s redrive policy)'),
    unroutable: z.enum(['dead_letter', 'release']).default('dead_letter').describe('Keys no dataset claims: record in dead_letters and delete, or release to the queue for another consumer'),
    include_regex: pollingCommon.include_regex,
    batch_lines: pollingCommon.batch_lines,
    datasets: perDataset(sqsDatasetSchema).optional().describe('Routing, `<dataset>: {enabled, prefix, key_regex, queue_url}`; when absent every enabled dataset is routed by its default prefix (e.g. audit_logs/)'),
  })
  .refine((sqs) => sqs.queue_url !== undefined || Object.values(sqs.datasets ?? {}).some((d) => d?.queue_url !== undefined), {
    message: 'set queue_url (or a queue_url per dataset)',
    path: ['queue_url'],
  })
  .describe('S3 event notifications through SQS (plain, SNS-wrapped or EventBridge). Several collectors may share a queue');

const gcsBucketSchema = z.strictObject({
  name: z.string().min(1).describe('Bucket name'),
  dataset: z.enum(DATASET_NAMES as [DatasetName, ...DatasetName[]]).optional().describe('Dataset of every object in the bucket; when absent objects are routed by the datasets\' default prefixes'),
  prefix: z.string().default('').describe('Only objects under this prefix'),
});

export const gcsSchema = z
  .strictObject({
    ...pollingCommon,
    project_id: z.string().min(1).describe('Google Cloud project'),
    service_account_key: secret.optional().describe('Service-account JSON key, inline'),
    service_account_file: z.string().optional().describe('Service-account JSON key file'),
    alternative_host: z.url().optional().describe('API endpoint instead of https://storage.googleapis.com (emulators, private endpoints)'),
    poll_interval: durationOr('15s').describe('Pause between listing runs'),
    max_workers: z.number().int().positive().default(3).describe('Objects read at once per bucket'),
    buckets: z.array(gcsBucketSchema).min(1).describe('Buckets to poll'),
  })
  .refine((gcs) => (gcs.service_account_key === undefined) !== (gcs.service_account_file === undefined), {
    message: 'set exactly one of service_account_key and service_account_file',
    path: ['service_account_key'],
  })
  .describe('Google Cloud Storage polling');

export type S3Config = z.infer<typeof s3Schema>;
export type SqsConfig = z.infer<typeof sqsSchema>;
export type GcsConfig = z.infer<typeof gcsSchema>;
export type AwsConnectionConfig = Pick<S3Config, keyof typeof awsConnection>;

/** Secrets of these sections, for SECRET_KEYS. */
export const OBJECT_INPUT_SECRET_KEYS = ['secret_access_key', 'session_token', 'service_account_key'] as const;
