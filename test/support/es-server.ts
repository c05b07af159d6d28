import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import {
  ClusterError, checkComponentTemplate, checkDocument, checkIlmPolicy, checkIndexTemplate, checkIsmPolicy, checkSettings,
  flattenProperties, type Flavor,
} from './es-validate.js';

/**
 * A small Elasticsearch / OpenSearch on loopback that speaks the wire protocol the official clients
 * expect: `/` info (with `x-elastic-product` for Elasticsearch), `_bulk` with per-item results and data
 * stream rules, `_index_template`, `_component_template`, `_ilm/policy` (Elasticsearch only),
 * `_plugins/_ism/policies` (OpenSearch only, with seq_no concurrency control) and `_ingest/pipeline`.
 * Tests script failures: whole-request statuses, a connection reset before or after the bulk was applied,
 * and per-item failures; and read back what was indexed.
 */
export type BulkFault = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'reset-before' } | { readonly kind: 'reset-after' };
export interface ItemFault { readonly status: number; readonly type: string; readonly reason: string }

export interface EsServerOptions {
  readonly flavor?: Flavor;
  readonly version?: string;
  /** Expected `Authorization` header; others get 401. */
  readonly authorization?: string;
  /** Keep only the ids of indexed documents, not their sources (benchmarks: memory stays flat). */
  readonly idsOnly?: boolean;
  /** Serve HTTPS with this PEM certificate and key. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface BulkRecord { readonly query: URLSearchParams; readonly encoding: string | undefined; readonly bytes: number; readonly items: number }

const ERROR_TYPES: Record<number, string> = { 429: 'es_rejected_execution_exception', 500: 'internal_server_error', 502: 'bad_gateway', 503: 'unavailable_shards_exception' };

export class EsTestServer {
  readonly flavor: Flavor;
  readonly version: string;
  /** Data stream → document id → source. */
  readonly streams = new Map<string, Map<string, Record<string, unknown>>>();
  readonly bulks: BulkRecord[] = [];
  readonly componentTemplates = new Map<string, any>();
  readonly indexTemplates = new Map<string, any>();
  readonly ilmPolicies = new Map<string, any>();
  readonly ismPolicies = new Map<string, { seqNo: number; body: any }>();
  readonly pipelines = new Map<string, any>();
  /** Consumed one per `_bulk` request, in order. */
  readonly faults: BulkFault[] = [];
  /** Applied to every `_bulk` request while set (a cluster that stays down). */
  outage: BulkFault | undefined;
  /** Per-document failure, decided before the document is indexed. */
  itemFault: ((source: Record<string, any>, id: string) => ItemFault | undefined) | undefined;
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  url = '';

  private constructor(private readonly options: EsServerOptions) {
    this.flavor = options.flavor ?? 'elasticsearch';
    this.version = options.version ?? (this.flavor === 'elasticsearch' ? '8.15.0' : '2.7.0');
  }

  static async start(options: EsServerOptions = {}): Promise<EsTestServer> {
    const es = new EsTestServer(options);
    await es.listen(0);
    return es;
  }

  /** How many documents are indexed. */
  get count(): number {
    let n = 0;
    for (const docs of this.streams.values()) n += docs.size;
    return n;
  }

  /** Every document indexed, in order, optionally of one data stream. */
  documents(stream?: string): Record<string, unknown>[] {
    const streams = stream === undefined ? [...this.streams.values()] : [this.streams.get(stream) ?? new Map()];
    return streams.flatMap((s) => [...s.values()]);
  }

