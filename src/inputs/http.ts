import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { DATASETS, isMapped, type Dataset, type DatasetName, type MappedDataset } from '../datasets/index.js';
import { LogpushError, PermanentError, RetryableError, type ErrorCode } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { DeadLetter, Output } from '../outputs/output.js';
import { detectLine } from '../datasets/detect.js';
import type { Pipeline } from '../pipeline.js';
import { secretMatches } from '../web/auth.js';
import { sendJson } from '../web/respond.js';
import { decodeBody, encodingOf, isValidationProbe, readLimited, splitLines } from './decode.js';

/**
 * The Logpush HTTP destination. Cloudflare POSTs gzip NDJSON batches to one path per dataset; we answer
 * 200 only once the batch is durable, and every other answer makes Cloudflare send the batch again, so
 * record-level problems never fail a batch (they are dead-lettered) and only a body we cannot read at all
 * is refused (400).
 */
export interface HttpInputSettings {
  readonly config: Config['http'];
  readonly datasets: Config['datasets'];
  readonly pipeline: Pipeline;
  /** Where bodies that fail as a whole are kept for diagnosis. */
  readonly output: Output;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

/** The route `POST /`: the dataset is detected per record. */
const AUTO = Symbol('auto');

const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_BODY_TOO_LARGE: 413,
  ERR_BODY_NOT_GZIP: 400,
  ERR_BODY_NOT_TEXT: 400,
  ERR_UNSUPPORTED_ENCODING: 415,
  ERR_UNKNOWN_DATASET: 404,
  ERR_DATASET_NOT_MAPPED: 404,
};

/** Every path of a dataset: `/http_request`, Cloudflare's `/http_requests`, Elastic's `/cloudflare_logpush/http_request`. */
export function routesFor(datasets: Config['datasets']): Map<string, Dataset> {
  const routes = new Map<string, Dataset>();
  for (const dataset of DATASETS) {
    const paths = [`/${dataset.name}`, `/${dataset.cloudflareId}`, `/cloudflare_logpush/${dataset.name}`];
    const extra = datasets[dataset.name].http_path;
    if (extra !== undefined) paths.push(extra);
    for (const path of paths) routes.set(path, dataset);
  }
  return routes;
}

