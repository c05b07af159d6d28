/**
 * End to end in headless Chromium: the fixtures of every dataset go in through the Logpush HTTP endpoint,
 * every page is opened, and every panel must render (chart and data table) with the numbers that the
 * golden documents imply — computed here in JavaScript, not by the server. Click-to-filter must narrow
 * the other panels, search must find documents by field value and by free text, and the controls must
 * work from the keyboard. A screenshot of each page goes to test-artifacts/dashboard/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page as BrowserPage } from 'playwright-core';
import { ensureDashboardBuilt } from '../../../src/web/dashboard/build.js';
import { PAGES } from '../../../src/web/dashboard/catalogue/index.js';
import type { Panel } from '../../../src/web/dashboard/catalogue/types.js';
import { bucketSizeMs } from '../../../src/web/dashboard/query/time-range.js';
import { searchableColumns } from '../../../src/web/dashboard/search.js';
import { artifactDir, launchBrowser } from '../../support/browser.js';
import type { TestCollector } from '../../support/collector.js';
import { assertSameNumbers } from '../../support/dashboard-compare.js';
import { FIXTURE_RANGE, startFixtureCollector } from '../../support/dashboard-fixtures.js';
import { expectPanel, goldenDocuments, type Normalised, type OracleFilter } from '../../support/dashboard-oracle.js';

interface DomPanel {
  id: string;
  state: string;
  metrics: [string, string][];
  headers: string[];
  rows: { label?: string; bucket?: string; field?: string; other: boolean; keys: string[]; values: string[] }[];
  chart: boolean;
  chartLabel: string | null;
  caption: string | null;
}

const RANGE = `range=custom&from=${new Date(FIXTURE_RANGE.fromMs).toISOString()}&to=${new Date(FIXTURE_RANGE.toMs).toISOString()}`;
const BUCKET_MS = bucketSizeMs(FIXTURE_RANGE);
const num = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));

/** Reads every panel's data table (and chart presence) from the page. */
function readPanels(page: BrowserPage): Promise<DomPanel[]> {
  return page.$$eval('section.panel', (sections) => sections.map((s) => {
    const section = s as HTMLElement;
    const table = section.querySelector('table[data-role=data]');
    return {
      id: section.dataset.panel!,
      state: section.dataset.state!,
      metrics: [...section.querySelectorAll<HTMLElement>('.metric')].map((m) => [m.dataset.label!, m.dataset.value!] as [string, string]),
      headers: [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent ?? ''),
      rows: [...(table?.querySelectorAll<HTMLElement>('tbody tr') ?? [])].filter((tr) => !tr.classList.contains('empty')).map((tr) => ({
        label: tr.dataset.label, bucket: tr.dataset.bucket, field: tr.dataset.field, other: tr.hasAttribute('data-other'),
        keys: [...tr.querySelectorAll<HTMLElement>('td[data-key]')].map((td) => td.dataset.key!),
        values: [...tr.querySelectorAll<HTMLElement>('td[data-value]')].map((td) => td.dataset.value!),
      })),
      chart: section.querySelector('.viz svg') !== null,
      chartLabel: section.querySelector('.viz')?.getAttribute('aria-label') ?? section.querySelector('.viz svg')?.getAttribute('aria-label') ?? null,
      caption: table?.querySelector('caption')?.textContent ?? null,
    };
  }));
}

/** The rendered table of a panel, in the oracle's shapes. */
function normaliseDom(panel: Panel, dom: DomPanel): Normalised {
  switch (panel.kind) {
    case 'metric':
      return { shape: 'values', values: new Map(dom.metrics.map(([label, value]) => [label, num(value)])) };
    case 'buckets':
      return { shape: 'groups', rows: new Map(dom.rows.map((r) => [r.label!, num(r.values[0]) ?? 0])) };
    case 'terms':
      return { shape: 'groups', limit: panel.limit, rows: new Map(dom.rows.filter((r) => !r.other).map((r) => [r.keys.join('\u0001'), num(r.values[0]) ?? 0])) };
    case 'map':
      return { shape: 'groups', limit: 300, rows: new Map(dom.rows.map((r) => [`${r.field}\u0001${r.keys[0]}`, num(r.values[0]) ?? 0])) };
    case 'recent':
      return { shape: 'rows', count: dom.rows.length };
    default: {
      const labels = dom.headers.slice(1);
      return { shape: 'series', series: new Map(labels.map((label, i) => [label, new Map(dom.rows.map((r) => [Number(r.bucket), num(r.values[i]) ?? 0] as [number, number]))])) };
    }
  }
}

