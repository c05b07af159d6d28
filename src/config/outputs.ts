import { z } from 'zod';

/**
 * The `outputs` list: where documents go. Each entry is a discriminated union on `type` (duckdb,
 * elasticsearch, opensearch, ndjson); a batch is delivered once every listed output has it. The DuckDB
 * store is always opened, because it also keeps the dead letters and answers the API; listing `duckdb`
 * decides whether it stores the documents too.
 */

const MiB = 1024 * 1024;
const secret = z.string().min(1);
const positiveInt = () => z.number().int().positive();

const duckdbOutputSchema = z.strictObject({
  type: z.literal('duckdb').describe('The embedded DuckDB store under data_dir (settings in `store`)'),
});

const tlsSchema = z
  .strictObject({
    certificate_authorities: z.array(z.string()).default([]).describe('PEM files of CAs to trust for the cluster (besides the system ones)'),
    verification_mode: z
      .enum(['full', 'certificate', 'none'])
      .default('full')
      .describe('full: chain and host name; certificate: chain only; none: no verification (tests only)'),
  })
  .prefault({});

const lifecycleSchema = z
  .strictObject({
    retention_days: positiveInt().default(30).describe('Days after rollover before a backing index is deleted'),
    rollover_max_age: z.string().regex(/^\d+[dhm]$/).default('1d').describe('Roll the write index over after this age (e.g. 1d, 12h)'),
    rollover_max_primary_shard_size_gb: positiveInt().default(50).describe('Roll the write index over once a primary shard reaches this size'),
  })
  .prefault({})
  .describe('The lifecycle policy `logpush setup elasticsearch` installs (ILM on Elasticsearch, ISM on OpenSearch)');

/** Settings shared by Elasticsearch and OpenSearch. */
const clusterFields = {
  hosts: z
    .array(z.url())
    .min(1)
    .default(['http://127.0.0.1:9200'])
    .describe('Cluster URLs; requests are load-balanced across them and fail over when one is down'),
  username: z.string().min(1).optional().describe('Basic-auth user'),
  password: secret.optional().describe('Basic-auth password'),
  ssl: tlsSchema.describe('TLS towards the cluster'),
  namespace: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .max(100)
    .default('default')
    .describe('Data stream namespace: documents go to logs-cloudflare_logpush.<dataset>-<namespace>'),
  mode: z
    .enum(['ecs', 'raw'])
    .default('ecs')
    .describe("ecs: send our ECS documents with pipeline=_none; raw: send {message: <line>} for the cluster's own ingest pipelines"),
  compression: z.boolean().default(true).describe('gzip the bulk request bodies'),
  bulk_max_bytes: positiveInt().default(10 * MiB).describe('Largest bulk request body (uncompressed)'),
  bulk_max_documents: positiveInt().default(5000).describe('Most documents in one bulk request'),
  flush_interval_ms: z.number().int().min(0).default(100).describe('How long small batches wait to share one bulk request'),
  concurrency: positiveInt().default(2).describe('Bulk requests in flight at once (including those waiting to retry)'),
  request_timeout_ms: positiveInt().default(60_000).describe('Time allowed for one bulk request'),
  backoff_initial_ms: positiveInt().default(1000).describe('First retry delay; doubles per attempt, with jitter'),
  backoff_max_ms: positiveInt().default(60_000).describe('Longest retry delay'),
  retry_timeout_secs: positiveInt()
    .default(120)
    .describe('Give up on a batch after this long (the input answers retry, the sender sends it again)'),
  lifecycle: lifecycleSchema,
};

const elasticsearchOutputSchema = z.strictObject({
  type: z.literal('elasticsearch').describe('An Elasticsearch 8 or 9 cluster (@elastic/elasticsearch client)'),
  ...clusterFields,
  api_key: secret.optional().describe('Elasticsearch API key (the base64 "encoded" form); preferred over basic auth'),
  cloud_id: z.string().min(1).optional().describe('Elastic Cloud deployment id; replaces hosts'),
  ca_trusted_fingerprint: z
    .string()
    .regex(/^[0-9A-Fa-f:]{64,95}$/)
    .optional()
    .describe('SHA-256 fingerprint of the CA certificate to trust (as printed when Elasticsearch first starts)'),
});

const opensearchOutputSchema = z.strictObject({
  type: z.literal('opensearch').describe('An OpenSearch 2 cluster (@opensearch-project/opensearch client)'),
  ...clusterFields,
});

const ndjsonOutputSchema = z.strictObject({
  type: z.literal('ndjson').describe('One nested ECS document per line, to stdout or to rotating files'),
  path: z
    .string()
    .min(1)
    .default('-')
    .describe('"-" for stdout, else a directory: files are named <dataset>-<UTC time>-<n>.ndjson[.gz]'),
  rotate_max_bytes: positiveInt().default(256 * MiB).describe('Start a new file once the current one holds this many bytes (uncompressed)'),
  rotate_interval_secs: positiveInt().default(3600).describe('Start a new file once the current one is this old'),
  gzip: z.boolean().default(false).describe('gzip the files (each file is one complete gzip stream once closed)'),
});

export const outputSchema = z.discriminatedUnion('type', [
  duckdbOutputSchema,
  elasticsearchOutputSchema,
  opensearchOutputSchema,
  ndjsonOutputSchema,
]);

export const outputsSchema = z
  .array(outputSchema)
  .min(1)
  .default([{ type: 'duckdb' }])
  .describe('Where documents go; a batch is acknowledged once every output has it');

export type OutputConfig = z.infer<typeof outputSchema>;
export type ElasticsearchOutputConfig = z.infer<typeof elasticsearchOutputSchema>;
export type OpensearchOutputConfig = z.infer<typeof opensearchOutputSchema>;
export type ClusterOutputConfig = ElasticsearchOutputConfig | OpensearchOutputConfig;
export type NdjsonOutputConfig = z.infer<typeof ndjsonOutputSchema>;

/** Secret keys of the output settings, merged into SECRET_KEYS. */
export const OUTPUT_SECRET_KEYS = ['api_key', 'password'] as const;
