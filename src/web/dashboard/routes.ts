import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { mappedDatasets } from '../../datasets/index.js';
import { runDemo, type DemoResult } from '../../generate/demo.js';
import { readLimited } from '../../inputs/decode.js';
import type { Metrics } from '../../metrics.js';
import { sendJson } from '../respond.js';
import type { DashboardInfo, PanelsResponse } from './api-types.js';
import { datasetsOfPage, findPage, pageOfDataset, PAGES, searchColumnsOf } from './catalogue/index.js';
import { DashboardRequestError, parseFilter, validateFilters } from './query/conditions.js';
import { columnsOfDataset, isComparable } from './query/fields.js';
import { runPanel, type QueryRunner } from './query/panel-data.js';
import { parseTimeRange } from './query/time-range.js';
import { deadLetters, ingestStatus } from './ingest-status.js';
import { findDocument, requireDataset, search } from './search.js';
import { handleSessionRoutes, hasSession, redirectToLogin, sameOrigin, wantsHtml } from './session.js';
import { serveStatic } from './static.js';

/**
 * The dashboard's routes on the API listener: the browser bundle, sign-in, and the JSON endpoints that
 * the bundle reads. `api.ts` asks `handleSession` before authenticating, then `handle` after.
 */
export interface DashboardSettings {
  readonly store: QueryRunner;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly authToken?: string;
  /** Where the demo button sends its events: the ingest listener and its secret header, never shown to the browser. */
  readonly demo?: { readonly ingestUrl: string; readonly headers: Readonly<Record<string, string>> };
}