describe('dashboards in headless Chromium', () => {
  const docs = goldenDocuments();
  let collector: TestCollector;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: BrowserPage;
  const errors: string[] = [];
  const shots = artifactDir('dashboard');

  before(async () => {
    await ensureDashboardBuilt();
    collector = await startFixtureCollector();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => errors.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await collector?.dispose();
  });

  const open = async (hash: string, pageId: string) => {
    await page.goto(`${collector.apiUrl}/${hash}`);
    await page.waitForSelector(`[data-page="${pageId}"][data-page-state=ready]`, { timeout: 30_000 });
  };
  const waitReady = (pageId: string) => page.waitForSelector(`[data-page="${pageId}"][data-page-state=ready]`, { timeout: 30_000 });

  const checkPage = async (pageId: string, filters: OracleFilter[]) => {
    const definition = PAGES.find((p) => p.id === pageId)!;
    const rendered = await readPanels(page);
    assert.deepEqual(rendered.map((p) => p.id), definition.panels.map((p) => p.id), `${pageId}: every panel is on the page`);
    for (const dom of rendered) {
      const panel = definition.panels.find((p) => p.id === dom.id)!;
      assert.equal(dom.state, 'ready', `${pageId}/${panel.id} rendered`);
      assertSameNumbers(normaliseDom(panel, dom), expectPanel(panel, docs, { ...FIXTURE_RANGE, filters }, BUCKET_MS), `${pageId}/${panel.id} (browser)`);
    }
    return rendered;
  };

  for (const definition of PAGES) {
    it(`renders every panel of ${definition.id} with the numbers the fixtures imply`, async () => {
      await open(`#/${definition.id}?${RANGE}`, definition.id);
      await page.waitForTimeout(150);
      const rendered = await checkPage(definition.id, []);
      for (const dom of rendered) {
        const panel = definition.panels.find((p) => p.id === dom.id)!;
        const charted = panel.kind !== 'metric' && panel.kind !== 'recent' && !(panel.kind === 'terms' && panel.chart === 'table');
        if (charted) {
          assert.ok(dom.chart, `${definition.id}/${panel.id} draws a chart`);
          assert.ok(dom.chartLabel !== null && dom.chartLabel.includes(panel.title), `${definition.id}/${panel.id} chart has a text label`);
        }
        if (panel.kind !== 'metric') assert.ok(dom.caption !== null && dom.headers.length > 1, `${definition.id}/${panel.id} has a captioned data table`);
      }
      await page.screenshot({ path: join(shots, `${definition.id}.png`), fullPage: true });
      assert.deepEqual(errors, [], 'no script errors');
    });
  }

  it('narrows the other panels when a value is clicked, shows a chip, and keeps it in the URL', async () => {
    await open(`#/http?${RANGE}`, 'http');
    const button = page.locator('[data-panel=top-hosts] button.filter').first();
    const host = (await button.getAttribute('aria-label'))!.replace(/^Filter on \S+ = /, '');
    await button.click();
    await page.waitForSelector('.chip');
    await waitReady('http');
    assert.match(decodeURIComponent(page.url()), new RegExp(`f=cloudflare_logpush.http_request.client.request.host:${host.replace(/\./g, '\\.')}`));
    const filters = [{ field: 'cloudflare_logpush.http_request.client.request.host', value: host, negate: false }];
    const narrowed = await checkPage('http', filters);
    const all = docs.filter((d) => d._dataset === 'http_request').length;
    const requests = Number(narrowed.find((p) => p.id === 'totals')!.metrics[0]![1]);
    assert.ok(requests > 0 && requests < all, `filtered to ${requests} of ${all} requests`);
    await page.screenshot({ path: join(shots, 'http-filtered.png'), fullPage: true });

    // A country on the map filters too, on a page with several datasets.
    await open(`#/zero-trust?${RANGE}`, 'zero-trust');
    const country = page.locator('[data-panel=countries-map] path[role=button]').first();
    const code = (await country.getAttribute('data-country'))!;
    await country.click();
    await page.waitForSelector('.chip');
    await waitReady('zero-trust');
    const chip = (await page.locator('.chip').first().getAttribute('data-filter'))!;
    const [field] = chip.split(':');
    await checkPage('zero-trust', [{ field: field!, value: code, negate: false }]);
  });

  it('finds a document by a field value and by free text, and opens it', async () => {
    const http = docs.filter((d) => d._dataset === 'http_request');
    const ip = String(http[0]!['source.ip']);
    await open(`#/search?${RANGE}&dataset=http_request`, 'search');
    await page.fill('input[name=field]', 'source.ip');
    await page.fill('input[name=value]', ip);
    await page.click('.filter-form button[type=submit]');
    await page.waitForSelector('.chip');
    await waitReady('search');
    const total = Number(await page.getAttribute('.count', 'data-total'));
    assert.equal(total, http.filter((d) => d['source.ip'] === ip).length);
    await page.locator('table[data-role=results] button.open').first().click();
    await page.waitForSelector('[data-role=document]');
    await waitReady('search');
    const document = JSON.parse((await page.textContent('[data-role=document] pre'))!);
    assert.equal(document.source.ip, ip);
    await page.screenshot({ path: join(shots, 'search-document.png'), fullPage: true });

    const text = 'xyz.EXAMPLE.com';
    const fields = searchableColumns('http_request');
    const expected = http.filter((d) => fields.some((f) => typeof d[f] === 'string' && (d[f] as string).toLowerCase().includes(text.toLowerCase()))).length;
    await open(`#/search?${RANGE}&dataset=http_request`, 'search');
    await page.fill('input[name=q]', text);
    await page.press('input[name=q]', 'Enter');
    await page.waitForFunction(() => location.hash.includes('q='));
    await waitReady('search');
    assert.ok(expected > 0);
    assert.equal(Number(await page.getAttribute('.count', 'data-total')), expected);
  });

  it('shows ingest status per dataset with stored events', async () => {
    await open('#/ingest', 'ingest');
    const rows = await page.$$eval('table[data-role=datasets] tbody tr', (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.dataset, tr.querySelector('td[data-value]')?.getAttribute('data-value')]));
    assert.equal(rows.length, 18);
    for (const [dataset, stored] of rows) assert.equal(Number(stored), docs.filter((d) => d._dataset === dataset).length, String(dataset));
    await page.screenshot({ path: join(shots, 'ingest.png'), fullPage: true });
  });

  it('works from the keyboard: skip link, filtering with Enter, removing the chip', async () => {
    await page.goto('about:blank');
    await open(`#/http?${RANGE}`, 'http');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.focus('[data-panel=top-source-ips] button.filter');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.chip');
    await waitReady('http');
    await page.focus('.chip-remove');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.chip') === null);
    await page.keyboard.press('/');
    await waitReady('search');
  });
});
