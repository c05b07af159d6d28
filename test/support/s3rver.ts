import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './collector.js';

/**
 * An S3-compatible server on loopback: s3rver (npm), run in a child process (see s3rver-main.cjs for why),
 * with a real @aws-sdk/client-s3 client to upload fixtures as Cloudflare would. Credentials are s3rver's
 * fixed pair, S3RVER / S3RVER; any other key is refused with InvalidAccessKeyId.
 */
export const S3RVER_KEY = 'S3RVER';

/** An `s3` input section as an R2 user would write it, pointed at a test server (or a proxy before it). */
export function s3Section(endpoint: string, bucket: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    non_aws_bucket_name: bucket,
    endpoint,
    path_style: true,
    access_key_id: S3RVER_KEY,
    secret_access_key: S3RVER_KEY,
    bucket_list_interval: '200ms',
    datasets: { dns: {} },
    ...extra,
  };
}

export interface TestS3 {
  /** http://127.0.0.1:port, to use as `endpoint` with `path_style: true`. */
  readonly endpoint: string;
  readonly client: S3Client;
  put(bucket: string, key: string, body: string | Buffer): Promise<void>;
  createBucket(bucket: string): Promise<void>;
  close(): Promise<void>;
}

export async function startS3rver(options: { buckets?: string[] } = {}): Promise<TestS3> {
  const dir = tempDir('logpush-s3rver-');
  const main = join(dirname(fileURLToPath(import.meta.url)), 's3rver-main.cjs');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', main, dir.path, ...(options.buckets ?? [])], {
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, NODE_OPTIONS: undefined },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
    // s3rver predates the SDK's default flexible checksums (aws-chunked uploads).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    client,
    async put(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
    },
    async createBucket(bucket) {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    async close() {
      client.destroy();
      child.kill('SIGTERM');
      await exited;
      dir.remove();
    },
  };
}
