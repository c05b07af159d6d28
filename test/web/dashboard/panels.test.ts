/**
 * The panel SQL of every page, through the API, without a browser: every panel answers on an empty store
 * and on the fixtures of every dataset, with the numbers the golden documents imply; filters narrow the
 * panels, and bad filters are refused instead of reaching SQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PanelData, PanelsResponse } from '../../../src/web/dashboard/api-types.js';
import { PAGES } from '../../../src/web/dashboard/catalogue/index.js';
import { startTestCollector, type TestCollector } from '../../support/collector.js';
import { assertSameNumbers, normaliseApi } from '../../support/dashboard-compare.js';
import { FIXTURE_RANGE, startFixtureCollector } from '../../support/dashboard-fixtures.js';
import { expectPanel, goldenDocuments, type OracleFilter } from '../../support/dashboard-oracle.js';

async function panels(collector: TestCollector, page: string, query: Record<string, string | string[]>): Promise<{ status: number; body: PanelsResponse & { error?: string } }> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
  const response = await fetch(`${collector.apiUrl}/api/panels/${page}?${params}`);
  return { status: response.status, body: (await response.json()) as PanelsResponse & { error?: string } };
}

/** The first number of a metric panel. */
function metric(body: PanelsResponse, id: string): number | null {
  const data = body.panels.find((p) => p.id === id)!.data!;
  assert.equal(data.type, 'metric');
  return data.type === 'metric' ? data.values[0]!.value : null;
}

function hasData(d: PanelData): boolean {
  if (d.type === 'timeseries') return d.series.some((s) => s.values.some((v) => v !== null && v !== 0));
  if (d.type === 'metric') return d.values.some((v) => v.value !== null && v.value !== 0);
  if (d.type === 'buckets') return d.rows.some((r) => r.value > 0);
  return d.rows.length > 0;
}

const range = { from: String(FIXTURE_RANGE.fromMs), to: String(FIXTURE_RANGE.toMs) };
const filterText = (f: OracleFilter) => `${f.negate ? '-' : ''}${f.field}:${f.value}`;

describe('dashboard panels on an empty store', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.dispose());

  for (const page of PAGES) {
    it(`answers every panel of ${page.id} without error`, async () => {
      const now = Date.now();
      const { status, body } = await panels(collector, page.id, { from: String(now - 86_400_000), to: String(now) });
      assert.equal(status, 200, body.error);
      assert.deepEqual(body.panels.map((p) => p.id), page.panels.map((p) => p.id));
      for (const result of body.panels) assert.equal(result.error, undefined, `${page.id}/${result.id}: ${result.error}`);
    });
  }
});

describe('dashboard panels on the fixtures of every dataset', () => {
  let collector: TestCollector;
  const docs = goldenDocuments();
  before(async () => {
    collector = await startFixtureCollector();
  });
  after(() => collector.dispose());

  const check = async (pageId: string, filters: OracleFilter[]) => {
    const page = PAGES.find((p) => p.id === pageId)!;
    const { status, body } = await panels(collector, page.id, { ...range, f: filters.map(filterText) });
    assert.equal(status, 200, body.error);
    const scope = { ...FIXTURE_RANGE, filters };
    for (const result of body.panels) {
      const panel = page.panels.find((p) => p.id === result.id)!;
      assert.equal(result.error, undefined, `${page.id}/${panel.id}: ${result.error}`);
      const bucketMs = result.data!.type === 'timeseries' ? result.data!.bucketMs : 0;
      assertSameNumbers(normaliseApi(panel, result.data!), expectPanel(panel, docs, scope, bucketMs), `${page.id}/${panel.id}`);
    }
    return body;
  };

  for (const page of PAGES) {
    it(`shows the numbers the documents imply on ${page.id}`, async () => {
      await check(page.id, []);
    });
  }

  it('has data in most panels (the fixtures are not an empty test)', async () => {
    let withData = 0;
    let total = 0;
    for (const page of PAGES) {
      const { body } = await panels(collector, page.id, range);
      for (const p of body.panels) {
        total++;
        if (hasData(p.data!)) withData++;
      }
    }
    assert.ok(withData / total > 0.75, `only ${withData} of ${total} panels have data`);
  });

  it('narrows every panel of a page to a clicked value, and back with "is not"', async () => {
    const unfiltered = await check('http', []);
    const filtered = await check('http', [{ field: 'http.request.method', value: 'GET', negate: false }]);
    const count = (body: PanelsResponse) => metric(body, 'totals');
    assert.ok(count(filtered)! > 0 && count(filtered)! < count(unfiltered)!, `GET requests ${count(filtered)} of ${count(unfiltered)}`);
    const negated = await check('http', [{ field: 'http.request.method', value: 'GET', negate: true }]);
    assert.equal(count(filtered)! + count(negated)!, count(unfiltered));
  });

  it('applies a filter across the datasets of a multi-dataset page (no match where the field is absent)', async () => {
    await check('zero-trust', [{ field: 'event.outcome', value: 'success', negate: false }]);
    await check('overview', [{ field: 'source.ip', value: '67.43.156.13', negate: false }]);
  });

  it('refuses unknown fields and values that do not fit the column, and treats quotes as data', async () => {
    const unknown = await panels(collector, 'http', { ...range, f: 'no.such.field:1' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error!, /unknown field "no.such.field"/);
    const badNumber = await panels(collector, 'http', { ...range, f: 'http.response.status_code:200 OR 1=1' });
    assert.equal(badNumber.status, 400);
    const quoted = await check('http', [{ field: 'url.domain', value: "x' OR '1'='1", negate: false }]);
    assert.equal(metric(quoted, 'totals'), 0);
    const badRange = await panels(collector, 'http', { from: '10', to: '5' });
    assert.equal(badRange.status, 400);
    const noPage = await panels(collector, 'nope', range);
    assert.equal(noPage.status, 400);
  });

  it('keeps one panel to one query bounded by the time range', async () => {
    const { body } = await panels(collector, 'http', { from: String(Date.UTC(1990, 0, 1)), to: String(Date.UTC(1991, 0, 1)) });
    for (const p of body.panels) {
      const d = p.data!;
      if ('rows' in d) assert.equal(d.rows.filter((r) => !('label' in r) || (r as { value: number }).value > 0).length, 0, p.id);
    }
  });
});
