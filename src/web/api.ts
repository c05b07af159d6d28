import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DATASETS, isMapped } from '../datasets/index.js';
import type { Metrics } from '../metrics.js';
import type { DuckDbStore } from '../outputs/duckdb/store.js';
import { readLimited } from '../inputs/decode.js';
import type { ObjectInput } from '../inputs/input-status.js';
import { secretMatches } from './auth.js';
import { createDashboard } from './dashboard/index.js';
import { sendJson } from './respond.js';

/**
 * The API listener (127.0.0.1:9561 by default): health, Prometheus metrics, SQL over the store, and the
 * dataset list. When a token is configured every route but /health needs `Authorization: Bearer <token>`.
 */
export interface ApiSettings {
  readonly store: DuckDbStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly authToken?: string;
  /** The running object-storage inputs (S3, SQS, GCS), for GET /api/inputs. */
  readonly inputs?: () => readonly ObjectInput[];
  /** The ingest listener and its secret header, for the dashboard's demo button (server side only). */
  readonly demo?: { readonly ingestUrl: string; readonly headers: Readonly<Record<string, string>> };
}

const MAX_QUERY_BYTES = 1024 * 1024;

export function createApiHandler(settings: ApiSettings) {
  const { store, metrics, logger } = settings;
  const dashboard = createDashboard(settings);
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health' || path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (await dashboard.handleSession(req, res)) return;
    if (settings.authToken !== undefined) {
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
      // Browsers sign in once and then carry an HttpOnly session cookie (see dashboard/session.ts).
      if (!secretMatches(token, [settings.authToken]) && !dashboard.hasSession(req)) {
        if (dashboard.redirectIfBrowser(req, res, path)) return;
        return sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
      }
    }
    try {
      if (req.method === 'GET' && path === '/metrics') {
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
        return;
      }
      if (req.method === 'GET' && path === '/api/inputs') {
        return sendJson(res, 200, await Promise.all((settings.inputs?.() ?? []).map((input) => input.status())));
      }
      if (req.method === 'GET' && path === '/api/datasets') {
        return sendJson(res, 200, DATASETS.map((d) => ({ name: d.name, cloudflare_id: d.cloudflareId, mapped: isMapped(d) })));
      }
      if (req.method === 'POST' && path === '/api/query') {
        const body = JSON.parse((await readLimited(req, MAX_QUERY_BYTES)).toString('utf8')) as { sql?: unknown };
        if (typeof body.sql !== 'string') return sendJson(res, 400, { error: 'expected {"sql": "..."}' });
        try {
          return sendJson(res, 200, await store.queryReadOnly(body.sql));
        } catch (error) {
          return sendJson(res, 400, { error: (error as Error).message });
        }
      }
      if (await dashboard.handle(req, res)) return;
      return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
    } catch (error) {
      logger.error({ err: error, path }, 'API request failed');
      return sendJson(res, 500, { error: (error as Error).message });
    }
  };
}
