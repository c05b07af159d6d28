import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Client as EsClient } from '@elastic/elasticsearch';
import { Client as OsClient } from '@opensearch-project/opensearch';
import type { ClusterOutputConfig } from '../../config/outputs.js';

/**
 * One small interface over the two official clients, so that the bulk logic, the setup command and the
 * tests do not care which cluster they talk to. Both clients keep their connection pool (several hosts,
 * round robin, a failed node is marked dead and retried later) but never retry by themselves
 * (`maxRetries: 0`): retries, backoff and partial bulk retries are ours, in bulk.ts.
 *
 * Every HTTP status comes back as a response (the clients' `ignore` list covers 4xx and 5xx), so callers
 * decide what a status means; only transport failures (refused, reset, timeout) throw.
 */
export type ClusterFlavor = 'elasticsearch' | 'opensearch';

export interface ClusterResponse {
  readonly statusCode: number;
  readonly body: any;
}

export interface ClusterRequest {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  readonly path: string;
  readonly body?: unknown;
  /** A pre-serialised NDJSON body (`_bulk`). */
  readonly bulkBody?: string;
  readonly querystring?: Record<string, string | number>;
}

export interface ClusterClient {
  readonly flavor: ClusterFlavor;
  request(request: ClusterRequest): Promise<ClusterResponse>;
  close(): Promise<void>;
}

const ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i);

function tlsOptions(config: ClusterOutputConfig): TlsOptions {
  const { certificate_authorities: cas, verification_mode: mode } = config.ssl;
  return {
    ...(cas.length > 0 ? { ca: cas.map((file) => readFileSync(file)) } : {}),
    rejectUnauthorized: mode !== 'none',
    // `certificate` checks the chain but not the host name, like Beats' verification_mode: certificate.
    ...(mode === 'certificate' ? { checkServerIdentity: () => undefined } : {}),
  };
}

/** A client for the configured cluster; nothing is sent until the first request. */
export function createClusterClient(config: ClusterOutputConfig): ClusterClient {
  const common = { maxRetries: 0, requestTimeout: config.request_timeout_ms, name: 'logpush-collector' };
  if (config.type === 'elasticsearch') {
    const auth = config.api_key !== undefined
      ? { apiKey: config.api_key }
      : config.username !== undefined ? { username: config.username, password: config.password ?? '' } : undefined;
    const client = new EsClient({
      ...common,
      ...(config.cloud_id !== undefined ? { cloud: { id: config.cloud_id } } : { nodes: config.hosts }),
      ...(auth !== undefined ? { auth } : {}),
      ...(config.ca_trusted_fingerprint !== undefined ? { caFingerprint: config.ca_trusted_fingerprint } : {}),
      tls: tlsOptions(config),
      compression: config.compression,
    });
    return {
      flavor: 'elasticsearch',
      async request(request) {
        const result = await client.transport.request(
          { method: request.method, path: request.path, body: request.body as any, bulkBody: request.bulkBody, querystring: request.querystring },
          { ignore: ERROR_STATUSES, meta: true },
        );
        return { statusCode: result.statusCode ?? 0, body: result.body };
      },
      close: () => client.close(),
    };
  }
  const client = new OsClient({
    ...common,
    nodes: config.hosts,
    ...(config.username !== undefined ? { auth: { username: config.username, password: config.password ?? '' } } : {}),
    ssl: tlsOptions(config),
    ...(config.compression ? { compression: 'gzip' as const } : {}),
  });
  return {
    flavor: 'opensearch',
    async request(request) {
      const result = await client.transport.request(
        { method: request.method, path: request.path, body: request.body as any, bulkBody: request.bulkBody, querystring: request.querystring },
        { ignore: ERROR_STATUSES },
      );
      return { statusCode: result.statusCode ?? 0, body: result.body };
    },
    close: () => client.close(),
  };
}

/** A short description of a transport failure for logs and dead letters. */
export function describeFailure(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
