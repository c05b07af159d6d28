import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy of ours on loopback, in front of the S3-compatible test server, that can inject the
 * faults a real bucket shows: 403 AccessDenied for List or Get (s3rver has no policies), a download cut
 * after some bytes, slow downloads. It also works as a forward proxy (requests in absolute form), so
 * tests can check that `proxy_url` is honoured. Requests are forwarded unchanged (Host included), so
 * SigV4 signatures stay valid.
 */
export interface ProxyRules {
  /** Answer 403 AccessDenied to ListObjectsV2 ('list') or GetObject ('get') calls. */
  deny?: 'list' | 'get';
  /** Cut the next GetObject of a key whose path contains this text after `bytes` bytes (once per call). */
  cut?: { pathIncludes: string; bytes: number; times: number };
  /** Pause between forwarded body chunks of GetObject. */
  delayMs?: number;
}

export interface TestProxy {
  readonly url: string;
  readonly rules: ProxyRules;
  /** Requests seen in absolute form (as a forward proxy) and in origin form (as a reverse proxy). */
  readonly seen: { forward: number; reverse: number; gets: string[] };
  close(): Promise<void>;
}

const accessDenied = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

export async function startS3Proxy(upstream: string, rules: ProxyRules = {}): Promise<TestProxy> {
  const seen = { forward: 0, reverse: 0, gets: [] as string[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = /^https?:\/\//.test(req.url ?? '');
    if (forward) seen.forward++;
    else seen.reverse++;
    const target = new URL(req.url ?? '/', forward ? undefined : upstream);
    if (!forward) target.host = new URL(upstream).host;
    const isList = req.method === 'GET' && target.searchParams.has('list-type');
    const isGet = req.method === 'GET' && !isList && target.pathname.split('/').filter(Boolean).length >= 2;
    if (isGet) seen.gets.push(decodeURIComponent(target.pathname));
    if ((rules.deny === 'list' && isList) || (rules.deny === 'get' && isGet)) {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(accessDenied);
      return;
    }
    const cut = isGet && rules.cut !== undefined && rules.cut.times > 0 && target.pathname.includes(rules.cut.pathIncludes) ? rules.cut : undefined;
    if (cut !== undefined) cut.times--;
    const upstreamReq = request(target, { method: req.method, headers: req.headers }, async (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      let sent = 0;
      for await (const chunk of upstreamRes as AsyncIterable<Buffer>) {
        if (cut !== undefined && sent + chunk.length > cut.bytes) {
          res.write(chunk.subarray(0, cut.bytes - sent));
          res.socket?.destroy();
          upstreamRes.destroy();
          return;
        }
        sent += chunk.length;
        if (isGet && rules.delayMs) await new Promise((resolve) => setTimeout(resolve, rules.delayMs));
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    });
    upstreamReq.on('error', () => res.destroy());
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rules,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