  private listen(port: number): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.tls === undefined ? createServer(handler) : createHttpsServer(this.options.tls, handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => {
      this.url = `${this.options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
      resolve();
    }));
  }

  /** Stops listening (connections are refused) and drops open connections; `resume` listens on the same port again. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  resume(): Promise<void> {
    return this.listen(Number(new URL(this.url).port));
  }

  close(): Promise<void> {
    return this.pause();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (this.flavor === 'elasticsearch') headers['x-elastic-product'] = 'Elasticsearch';
      res.writeHead(status, headers).end(JSON.stringify(body));
    };
    const fail = (error: ClusterError) => send(error.status, { error: { root_cause: [{ type: error.type, reason: error.message }], type: error.type, reason: error.message }, status: error.status });
    if (this.options.authorization !== undefined && req.headers.authorization !== this.options.authorization) {
      res.setHeader('www-authenticate', 'Basic realm="security"');
      return fail(new ClusterError(401, 'security_exception', 'missing authentication credentials for REST request'));
    }
    const isBulk = url.pathname === '/_bulk' && req.method === 'POST';
    const fault = isBulk ? this.faults.shift() ?? this.outage : undefined;
    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let raw = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
    try {
      if (fault?.kind === 'status') {
        return fail(new ClusterError(fault.status, ERROR_TYPES[fault.status] ?? 'exception', `scripted failure ${fault.status}`));
      }
      if (isBulk) {
        const answer = this.bulk(raw.toString('utf8'), url.searchParams, req.headers['content-encoding']);
        if (fault?.kind === 'reset-after') {
          req.socket.destroy();
          return;
        }
        return send(200, answer);
      }
      const body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
      const [status, answer] = this.route(req.method ?? 'GET', url, body);
      send(status, answer);
    } catch (error) {
      if (error instanceof ClusterError) return fail(error);
      fail(new ClusterError(500, 'exception', (error as Error).message));
    }
  }

  private route(method: string, url: URL, body: any): [number, unknown] {
    const path = url.pathname;
    const es = this.flavor === 'elasticsearch';
    if (path === '/' && method === 'GET') return [200, this.info()];
    let m: RegExpExecArray | null;
    if ((m = /^\/_component_template\/([^/]+)$/.exec(path))) {
      const name = m[1]!;
      if (method === 'PUT') {
        checkComponentTemplate(this.flavor, this.version, body);
        this.componentTemplates.set(name, body);
        return [200, { acknowledged: true }];
      }
      const found = this.matching(this.componentTemplates, name);
      if (found.length === 0) throw new ClusterError(404, 'resource_not_found_exception', `component template matching [${name}] not found`);
      return [200, { component_templates: found.map(([n, t]) => ({ name: n, component_template: t })) }];
    }
    if ((m = /^\/_index_template\/([^/]+)$/.exec(path))) {
      const name = m[1]!;
      if (method === 'PUT') {
        const template = checkIndexTemplate(this.flavor, body, new Set(this.componentTemplates.keys()));
        this.checkOverlap(name, template);
        this.indexTemplates.set(name, body);
        return [200, { acknowledged: true }];
      }
      const found = this.matching(this.indexTemplates, name);
      if (found.length === 0 && !name.includes('*')) throw new ClusterError(404, 'resource_not_found_exception', `index template matching [${name}] not found`);
      return [200, { index_templates: found.map(([n, t]) => ({ name: n, index_template: t })) }];
    }
    if ((m = /^\/_ilm\/policy\/([^/]+)$/.exec(path)) && es) {
      if (method === 'PUT') {
        checkIlmPolicy(body);
        const version = (this.ilmPolicies.get(m[1]!)?.version ?? 0) + 1;
        this.ilmPolicies.set(m[1]!, { version, policy: body.policy });
        return [200, { acknowledged: true }];
      }
      const policy = this.ilmPolicies.get(m[1]!);
      if (policy === undefined) throw new ClusterError(404, 'resource_not_found_exception', `Lifecycle policy not found: ${m[1]}`);
      return [200, { [m[1]!]: { version: policy.version, modified_date: '2026-01-01T00:00:00.000Z', policy: policy.policy } }];
    }
    if ((m = /^\/_plugins\/_ism\/policies\/([^/]+)$/.exec(path)) && !es) return this.ism(method, m[1]!, url.searchParams, body);
    if ((m = /^\/_ingest\/pipeline\/([^/]+)$/.exec(path)) && method === 'GET') {
      const found = this.matching(this.pipelines, m[1]!);
      return found.length === 0 ? [404, {}] : [200, Object.fromEntries(found)];
    }
    return [400, { error: `no handler found for uri [${path}] and method [${method}]` }];
  }

  private info() {
    const version = this.flavor === 'elasticsearch'
      ? { number: this.version, build_flavor: 'default', build_type: 'docker', build_snapshot: false, lucene_version: '9.11.1', minimum_wire_compatibility_version: '7.17.0', minimum_index_compatibility_version: '7.0.0' }
      : { distribution: 'opensearch', number: this.version, build_type: 'tar', build_snapshot: false, lucene_version: '9.5.0', minimum_wire_compatibility_version: '7.10.0', minimum_index_compatibility_version: '7.0.0' };
    const tagline = this.flavor === 'elasticsearch' ? 'You Know, for Search' : 'The OpenSearch Project: https://opensearch.org/';
    return { name: 'node-1', cluster_name: 'logpush-test', cluster_uuid: 'AbCdEfGhIjKlMnOpQrStUv', version, tagline };
  }

  private matching<T>(map: Map<string, T>, pattern: string): [string, T][] {
    return [...map].filter(([name]) => globMatch(pattern, name));
  }

  /** Elasticsearch refuses two templates with overlapping patterns and the same priority. */
  private checkOverlap(name: string, template: Record<string, any>): void {
    for (const [other, body] of this.indexTemplates) {
      if (other === name || (body.priority ?? 0) !== (template.priority ?? 0)) continue;
      const overlaps = (template.index_patterns as string[]).some((p) => (body.index_patterns as string[]).some((q) => this.globsOverlap(p, q)));
      if (overlaps) throw new ClusterError(400, 'illegal_argument_exception', `index template [${name}] has index patterns ${JSON.stringify(template.index_patterns)} matching patterns from existing templates [${other}] with patterns (${other} => ${JSON.stringify(body.index_patterns)}) that have the same priority [${template.priority ?? 0}], multiple index templates may not match during index creation, please use a different priority`);
    }
  }

  private globsOverlap(a: string, b: string): boolean {
    const prefix = (p: string) => p.split('*')[0]!;
    return prefix(a).startsWith(prefix(b)) || prefix(b).startsWith(prefix(a));
  }

  private ism(method: string, id: string, query: URLSearchParams, body: any): [number, unknown] {
    const current = this.ismPolicies.get(id);
    if (method === 'GET') {
      if (current === undefined) throw new ClusterError(404, 'status_exception', 'Policy not found');
      return [200, { _id: id, _version: current.seqNo + 1, _seq_no: current.seqNo, _primary_term: 1, policy: { policy_id: id, ...current.body.policy } }];
    }
    checkIsmPolicy(this.version, body);
    if (current !== undefined && (query.get('if_seq_no') !== String(current.seqNo) || query.get('if_primary_term') !== '1')) {
      throw new ClusterError(409, 'version_conflict_engine_exception', `[${id}]: version conflict, document already exists (current version [${current.seqNo + 1}])`);
    }
    const seqNo = current === undefined ? 0 : current.seqNo + 1;
    this.ismPolicies.set(id, { seqNo, body });
    return [current === undefined ? 201 : 200, { _id: id, _version: seqNo + 1, _primary_term: 1, _seq_no: seqNo, policy: body }];
  }

  /** The template that governs a data stream: the matching index template with the highest priority. */
  private governing(stream: string): { types: Map<string, string>; ignoreMalformed: boolean } | undefined {
    const candidates = [...this.indexTemplates.values()].filter((t) => (t.index_patterns as string[]).some((p) => globMatch(p, stream)));
    const template = candidates.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0];
    if (template === undefined) return undefined;
    const parts = [...(template.composed_of ?? []).map((n: string) => this.componentTemplates.get(n)?.template ?? {}), template.template ?? {}];
    const types = new Map<string, string>();
    let settings: Record<string, unknown> = {};
    for (const part of parts) {
      flattenProperties(part.mappings?.properties ?? {}, '', types);
      settings = { ...settings, ...checkSettings(this.flavor, part.settings) };
    }
    return { types, ignoreMalformed: settings['index.mapping.ignore_malformed'] === true };
  }

  private bulk(text: string, query: URLSearchParams, encoding: string | undefined) {
    const lines = text.split('\n').filter((l) => l !== '');
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i < lines.length; i += 2) {
      const action = JSON.parse(lines[i]!) as Record<string, { _index: string; _id?: string }>;
      const op = Object.keys(action)[0]!;
      const { _index: stream, _id: id = `auto-${i}` } = action[op]!;
      const source = JSON.parse(lines[i + 1]!) as Record<string, any>;
      const backing = `.ds-${stream}-2026.01.01-000001`;
      const item = (status: number, error?: { type: string; reason: string }) => {
        if (error !== undefined) errors = true;
        items.push({ [op]: error === undefined
          ? { _index: backing, _id: id, _version: 1, result: 'created', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 0, _primary_term: 1, status }
          : { _index: backing, _id: id, status, error: { ...error, index: backing } } });
      };
      const docs = this.streams.get(stream) ?? new Map<string, Record<string, unknown>>();
      const governing = this.governing(stream);
      const fault = this.itemFault?.(source, id);
      const mappingError = governing === undefined ? undefined : checkDocument(governing.types, governing.ignoreMalformed, source, id);
      if (op !== 'create') item(400, { type: 'illegal_argument_exception', reason: `only write ops with an op_type of create are allowed in data streams` });
      else if (source['@timestamp'] === undefined) item(400, { type: 'mapper_parsing_exception', reason: 'data stream timestamp field [@timestamp] is missing' });
      else if (fault !== undefined) item(fault.status, { type: fault.type, reason: fault.reason });
      else if (mappingError !== undefined) item(400, { type: 'mapper_parsing_exception', reason: mappingError });
      else if (docs.has(id)) item(409, { type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, document already exists (current version [1])` });
      else {
        docs.set(id, this.options.idsOnly === true ? {} : source);
        this.streams.set(stream, docs);
        item(201);
      }
    }
    this.bulks.push({ query, encoding, bytes: Buffer.byteLength(text), items: items.length });
    return { took: 1, errors, items };
  }
}

/** `logs-*-*` style matching. */
function globMatch(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);
}
