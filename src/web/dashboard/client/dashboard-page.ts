import type { DashboardInfo, Page, Panel, PanelsResponse } from '../api-types.js';
import type { TableActions } from './data-table.js';
import { h } from './dom.js';
import { getJson } from './http.js';
import { PanelView } from './panel-view.js';
import { formatState, rangeParams, type ViewState } from './state.js';

/**
 * A dashboard page: a grid of panels filled from one request to /api/panels/<page>. Each load carries a
 * sequence number so that a slow answer never overwrites a newer one (after a quick filter change).
 */
export interface View {
  readonly element: HTMLElement;
  update(state: ViewState): Promise<void>;
  dispose(): void;
}

/** On the overview, each panel links to the page of its dataset family. */
function linkOf(panel: Panel, info: DashboardInfo, state: ViewState): { href: string; label: string } | undefined {
  const datasets = [...new Set(panel.datasets)];
  const target = datasets.length === 1 ? info.datasetPages[datasets[0]!] : datasets.every((d) => d.startsWith('gateway_') || d === 'access_request') ? 'zero-trust' : undefined;
  const page = info.pages.find((p) => p.id === target);
  return page === undefined ? undefined : { href: formatState({ ...state, page: page.id, filters: [] }), label: page.title };
}

export class DashboardPage implements View {
  readonly element: HTMLElement;
  private readonly views: PanelView[];
  private sequence = 0;
  private readonly status: HTMLElement;

  constructor(private readonly page: Page, info: DashboardInfo, actions: TableActions, state: ViewState) {
    this.views = page.panels.map((panel) => new PanelView(panel, actions, page.id === 'overview' ? linkOf(panel, info, state) : undefined));
    this.status = h('p', { class: 'page-status', role: 'status', 'aria-live': 'polite' });
    this.element = h('div', { class: 'dashboard', 'data-page': page.id, 'data-page-state': 'loading' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, page.title), h('p', { class: 'description' }, page.description)),
      this.status,
      h('div', { class: 'grid' }, this.views.map((v) => v.element)));
  }

  async update(state: ViewState): Promise<void> {
    const sequence = ++this.sequence;
    this.element.dataset.pageState = 'loading';
    this.views.forEach((v) => v.markLoading());
    try {
      const response = await getJson<PanelsResponse>(`/api/panels/${encodeURIComponent(this.page.id)}`, rangeParams(state));
      if (sequence !== this.sequence) return;
      for (const result of response.panels) this.views[this.page.panels.findIndex((p) => p.id === result.id)]?.update(result);
      const slowest = Math.max(0, ...response.panels.map((p) => p.ms));
      this.status.textContent = `Updated ${new Date().toLocaleTimeString()} · ${response.panels.length} panels · slowest query ${slowest} ms`;
      this.element.dataset.pageState = 'ready';
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.status.textContent = `Could not load this page: ${(error as Error).message}`;
      this.status.setAttribute('role', 'alert');
      this.element.dataset.pageState = 'error';
    }
  }

  dispose(): void {
    this.sequence++;
    this.views.forEach((v) => v.dispose());
  }
}
