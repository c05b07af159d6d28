/**
 * The dashboard behind the API token: browsers sign in once (form or `?token=`) and carry an HttpOnly
 * cookie; API clients keep using the bearer header; the ingest secret never reaches the browser. The
 * demo button sends its events through the real ingest endpoint, secret header included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureDashboardBuilt } from '../../../src/web/dashboard/build.js';
import { startTestCollector, type TestCollector } from '../../support/collector.js';

const TOKEN = 'dashboard-token-7f3a';
const SECRET = 'ingest-secret-b91c';

describe('dashboard sign-in and demo', () => {
  let collector: TestCollector;
  before(async () => {
    await ensureDashboardBuilt();
    collector = await startTestCollector({ config: { 'api.auth_token': TOKEN, 'http.secret_header': 'X-Logpush-Secret', 'http.secret_value': SECRET } });
  });
  after(() => collector.dispose());

  const url = (path: string) => `${collector.apiUrl}${path}`;
  const html = { accept: 'text/html' };
  const sql = async (text: string) => {
    const response = await fetch(url('/api/query'), { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ sql: text }) });
    return ((await response.json()) as { rows: Record<string, unknown>[] }).rows;
  };
  const signIn = async () => {
    const response = await fetch(url('/login'), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: TOKEN, next: '/' }) });
    return response.headers.get('set-cookie')!.split(';')[0]!;
  };

  it('answers API clients without a token with 401 and sends browsers to the sign-in form', async () => {
    assert.equal((await fetch(url('/api/dashboard'))).status, 401);
    const page = await fetch(url('/'), { headers: html, redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login?next=%2F');
    const form = await fetch(url('/login'));
    assert.equal(form.status, 200);
    assert.match(await form.text(), /<form method="post" action="\/login">/);
  });

  it('refuses a wrong token and sets an HttpOnly SameSite cookie (not the token) for the right one', async () => {
    const wrong = await fetch(url('/login'), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: 'nope', next: '/' }) });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('set-cookie'), null);
    const right = await fetch(url('/login'), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: TOKEN, next: '//evil.example/' }) });
    assert.equal(right.status, 303);
    assert.equal(right.headers.get('location'), '/', 'no open redirect');
    const cookie = right.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.ok(!cookie.includes(TOKEN));
    const info = await fetch(url('/api/dashboard'), { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(info.status, 200);
  });

  it('exchanges ?token= once for the cookie and drops it from the URL', async () => {
    const response = await fetch(url('/?token=' + TOKEN + '&x=1'), { redirect: 'manual' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/?x=1');
    assert.match(response.headers.get('set-cookie')!, /logpush_session=/);
    assert.equal((await fetch(url('/?token=wrong'), { redirect: 'manual' })).status, 401);
  });

  it('still accepts the bearer token and serves the page and bundle with a strict CSP, never the ingest secret', async () => {
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const info = await fetch(url('/api/dashboard'), { headers: bearer });
    assert.equal(info.status, 200);
    const text = await info.text();
    assert.ok(!text.includes(SECRET) && !text.includes(TOKEN));
    const page = await fetch(url('/'), { headers: bearer });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    const body = await page.text();
    assert.match(body, /<script type="module" src="\/assets\/app.js">/);
    const bundle = await fetch(url('/assets/app.js'), { headers: bearer });
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type')!, /javascript/);
    assert.ok(!(await bundle.text()).includes(SECRET));
    assert.equal((await fetch(url('/assets/..%2F..%2Fpackage.json'), { headers: bearer })).status, 404);
  });

  it('refuses a cookie-authenticated POST from another origin', async () => {
    const cookie = await signIn();
    const response = await fetch(url('/api/demo'), { method: 'POST', headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{"scale":0.01}' });
    assert.equal(response.status, 401);
  });

  it('loads demo events for every dataset through the ingest endpoint (with its secret) from the button', async () => {
    const cookie = await signIn();
    const before = await (await fetch(url('/api/dashboard'), { headers: { cookie } })).json() as { empty: boolean; demoAvailable: boolean };
    assert.equal(before.empty, true);
    assert.equal(before.demoAvailable, true);
    const response = await fetch(url('/api/demo'), { method: 'POST', headers: { cookie, origin: collector.apiUrl!, 'content-type': 'application/json' }, body: '{"scale":0.02}' });
    const result = await response.json() as { events: number; datasets: { dataset: string; events: number }[] };
    assert.equal(response.status, 200, JSON.stringify(result));
    assert.equal(result.datasets.length, 18);
    const rows = await sql("SELECT dataset, source, sum(events) AS events FROM ingest_batches GROUP BY ALL ORDER BY dataset");
    assert.equal(rows.length, 18);
    for (const row of rows) assert.match(String(row.source), /^http:\//, 'came through the HTTP endpoint');
    assert.equal(rows.reduce((sum, r) => sum + Number(r.events), 0), result.events);
    const recent = await sql(`SELECT count(*) AS n FROM http_request WHERE "@timestamp" > now()::TIMESTAMP - INTERVAL 3 DAY`);
    assert.ok(Number(recent[0]!.n) > 0, 'demo events are recent');
    const after = await (await fetch(url('/api/dashboard'), { headers: { cookie } })).json() as { empty: boolean };
    assert.equal(after.empty, false);
  });
});
