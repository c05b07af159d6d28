import { Storage } from '@google-cloud/storage';
import { JWT } from 'google-auth-library';
import { ObjectStoreError, type ObjectStoreClient } from './object-store.js';

/**
 * A Google Cloud Storage bucket behind the ObjectStoreClient interface. Authentication is a service-account
 * JSON key (inline or from a file, the two methods Elastic offers), signed into a self-signed JWT per
 * request instead of being exchanged at Google's token endpoint: one dependency and one round trip fewer.
 * Objects are downloaded raw (`decompress: false`, which also asks for `Accept-Encoding: gzip` and so
 * defeats GCS decompressive transcoding); the reader sniffs the gzip magic itself. An object is
 * identified by its generation, and downloads pin that generation.
 */
export interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
  readonly private_key_id?: string;
  readonly project_id?: string;
}

const PAGE_SIZE = 1000;
const SCOPE = 'https://www.googleapis.com/auth/devstorage.read_only';

/** Parses a service-account key, saying which field is missing rather than failing later at the first call. */
export function parseServiceAccountKey(text: string, where: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(text) as Partial<ServiceAccountKey>;
  } catch {
    throw new Error(`${where} is not a JSON service-account key`);
  }
  for (const field of ['client_email', 'private_key'] as const) {
    if (typeof key[field] !== 'string') throw new Error(`${where} has no ${field}: is it a service-account key (type service_account)?`);
  }
  return key as ServiceAccountKey;
}

export function gcsStorage(options: { projectId: string; key: ServiceAccountKey; apiEndpoint?: string }): Storage {
  const authClient = new JWT({ email: options.key.client_email, key: options.key.private_key, keyId: options.key.private_key_id, scopes: [SCOPE] });
  authClient.useJWTAccessWithScope = true;
  return new Storage({
    projectId: options.projectId,
    authClient,
    apiEndpoint: options.apiEndpoint,
    // A custom endpoint (an emulator or a private endpoint) still gets our credentials.
    useAuthWithCustomEndpoint: true,
    retryOptions: { autoRetry: true, maxRetries: 2 },
  });
}

/** An error message that names what is wrong, then the API's own words. */
export function describeGcsError(operation: 'list' | 'get', target: string, error: unknown): ObjectStoreError {
  const status = (error as { code?: number | string }).code;
  const message = (error as Error).message;
  const hint =
    status === 404
      ? operation === 'list' ? 'the bucket does not exist (check the bucket name and project_id)' : 'the object does not exist'
      : status === 403
        ? `access denied: the service account needs ${operation === 'list' ? 'storage.objects.list' : 'storage.objects.get'} on the bucket (e.g. Storage Object Viewer)`
        : status === 401
          ? 'the service-account key was refused (wrong or revoked key)'
          : undefined;
  const verb = operation === 'list' ? 'listing' : 'downloading';
  return new ObjectStoreError(`${verb} ${target} failed: ${hint === undefined ? '' : `${hint} — `}${status ?? ''} ${message}`.trim(), String(status ?? 'error'), { cause: error });
}

export function gcsObjectStore(storage: Storage, bucketName: string): ObjectStoreClient {
  const bucket = storage.bucket(bucketName);
  const source = `gs://${bucketName}`;
  return {
    source,
    async listPage(prefix, startAfter, pageToken) {
      try {
        const [files, next] = await bucket.getFiles({
          prefix: prefix === '' ? undefined : prefix,
          // startOffset is inclusive; the key equal to it is dropped below.
          startOffset: startAfter === '' ? undefined : startAfter,
          pageToken,
          maxResults: PAGE_SIZE,
          autoPaginate: false,
        });
        return {
          objects: files
            .filter((f) => f.name !== startAfter)
            .map((f) => ({
              key: f.name,
              version: String(f.metadata.generation ?? ''),
              lastModified: new Date(String(f.metadata.updated ?? 0)),
              size: Number(f.metadata.size ?? 0),
            })),
          nextPageToken: (next as { pageToken?: string } | null)?.pageToken,
        };
      } catch (error) {
        throw describeGcsError('list', `${source}/${prefix}`, error);
      }
    },
    async open(key, version) {
      const file = bucket.file(key, version === undefined ? {} : { generation: Number(version) });
      let generation = version;
      if (generation === undefined) {
        try {
          const [metadata] = await file.getMetadata();
          generation = String(metadata.generation);
        } catch (error) {
          if ((error as { code?: number }).code === 404) return undefined;
          throw describeGcsError('get', `${source}/${key}`, error);
        }
      }
      const body = file.createReadStream({ decompress: false, validation: false });
      // The request starts on the first read: surface a 404 or 403 here, not in the middle of the reader.
      const status = await new Promise<number | Error>((resolve) => {
        body.once('response', (response: { statusCode?: number }) => resolve(response.statusCode ?? 200));
        body.once('error', resolve);
        body.read(0);
      });
      const failure = status instanceof Error ? status : status >= 400 ? await new Promise<Error>((resolve) => body.once('error', resolve)) : undefined;
      if (failure !== undefined) {
        body.destroy();
        if ((failure as { code?: number }).code === 404 || status === 404) return undefined;
        throw describeGcsError('get', `${source}/${key}`, failure);
      }
      return { body, version: generation };
    },
  };
}
