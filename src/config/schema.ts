import { z } from 'zod';
import { DATASET_NAMES } from '../datasets/index.js';
import type { DatasetName } from '../datasets/types.js';
import { OUTPUT_SECRET_KEYS, outputsSchema } from './outputs.js';
import { OBJECT_INPUT_SECRET_KEYS, gcsSchema, s3Schema, sqsSchema } from './object-inputs.js';

/**
 * The one configuration schema. Defaults live here; `Config` is inferred from it. Where Elastic's
 * `cloudflare_logpush` integration has a setting for the same thing, the name is Elastic's
 * (`listen_address`, `listen_port`, `secret_header`, `secret_value`, `ssl`), so users who migrate
 * recognise it. Every object is strict: a misspelt key is an error, never a silent default.
 */

const MiB = 1024 * 1024;
const port = z.number().int().min(0).max(65535);
const secret = z.string().min(1);

const sslSchema = z
  .strictObject({
    certificate: z.string().describe('PEM certificate chain file (leaf first, then intermediates)'),
    key: z.string().describe('PEM private key file'),
  })
  .describe('TLS for the listener; Cloudflare only pushes to https:// destinations');

const httpSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Run the Logpush HTTP destination'),
    listen_address: z.string().default('127.0.0.1').describe('Bind address; 0.0.0.0 to accept pushes from Cloudflare'),
    listen_port: port.default(9560).describe('Port of the Logpush HTTP destination'),
    ssl: sslSchema.optional(),
    secret_header: z.string().min(1).optional().describe('Header that carries the shared secret (e.g. X-Logpush-Secret)'),
    secret_value: secret.optional().describe('Shared secret; also LOGPUSH_SECRET_VALUE'),
    secret_values: z.array(secret).default([]).describe('Further accepted secrets, for rotation'),
    max_body_bytes: z.number().int().positive().default(100 * MiB).describe('Largest compressed body accepted (413 above)'),
    max_decompressed_bytes: z.number().int().positive().default(1024 * MiB).describe('Largest decompressed body (413 above; stops gzip bombs)'),
    max_line_bytes: z.number().int().positive().default(4 * MiB).describe('Longest record line; longer lines are dead-lettered'),
    retry_after_secs: z.number().int().positive().default(10).describe('Retry-After sent with 503 when the write queue is full'),
  })
  .prefault({});

const apiSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Serve the JSON API, /metrics and the dashboard'),
    listen_address: z.string().default('127.0.0.1').describe('Bind address of the API listener'),
    listen_port: port.default(9561).describe('Port of the API listener'),
    auth_token: secret.optional().describe('Bearer token for the API; required when listen_address is not loopback. Also LOGPUSH_API_TOKEN'),
    ssl: sslSchema.optional(),
  })
  .prefault({});

const datasetSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Accept this dataset'),
  tags: z.array(z.string()).optional().describe('Tags added to every document (default: Elastic\'s: forwarded, cloudflare_logpush-<dataset>)'),
  preserve_original_event: z.boolean().default(false).describe('Keep the raw line in event.original'),
  preserve_duplicate_custom_fields: z.boolean().default(false).describe('Keep cloudflare_logpush.<dataset>.* copies of values also written to ECS fields'),
  retention_days: z.number().int().positive().optional().describe('Days of data to keep in the store (default: store.retention_days)'),
  http_path: z.string().startsWith('/').optional().describe('Extra HTTP path for this dataset'),
});

const datasetsSchema = z
  .strictObject(
    Object.fromEntries(DATASET_NAMES.map((name) => [name, datasetSchema.prefault({})])) as unknown as Record<
      DatasetName,
      z.ZodPrefault<typeof datasetSchema>
    >,
  )
  .prefault({});

const storeSchema = z
  .strictObject({
    type: z.literal('duckdb').default('duckdb'),
    retention_days: z.number().int().positive().default(30).describe('Default days of data kept per dataset'),
    retention_check_interval_secs: z.number().int().positive().default(3600).describe('How often old rows are removed'),
    max_queued_batches: z.number().int().positive().default(16).describe('Bounded write queue; beyond it inputs answer 503'),
    memory_limit_mb: z
      .number()
      .int()
      .min(192)
      .default(256)
      .describe("DuckDB's memory budget; below about 192 MB commits of large batches fail (measured: 96 MB fails after two 5,000-row http_request batches)"),
  })
  .prefault({});

const geoipSchema = z
  .strictObject({
    city_file: z.string().optional().describe('MaxMind-format City database (GeoLite2-City.mmdb)'),
    asn_file: z.string().optional().describe('MaxMind-format ASN database (GeoLite2-ASN.mmdb)'),
  })
  .prefault({});

export const configSchema = z.strictObject({
  data_dir: z.string().default('./data').describe('Directory of the embedded store'),
  log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info').describe('Log level (logs go to stderr; readable on a terminal, JSON lines otherwise)'),
  http: httpSchema,
  api: apiSchema,
  store: storeSchema,
  geoip: geoipSchema,
  datasets: datasetsSchema,
  s3: s3Schema.optional(),
  sqs: sqsSchema.optional(),
  gcs: gcsSchema.optional(),
  outputs: outputsSchema,
});

export type Config = z.infer<typeof configSchema>;
export type DatasetConfig = z.infer<typeof datasetSchema>;

/** Config keys whose values are secrets: redacted whenever config is printed. */
export const SECRET_KEYS = new Set(['secret_value', 'secret_values', 'auth_token', ...OUTPUT_SECRET_KEYS, ...OBJECT_INPUT_SECRET_KEYS]);