const intParam = (query: URLSearchParams, name: string, fallback: number, max: number) => {
  const value = Number(query.get(name) ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new DashboardRequestError(`${name} must be a whole number ≥ 0`);
  return Math.min(value, max);
};

export function createDashboard(settings: DashboardSettings) {
  const { store, logger } = settings;
  let tables: Promise<Set<string>> | undefined;
  let demoRunning: Promise<DemoResult> | undefined;

  /** Tables present in the store (a dataset disabled in the configuration has none). */
  function existingTables(): Promise<Set<string>> {
    tables ??= store
      .query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
      .then((r) => new Set(r.rows.map((row) => String(row.table_name))))
      .catch((error: unknown) => {
        tables = undefined;
        throw error;
      });
    return tables;
  }
  const datasetTables = async () => {
    const present = await existingTables();
    return mappedDatasets().map((d) => d.name).filter((name) => present.has(name));
  };

  async function info(): Promise<DashboardInfo> {
    const names = await datasetTables();
    const counts = names.length === 0 ? 0 : Number((await store.query(`SELECT ${names.map((n) => `(SELECT count(*) FROM "${n}")`).join(' + ')} AS n`)).rows[0]?.n ?? 0);
    return {
      pages: PAGES,
      fields: Object.fromEntries(names.map((n) => [n, [...columnsOfDataset(n).values()].filter(isComparable).map((c) => c.field)])),
      searchColumns: Object.fromEntries(names.map((n) => [n, searchColumnsOf(n)])),
      datasetPages: pageOfDataset(),
      empty: counts === 0,
      demoAvailable: settings.demo !== undefined,
      loginRequired: settings.authToken !== undefined,
    };
  }

  async function panels(pageId: string, query: URLSearchParams): Promise<PanelsResponse> {
    const page = findPage(pageId);
    if (page === undefined) throw new DashboardRequestError(`no dashboard page "${pageId}"`);
    const range = parseTimeRange(query);
    const filters = query.getAll('f').map(parseFilter);
    validateFilters(filters, datasetsOfPage(page));
    const present = await existingTables();
    const only = query.get('panel');
    const results = [];
    // One at a time: DuckDB already runs each query on every core.
    for (const panel of page.panels) {
      if (only !== null && panel.id !== only) continue;
      const available = { ...panel, datasets: panel.datasets.filter((d) => present.has(d)) };
      results.push(await runPanel(store, available, { range, filters }));
    }
    return { page: page.id, from: range.fromMs, to: range.toMs, panels: results };
  }

  /** The demo's size: `{"scale": n}` in the body, 0.01–4 (1 ≈ 25,000 events). */
  async function demoScale(req: IncomingMessage): Promise<number> {
    const text = (await readLimited(req, 4096)).toString('utf8').trim();
    let scale: unknown = 1;
    try {
      scale = text === '' ? 1 : (JSON.parse(text) as { scale?: unknown }).scale ?? 1;
    } catch {
      throw new DashboardRequestError('expected a JSON body like {"scale": 1}');
    }
    if (typeof scale !== 'number' || !(scale >= 0.01 && scale <= 4)) throw new DashboardRequestError('scale must be a number from 0.01 to 4');
    return scale;
  }

  async function startDemo(scale: number): Promise<DemoResult> {
    if (settings.demo === undefined) throw new DashboardRequestError('the demo needs the ingest listener (http.enabled)');
    if (demoRunning !== undefined) throw new DashboardRequestError('a demo load is already running', 409);
    const { ingestUrl, headers } = settings.demo;
    demoRunning = runDemo({ ingestUrl, headers, scale, datasets: await datasetTables() });
    try {
      const result = await demoRunning;
      logger.info({ events: result.events }, 'demo data loaded through the ingest endpoint');
      return result;
    } finally {
      demoRunning = undefined;
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const query = url.searchParams;
    if (req.method === 'GET' && path === '/api/dashboard') return reply(res, await info());
    if (req.method === 'GET' && path.startsWith('/api/panels/')) return reply(res, await panels(decodeURIComponent(path.slice('/api/panels/'.length)), query));
    if (req.method === 'GET' && path === '/api/search') {
      return reply(res, await search(store, {
        dataset: query.get('dataset') ?? '',
        range: parseTimeRange(query),
        filters: query.getAll('f').map(parseFilter),
        text: query.get('q') ?? '',
        sort: query.get('sort') === 'asc' ? 'asc' : 'desc',
        offset: intParam(query, 'offset', 0, 1_000_000),
        limit: Math.max(1, intParam(query, 'limit', 50, 500)),
      }, await existingTables()));
    }
    if (req.method === 'GET' && path === '/api/document') {
      const dataset = requireDataset(query.get('dataset'), await existingTables());
      const doc = await findDocument(store, dataset, query.get('batch') ?? '', intParam(query, 'line', 0, 2 ** 31 - 1));
      if (doc === undefined) sendJson(res, 404, { error: 'no such document' });
      else sendJson(res, 200, doc);
      return true;
    }
    if (req.method === 'GET' && path === '/api/ingest') return reply(res, await ingestStatus(store, settings.metrics, await datasetTables()));
    if (req.method === 'GET' && path === '/api/ingest/dead-letters') {
      const dataset = query.get('dataset') ?? undefined;
      return reply(res, await deadLetters(store, { dataset, offset: intParam(query, 'offset', 0, 1_000_000), limit: Math.max(1, intParam(query, 'limit', 20, 200)) }));
    }
    if (req.method === 'POST' && path === '/api/demo') return reply(res, await startDemo(await demoScale(req)));
    return serveStatic(req, res, path);
  }

  return {
    /** Sign-in routes, answered before authentication. */
    handleSession(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      return handleSessionRoutes(req, res, new URL(req.url ?? '/', 'http://localhost'), settings.authToken);
    },
    /** A valid browser session (state-changing requests must also come from our own origin). */
    hasSession(req: IncomingMessage): boolean {
      if (settings.authToken === undefined || !hasSession(req, settings.authToken)) return false;
      return req.method === 'GET' || req.method === 'HEAD' || sameOrigin(req);
    },
    /** Answers an unauthenticated request from a browser page with the login form; false otherwise. */
    redirectIfBrowser(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (!wantsHtml(req, path)) return false;
      redirectToLogin(req, res);
      return true;
    },
    /** The dashboard's routes; false when the path is not one of them. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      try {
        return await route(req, res, new URL(req.url ?? '/', 'http://localhost'));
      } catch (error) {
        if (error instanceof DashboardRequestError) {
          sendJson(res, error.status, { error: error.message });
          return true;
        }
        throw error;
      }
    },
  };
}

function reply(res: ServerResponse, body: unknown): true {
  sendJson(res, 200, body);
  return true;
}

export type Dashboard = ReturnType<typeof createDashboard>;