export function createIngestHandler(settings: HttpInputSettings) {
  const { config, metrics, logger, pipeline } = settings;
  const routes = routesFor(settings.datasets);
  const secrets = [...(config.secret_value === undefined ? [] : [config.secret_value]), ...config.secret_values];
  const retryAfter = String(config.retry_after_secs);

  return async function handleIngest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && (path === '/health' || path === '/healthz')) {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    // POST / takes records of any dataset and recognises each by its fields.
    const dataset = path === '/' ? AUTO : routes.get(path);
    const label = dataset === AUTO ? 'auto' : dataset?.name ?? 'unknown';
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      metrics.requests.inc({ dataset: label, status: String(status) });
      // Unread request bodies are discarded so that the connection can be reused.
      if (!req.complete) req.resume();
      sendJson(res, status, body, headers);
    };
    if (dataset === undefined) return answer(404, { error: `no dataset at ${path}` });
    if (req.method !== 'POST') return answer(405, { error: 'only POST is accepted here' }, { allow: 'POST' });
    if (config.secret_header !== undefined) {
      const presented = req.headers[config.secret_header.toLowerCase()];
      if (!secretMatches(Array.isArray(presented) ? presented[0] : presented, secrets)) {
        logger.warn({ dataset: label, header: config.secret_header, remote: req.socket.remoteAddress }, 'refused a push: missing or wrong secret header');
        return answer(401, { error: `missing or wrong ${config.secret_header} header` });
      }
    }
    if (dataset !== AUTO) {
      if (!settings.datasets[dataset.name].enabled) return answer(404, { error: `dataset ${dataset.name} is disabled in the configuration` });
      if (!isMapped(dataset)) return answer(404, { error: `dataset ${dataset.name} has no mapping yet` });
    }
    // Refuse before reading the body: the bounded queue is the back-pressure, never an unbounded buffer.
    if (pipeline.full) {
      metrics.rejected.inc({ dataset: label, code: 'ERR_OVERLOADED' });
      return answer(503, { error: 'write queue full, retry later' }, { 'retry-after': retryAfter });
    }
    const encoding = encodingOf(req.headers['content-encoding']);
    if (encoding === undefined) return answer(415, { error: `unsupported Content-Encoding ${req.headers['content-encoding']}` });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > config.max_body_bytes) {
      res.setHeader('connection', 'close');
      return answer(413, { error: `body of ${declared} bytes exceeds the limit of ${config.max_body_bytes}` });
    }
    try {
      await ingest(req, dataset as MappedDataset | typeof AUTO, encoding, answer);
    } catch (error) {
      const code = error instanceof LogpushError ? error.code : 'internal';
      metrics.rejected.inc({ dataset: label, code });
      if (error instanceof PermanentError) {
        if (code === 'ERR_BODY_TOO_LARGE') res.setHeader('connection', 'close');
        logger.warn({ dataset: label, code, err: error.message }, 'rejected a push');
        return answer(STATUS[error.code] ?? 400, { error: error.message, code });
      }
      if (error instanceof RetryableError) return answer(503, { error: error.message, code }, { 'retry-after': retryAfter });
      // Unknown errors mean retry: Cloudflare sends the batch again, nothing is lost.
      logger.error({ dataset: label, err: error }, 'failed to store a batch; answered 503 so that Cloudflare retries');
      return answer(503, { error: 'temporary failure storing the batch' }, { 'retry-after': retryAfter });
    }
  };

  async function ingest(
    req: IncomingMessage,
    dataset: MappedDataset | typeof AUTO,
    encoding: 'gzip' | 'identity' | 'sniff',
    answer: (status: number, body: Record<string, unknown>) => void,
  ): Promise<void> {
    const receivedAt = new Date();
    const source = `http:${(req.url ?? '/').split('?')[0]}`;
    const raw = await readLimited(req, config.max_body_bytes);
    let decoded;
    let lines: string[];
    try {
      decoded = await decodeBody(raw, encoding, {
        maxCompressedBytes: config.max_body_bytes,
        maxDecompressedBytes: config.max_decompressed_bytes,
      });
      lines = isValidationProbe(decoded.body) ? [] : splitLines(decoded.body);
    } catch (error) {
      if (error instanceof PermanentError && error.code !== 'ERR_BODY_TOO_LARGE') {
        await keepRejectedBody(dataset === AUTO ? null : dataset.name, source, receivedAt, error.message, req, raw);
      }
      throw error;
    }
    const labels = { dataset: dataset === AUTO ? 'auto' : dataset.name };
    metrics.bytesReceived.inc({ ...labels, stage: 'compressed' }, decoded.compressedBytes);
    metrics.bytesReceived.inc({ ...labels, stage: 'decompressed' }, decoded.body.length);
    if (isValidationProbe(decoded.body)) {
      metrics.validationRequests.inc(labels);
      logger.info(labels, 'answered Cloudflare destination-validation request');
      return answer(200, { message: 'success', validation: true });
    }
    if (lines.length === 0) {
      metrics.emptyBatches.inc(labels);
      return answer(200, { message: 'success', events: 0 });
    }
    metrics.eventsReceived.inc(labels, lines.length);
    if (dataset === AUTO) return answer(200, { message: 'success', ...(await storeDetected(lines, decoded.sha256, source, receivedAt)) });
    const result = await pipeline.process({ dataset, id: `${dataset.name}:${decoded.sha256}`, source, receivedAt, lines });
    logger.debug({ dataset: dataset.name, ...result }, 'stored a batch');
    answer(200, { message: 'success', events: result.events, dead_letters: result.deadLetters, duplicate: result.duplicate });
  }

  /**
   * Auto-detected body: lines are grouped by the dataset their fields belong to, each group stored as its
   * own batch (idempotent like any other); a line no dataset recognises is dead-lettered with the reason.
   */
  async function storeDetected(lines: readonly string[], sha256: string, source: string, receivedAt: Date) {
    const groups = new Map<MappedDataset, string[]>();
    const unmatched: DeadLetter[] = [];
    lines.forEach((line, index) => {
      const detection = detectLine(line);
      if ('reason' in detection) {
        unmatched.push({ dataset: null, batchId: `auto:${sha256}`, source, line: index + 1, reason: `dataset auto-detection: ${detection.reason}`, raw: line, receivedAt });
        return;
      }
      let group = groups.get(detection.dataset);
      if (group === undefined) groups.set(detection.dataset, (group = []));
      group.push(line);
    });
    const events: Record<string, number> = {};
    let deadLetters = unmatched.length;
    for (const [dataset, group] of groups) {
      if (!settings.datasets[dataset.name].enabled) {
        group.forEach((raw) => unmatched.push({ dataset: dataset.name, batchId: `auto:${sha256}`, source, line: 0, reason: `dataset ${dataset.name} is disabled`, raw, receivedAt }));
        deadLetters += group.length;
        continue;
      }
      const result = await pipeline.process({ dataset, id: `${dataset.name}:auto:${sha256}`, source, receivedAt, lines: group });
      events[dataset.name] = result.events;
      deadLetters += result.deadLetters;
    }
    if (unmatched.length > 0) {
      metrics.deadLettered.inc({ dataset: 'auto' }, unmatched.length);
      await settings.output.writeDeadLetters(unmatched);
    }
    return { events, dead_letters: deadLetters };
  }

  /** Keeps (the first 64 KiB of) a body that could not be read at all, base64, for diagnosis. */
  async function keepRejectedBody(dataset: DatasetName | null, source: string, receivedAt: Date, reason: string, req: IncomingMessage, raw: Buffer) {
    settings.metrics.deadLettered.inc({ dataset: dataset ?? 'auto' });
    const note = `${reason} (Content-Encoding: ${req.headers['content-encoding'] ?? 'none'}, ${raw.length} bytes; raw is base64${raw.length > 65536 ? ' of the first 64 KiB' : ''})`;
    await settings.output
      .writeDeadLetters([{ dataset, batchId: null, source, line: 0, reason: note, raw: raw.subarray(0, 65536).toString('base64'), receivedAt }])
      .catch((error) => logger.error({ err: error }, 'could not record a rejected body in dead_letters'));
  }
}
