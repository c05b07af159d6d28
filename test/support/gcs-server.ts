import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A small Google Cloud Storage server of ours on loopback, speaking the JSON API that
 * @google-cloud/storage uses: `GET /storage/v1/b/{bucket}/o` (prefix, startOffset, maxResults,
 * pageToken), object metadata, and media download (`alt=media`, pinned by `generation`). It applies
 * decompressive transcoding as GCS does (an object stored with Content-Encoding gzip is served
 * decompressed unless the request accepts gzip) and checks each request's bearer token: a self-signed
 * RS256 JWT of the service account it issued (`serviceAccountKey()`), with a storage scope.
 */
interface StoredObject {
  readonly bytes: Buffer;
  readonly generation: string;
  readonly updated: Date;
  readonly contentEncoding?: string;
}

export interface TestGcs {
  readonly endpoint: string;
  /** A service-account JSON key this server accepts. */
  serviceAccountKey(): string;
  createBucket(name: string): void;
  put(bucket: string, name: string, bytes: Buffer | string, options?: { contentEncoding?: 'gzip' }): string;
  /** Refuse (403) listing or downloading, as a missing IAM permission would. */
  deny?: 'list' | 'get';
  readonly downloads: string[];
  close(): Promise<void>;
}

const EMAIL = 'logpush-reader@test-project.iam.gserviceaccount.com';

export async function startGcsServer(): Promise<TestGcs> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const buckets = new Map<string, Map<string, StoredObject>>();
  const downloads: string[] = [];
  let generation = 1_700_000_000_000_000;

  const authorized = (req: IncomingMessage): boolean => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [header, payload, signature] = token?.split('.') ?? [];
    if (header === undefined || payload === undefined || signature === undefined) return false;
    try {
      const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; scope?: string; exp?: number };
      return valid && claims.iss === EMAIL && /devstorage/.test(claims.scope ?? '') && (claims.exp ?? 0) * 1000 > Date.now();
    } catch {
      return false;
    }
  };
  const resource = (bucket: string, name: string, o: StoredObject) => ({
    kind: 'storage#object',
    id: `${bucket}/${name}/${o.generation}`,
    name,
    bucket,
    generation: o.generation,
    metageneration: '1',
    size: String(o.bytes.length),
    updated: o.updated.toISOString(),
    timeCreated: o.updated.toISOString(),
    contentType: 'application/octet-stream',
    ...(o.contentEncoding === undefined ? {} : { contentEncoding: o.contentEncoding }),
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (code: number, message: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code, message, errors: [{ message, reason: code === 404 ? 'notFound' : 'forbidden' }] } }));
    };
    if (!authorized(req)) return fail(401, 'Invalid Credentials');
    const match = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(url.pathname);
    if (match === null) return fail(404, `no route ${url.pathname}`);
    const bucket = buckets.get(decodeURIComponent(match[1]!));
    if (bucket === undefined) return fail(404, 'The specified bucket does not exist.');
    if (match[2] === undefined) {
      if (api.deny === 'list') return fail(403, `${EMAIL} does not have storage.objects.list access to the Google Cloud Storage bucket.`);
      const prefix = url.searchParams.get('prefix') ?? '';
      const start = url.searchParams.get('pageToken') ?? url.searchParams.get('startOffset') ?? '';
      const inclusive = !url.searchParams.has('pageToken');
      const max = Number(url.searchParams.get('maxResults') ?? 1000);
      const names = [...bucket.keys()].filter((n) => n.startsWith(prefix) && (inclusive ? n >= start : n > start)).sort();
      const page = names.slice(0, max);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        kind: 'storage#objects',
        items: page.map((n) => resource(match[1]!, n, bucket.get(n)!)),
        ...(names.length > max ? { nextPageToken: page.at(-1) } : {}),
      }));
      return;
    }
    const name = decodeURIComponent(match[2]);
    const object = bucket.get(name);
    const wanted = url.searchParams.get('generation');
    if (object === undefined || (wanted !== null && wanted !== object.generation)) return fail(404, 'No such object.');
    if (url.searchParams.get('alt') !== 'media') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(resource(match[1]!, name, object)));
      return;
    }
    if (api.deny === 'get') return fail(403, `${EMAIL} does not have storage.objects.get access to the Google Cloud Storage object.`);
    downloads.push(name);
    const acceptsGzip = /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
    const transcode = object.contentEncoding === 'gzip' && !acceptsGzip;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'x-goog-generation': object.generation,
      'x-goog-stored-content-encoding': object.contentEncoding ?? 'identity',
      ...(object.contentEncoding === 'gzip' && !transcode ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(transcode ? gunzipSync(object.bytes) : object.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: TestGcs = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serviceAccountKey: () =>
      JSON.stringify({
        type: 'service_account',
        project_id: 'test-project',
        private_key_id: 'k1',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: EMAIL,
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
    createBucket: (name) => void buckets.set(name, buckets.get(name) ?? new Map()),
    put(bucket, name, bytes, options = {}) {
      const stored: StoredObject = { bytes: Buffer.from(bytes), generation: String(++generation), updated: new Date(), contentEncoding: options.contentEncoding };
      buckets.get(bucket)!.set(name, stored);
      return stored.generation;
    },
    downloads,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
