import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { AwsConnectionConfig } from '../config/object-inputs.js';

/**
 * The settings shared by the S3 and SQS clients: credentials, region, endpoint, path style, FIPS and
 * proxy. Credentials, in Elastic's order of precedence: static keys (with an optional session token), a
 * shared credentials file and/or profile, else the SDK's default chain; `role_arn` then assumes a role
 * with whichever of those applies. The SDK's providers refresh temporary credentials before they expire.
 */
type Credentials = NonNullable<S3ClientConfig['credentials']>;

export interface AwsClientSettings {
  readonly region: string;
  readonly credentials: Credentials;
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  readonly useFipsEndpoint: boolean;
  readonly requestHandler: NodeHttpHandler;
  /** Third-party stores (R2, MinIO, Ceph …) do not all accept the SDK's newer default checksums. */
  readonly requestChecksumCalculation: 'WHEN_REQUIRED';
  readonly responseChecksumValidation: 'WHEN_REQUIRED';
  readonly maxAttempts: number;
}

function baseCredentials(config: AwsConnectionConfig): Credentials {
  if (config.access_key_id !== undefined && config.secret_access_key !== undefined) {
    return { accessKeyId: config.access_key_id, secretAccessKey: config.secret_access_key, sessionToken: config.session_token };
  }
  if (config.shared_credential_file !== undefined || config.credential_profile_name !== undefined) {
    return fromIni({ filepath: config.shared_credential_file, profile: config.credential_profile_name });
  }
  return fromNodeProviderChain();
}

export function awsCredentials(config: AwsConnectionConfig, region: string): Credentials {
  const base = baseCredentials(config);
  if (config.role_arn === undefined) return base;
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: { RoleArn: config.role_arn, RoleSessionName: 'logpush-collector', ExternalId: config.external_id },
    clientConfig: { region, useFipsEndpoint: config.fips_enabled },
  });
}

/** A request handler with the API timeout and, when configured, the proxy for both http and https. */
export function awsRequestHandler(config: AwsConnectionConfig): NodeHttpHandler {
  const timeoutMs = config.api_timeout * 1000;
  const proxy = config.proxy_url;
  return new NodeHttpHandler({
    connectionTimeout: Math.min(timeoutMs, 30_000),
    requestTimeout: timeoutMs,
    ...(proxy === undefined ? {} : { httpAgent: new HttpProxyAgent(proxy), httpsAgent: new HttpsProxyAgent(proxy) }),
  });
}

export function awsClientSettings(config: AwsConnectionConfig, region = config.default_region): AwsClientSettings {
  return {
    region,
    credentials: awsCredentials(config, region),
    endpoint: config.endpoint,
    forcePathStyle: config.path_style,
    useFipsEndpoint: config.fips_enabled,
    requestHandler: awsRequestHandler(config),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  };
}

/** The bucket name of `arn:aws:s3:::name` (or a plain name). */
export function bucketFromArn(arn: string): string {
  const match = /^arn:aws[\w-]*:s3:::([^/]+)$/.exec(arn);
  return match === null ? arn : match[1]!;
}

/** The region in an SQS queue URL (`https://sqs.eu-west-1.amazonaws.com/…`), if any. */
export function regionFromQueueUrl(url: string): string | undefined {
  return /^https?:\/\/sqs[.-]([a-z0-9-]+)\.amazonaws\.com/i.exec(url)?.[1] ?? /\.sqs\.([a-z0-9-]+)\.amazonaws\.com/i.exec(url)?.[1];
}

/** The HTTP status and error code of an SDK error, for messages and classification. */
export function awsErrorInfo(error: unknown): { status?: number; code: string; message: string } {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return { status: e.$metadata?.httpStatusCode, code: e.Code ?? e.name ?? e.code ?? 'Error', message: e.message ?? String(error) };
}
