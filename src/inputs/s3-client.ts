import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { AwsClientSettings } from './aws-client.js';
import { awsErrorInfo } from './aws-client.js';
import { ObjectStoreError, type ObjectStoreClient, type OpenedObject } from './object-store.js';

/**
 * An S3 bucket (or R2, or another S3-compatible store) behind the ObjectStoreClient interface. Listing
 * uses ListObjectsV2 with `StartAfter`, so a run lists only the keys after the cursor instead of the
 * whole prefix. GetObject pins the ETag (`IfMatch`) when it is known, so the bytes read are the version
 * whose identity is recorded.
 */
const PAGE_SIZE = 1000;

/** ETags come quoted (`"abc"`); the quotes are transport, not identity. */
export const unquoteEtag = (etag: string | undefined) => (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '');

const HINTS: Record<string, { list: string; get: string }> = {
  NoSuchBucket: { list: 'the bucket does not exist (check the bucket name, the region and the endpoint)', get: 'the bucket does not exist' },
  AccessDenied: {
    list: 'access denied to list the bucket: the credentials need s3:ListBucket on it',
    get: 'access denied to read the object: the credentials need s3:GetObject (and kms:Decrypt if the bucket uses KMS)',
  },
  InvalidAccessKeyId: {
    list: 'the access key id is not known to the store (for R2 use the API token\'s S3 access key id, not the token value)',
    get: 'the access key id is not known to the store',
  },
  SignatureDoesNotMatch: {
    list: 'the secret access key is wrong (for R2 use the S3 secret shown with the API token, not the token value)',
    get: 'the secret access key is wrong',
  },
  ExpiredToken: { list: 'the session token has expired', get: 'the session token has expired' },
  PermanentRedirect: { list: 'the bucket is in another region: set default_region', get: 'the bucket is in another region: set default_region' },
  AuthorizationHeaderMalformed: { list: 'wrong region for this bucket or store: set default_region (R2: auto)', get: 'wrong region: set default_region' },
};

/** An error message that names what is wrong, then the provider's own words. */
export function describeS3Error(operation: 'list' | 'get', target: string, error: unknown): ObjectStoreError {
  const { status, code, message } = awsErrorInfo(error);
  const networkCode = (error as { code?: string }).code;
  const hint =
    HINTS[code]?.[operation] ??
    (status === 403 ? (operation === 'list' ? HINTS.AccessDenied!.list : HINTS.AccessDenied!.get) : undefined) ??
    (networkCode === 'ECONNREFUSED' || networkCode === 'ENOTFOUND' ? 'cannot reach the endpoint (check endpoint and proxy_url)' : undefined);
  const verb = operation === 'list' ? 'ListObjectsV2 on' : 'GetObject';
  const provider = `${code}${status === undefined ? '' : ` (HTTP ${status})`}: ${message}`;
  return new ObjectStoreError(`${verb} ${target} failed: ${hint === undefined ? provider : `${hint} — ${provider}`}`, code, { cause: error });
}

export function s3ObjectStore(settings: AwsClientSettings, bucket: string): ObjectStoreClient & { readonly client: S3Client } {
  const client = new S3Client(settings);
  const source = `s3://${bucket}`;
  return {
    client,
    source,
    async listPage(prefix, startAfter, pageToken) {
      try {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix === '' ? undefined : prefix,
            StartAfter: startAfter === '' || pageToken !== undefined ? undefined : startAfter,
            ContinuationToken: pageToken,
            MaxKeys: PAGE_SIZE,
          }),
        );
        return {
          objects: (page.Contents ?? []).map((o) => ({
            key: o.Key!,
            version: unquoteEtag(o.ETag),
            lastModified: o.LastModified ?? new Date(0),
            size: o.Size ?? 0,
          })),
          nextPageToken: page.IsTruncated ? page.NextContinuationToken : undefined,
        };
      } catch (error) {
        throw describeS3Error('list', `${source}/${prefix}`, error);
      }
    },
    async open(key, version, signal): Promise<OpenedObject | undefined> {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: version === undefined ? undefined : `"${version}"` }), {
          abortSignal: signal,
        });
        return {
          body: response.Body as Readable,
          version: unquoteEtag(response.ETag) || (version ?? ''),
          lastModified: response.LastModified,
          size: response.ContentLength,
        };
      } catch (error) {
        const { status, code } = awsErrorInfo(error);
        // Deleted since it was listed; or overwritten (the new version is listed or announced on its own).
        if (code === 'NoSuchKey' || status === 404 && code !== 'NoSuchBucket' || code === 'PreconditionFailed' || status === 412) return undefined;
        throw describeS3Error('get', `${source}/${key}`, error);
      }
    },
  };
}
