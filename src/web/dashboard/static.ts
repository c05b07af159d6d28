import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves the browser bundle that `npm install` builds (scripts/build-dashboard.mjs, the `prepare` step)
 * into dist/dashboard/. Nothing is fetched from elsewhere at run time: scripts, styles and the world
 * geometry all come from this folder, and the Content-Security-Policy says so to the browser.
 */
export const DASHBOARD_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** ECharts sets inline styles, hence 'unsafe-inline' for styles only; scripts come from this origin alone. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const ASSET = /^\/assets\/([\w-]+(?:\.[\w-]+)*)$/;
const PAGES = new Set(['/', '/index.html']);

async function send(req: IncomingMessage, res: ServerResponse, file: string, type: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (type.startsWith('text/html')) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built. Run `npm install` (its prepare step builds it) or `npm run build:dashboard`.\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
    return;
  }
  // The bundle changes only on install; the ETag lets browsers revalidate cheaply.
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, ...SECURITY_HEADERS }).end();
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, etag, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Serves `/` and `/assets/<file>`; returns false for any other path. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (PAGES.has(path)) {
    await send(req, res, join(DASHBOARD_DIST, 'index.html'), TYPES['.html']!);
    return true;
  }
  const asset = ASSET.exec(path);
  if (asset === null) return false;
  const name = asset[1]!;
  const type = TYPES[name.slice(name.lastIndexOf('.'))];
  if (type === undefined) return false;
  await send(req, res, join(DASHBOARD_DIST, 'assets', name), type);
  return true;
}
