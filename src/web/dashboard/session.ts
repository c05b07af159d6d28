import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { secretMatches } from '../auth.js';

/**
 * Browser sign-in for the dashboard when the API needs a token. A browser cannot send a bearer header on
 * page loads, so the token is exchanged once (login form, or `?token=` on any page URL) for an HttpOnly,
 * SameSite=Strict cookie. The cookie holds an HMAC of the token, not the token itself: it stops working
 * when the token changes, and a leaked cookie does not reveal the token used by scripts.
 */
const COOKIE = 'logpush_session';
const MAX_AGE_SECS = 7 * 86_400;
const FORM_BYTES = 8192;

export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('logpush-dashboard-session-v1').digest('base64url');
}

function cookies(req: IncomingMessage): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}

/** Whether the request carries a valid session cookie. */
export function hasSession(req: IncomingMessage, token: string): boolean {
  return secretMatches(cookies(req).get(COOKIE), [sessionValue(token)]);
}

/**
 * Cookie-authenticated requests that change something must come from our own pages: SameSite=Strict
 * already keeps the cookie off cross-site requests; the Origin check is a second lock for old browsers.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function setSessionCookie(req: IncomingMessage, res: ServerResponse, value: string, maxAge: number): void {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true ? '; Secure' : '';
  res.setHeader('set-cookie', `${COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`);
}

/** Only same-site relative paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null | undefined): string {
  return next !== null && next !== undefined && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res: ServerResponse, status: number, next: string, message?: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Logpush Collector</title><style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;background:#f4f5f7;color:#1d2330}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;display:grid;gap:.75rem;min-width:20rem}
input,button{font:inherit;padding:.5rem}button{background:#1f5fbf;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{color:#a40000}</style></head><body><main><form method="post" action="/login">
<h1>Logpush Collector</h1><label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${escapeHtml(next)}">
${message === undefined ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`}
<button type="submit">Sign in</button><p>The token is the API's <code>api.auth_token</code> (or <code>LOGPUSH_API_TOKEN</code>).</p></form></main></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > FORM_BYTES) break;
  }
  return new URLSearchParams(body);
}

/**
 * Handles `/login`, `/logout` and the one-time `?token=` exchange, before any authentication. Returns
 * false when the request is for something else.
 */
export async function handleSessionRoutes(req: IncomingMessage, res: ServerResponse, url: URL, token: string | undefined): Promise<boolean> {
  if (url.pathname === '/logout' && req.method === 'POST') {
    setSessionCookie(req, res, '', 0);
    res.writeHead(303, { location: '/login' }).end();
    return true;
  }
  if (url.pathname === '/login') {
    if (token === undefined) {
      res.writeHead(303, { location: '/' }).end();
    } else if (req.method === 'POST') {
      const form = await readForm(req);
      const next = safeNext(form.get('next'));
      if (!secretMatches(form.get('token') ?? undefined, [token])) {
        loginPage(res, 401, next, 'That token is not right.');
      } else {
        setSessionCookie(req, res, sessionValue(token), MAX_AGE_SECS);
        res.writeHead(303, { location: next }).end();
      }
    } else {
      loginPage(res, 200, safeNext(url.searchParams.get('next')));
    }
    return true;
  }
  const presented = url.searchParams.get('token');
  if (presented !== null && req.method === 'GET' && token !== undefined && !url.pathname.startsWith('/api/')) {
    // Exchange the token for the cookie, then drop it from the URL (history, logs, Referer).
    url.searchParams.delete('token');
    const next = `${url.pathname}${url.search}`;
    if (!secretMatches(presented, [token])) {
      loginPage(res, 401, next, 'That token is not right.');
      return true;
    }
    setSessionCookie(req, res, sessionValue(token), MAX_AGE_SECS);
    res.writeHead(303, { location: next }).end();
    return true;
  }
  return false;
}

/** A browser asking for a page without a session goes to the login form; API clients get 401 JSON. */
export function wantsHtml(req: IncomingMessage, path: string): boolean {
  return req.method === 'GET' && !path.startsWith('/api/') && path !== '/metrics' && (req.headers.accept ?? '').includes('text/html');
}

export function redirectToLogin(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(303, { location: `/login?next=${encodeURIComponent(req.url ?? '/')}` }).end();
}
