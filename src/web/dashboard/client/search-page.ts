import type { DashboardInfo, SearchResponse } from '../api-types.js';
import type { View } from './dashboard-page.js';
import type { TableActions } from './data-table.js';
import { h } from './dom.js';
import { fieldLabel, formatCell, formatKey, formatNumber, formatTime } from './format.js';
import { getJson } from './http.js';
import { currentState, navigate, rangeParams, withFilter, type ViewState } from './state.js';

/**
 * The search page: dataset, free text, field filters (the page's chips), sort by time, paging, and the
 * whole ECS document of a result. All of it is in the URL, like the dashboards.
 */
const PAGE_SIZE = 50;

export class SearchPage implements View {
  readonly element: HTMLElement;
  private readonly results = h('div', { class: 'results', 'aria-live': 'polite' });
  private readonly documentBox = h('div', { class: 'document-box' });
  private sequence = 0;

  constructor(private readonly info: DashboardInfo, private readonly actions: TableActions, state: ViewState) {
    const datasets = Object.keys(info.fields).sort();
    const dataset = this.datasetOf(state);
    const submit = (event: Event) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      const next = currentState();
      navigate({ ...next, dataset: String(form.get('dataset')), q: String(form.get('q') ?? ''), sort: form.get('sort') === 'asc' ? 'asc' : 'desc', offset: 0, doc: undefined, line: undefined,
        // Filters are per dataset: switching datasets starts without them.
        filters: String(form.get('dataset')) === this.datasetOf(next) ? next.filters : [] });
    };
    const addFilter = (event: Event) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      const field = String(form.get('field') ?? '').trim();
      if (field !== '') navigate(withFilter(currentState(), field, String(form.get('value') ?? '')));
    };
    this.element = h('div', { class: 'search', 'data-page': 'search', 'data-page-state': 'loading' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Search'), h('p', { class: 'description' }, 'Find events by field values and free text; open any event to see the whole ECS document.')),
      h('form', { class: 'search-form', role: 'search', onsubmit: submit },
        h('label', {}, 'Dataset ', h('select', { name: 'dataset' }, datasets.map((d) => h('option', { value: d, selected: d === dataset }, d)))),
        h('label', { class: 'grow' }, 'Text ', h('input', { type: 'search', name: 'q', value: state.q ?? '', placeholder: 'words in the main text fields', 'aria-describedby': 'q-help' })),
        h('label', {}, 'Order ', h('select', { name: 'sort' }, h('option', { value: 'desc', selected: state.sort === 'desc' }, 'Newest first'), h('option', { value: 'asc', selected: state.sort === 'asc' }, 'Oldest first'))),
        h('button', { type: 'submit' }, 'Search'),
        h('p', { id: 'q-help', class: 'help' }, 'Text matches anywhere in the text fields, ignoring case.')),
      h('form', { class: 'filter-form', onsubmit: addFilter },
        h('label', {}, 'Field ', h('input', { name: 'field', list: 'field-list', required: true, autocomplete: 'off', placeholder: 'e.g. source.ip' })),
        h('datalist', { id: 'field-list' }, (info.fields[dataset] ?? []).map((f) => h('option', { value: f }))),
        h('label', {}, 'Value ', h('input', { name: 'value', autocomplete: 'off' })),
        h('button', { type: 'submit' }, 'Add filter')),
      this.results,
      this.documentBox);
  }

  private datasetOf(state: ViewState): string {
    const datasets = Object.keys(this.info.fields);
    return state.dataset !== undefined && datasets.includes(state.dataset) ? state.dataset : datasets.includes('http_request') ? 'http_request' : datasets[0] ?? '';
  }

  async update(state: ViewState): Promise<void> {
    const sequence = ++this.sequence;
    const dataset = this.datasetOf(state);
    this.element.dataset.pageState = 'loading';
    const params = rangeParams(state);
    params.set('dataset', dataset);
    params.set('q', state.q ?? '');
    params.set('sort', state.sort);
    params.set('offset', String(state.offset));
    params.set('limit', String(PAGE_SIZE));
    try {
      const response = await getJson<SearchResponse>('/api/search', params);
      if (sequence !== this.sequence) return;
      this.renderResults(state, response);
      await this.renderDocument(state, dataset);
      this.element.dataset.pageState = 'ready';
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.results.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Search failed: ${(error as Error).message}`));
      this.element.dataset.pageState = 'error';
    }
  }

  private renderResults(state: ViewState, response: SearchResponse): void {
    const first = response.total === 0 ? 0 : response.offset + 1;
    const last = response.offset + response.rows.length;
    const page = (offset: number) => () => navigate({ ...currentState(), offset, doc: undefined, line: undefined });
    const rows = response.rows.map((r) => h('tr', { 'data-batch': r.batch, 'data-line': String(r.line) },
      h('td', {}, formatTime(r.time)),
      r.values.map((v, i) => h('td', {}, v === null || typeof v === 'object' ? formatCell(v) : h('button', {
        type: 'button', class: 'filter', 'aria-label': `Filter on ${response.columns[i]} = ${String(v)}`,
        onclick: () => this.actions.filter(response.columns[i]!, String(v)),
      }, formatKey(v, response.columns[i])))),
      h('td', {}, h('button', { type: 'button', class: 'open', onclick: () => this.actions.open(response.dataset, r.batch, r.line) }, 'Open'))));
    this.results.replaceChildren(
      h('p', { class: 'count', 'data-total': String(response.total) }, `${formatNumber(response.total)} events` + (response.total > 0 ? `, showing ${formatNumber(first)}–${formatNumber(last)}` : '')),
      h('table', { class: 'data results-table', 'data-role': 'results' },
        h('caption', {}, `Events of ${response.dataset}, ${state.sort === 'asc' ? 'oldest' : 'newest'} first`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '@timestamp'), response.columns.map((c) => h('th', { scope: 'col', title: c }, fieldLabel(c))), h('th', { scope: 'col' }, 'Document'))),
        h('tbody', {}, rows)),
      h('nav', { class: 'pager', 'aria-label': 'Result pages' },
        h('button', { type: 'button', disabled: response.offset === 0, onclick: page(Math.max(0, response.offset - response.limit)) }, '← Previous'),
        h('button', { type: 'button', disabled: last >= response.total, onclick: page(response.offset + response.limit) }, 'Next →')));
  }

  private async renderDocument(state: ViewState, dataset: string): Promise<void> {
    if (state.doc === undefined || state.line === undefined) {
      this.documentBox.replaceChildren();
      return;
    }
    const params = new URLSearchParams({ dataset, batch: state.doc, line: String(state.line) });
    const doc = await getJson<Record<string, unknown>>('/api/document', params);
    const close = h('button', { type: 'button', onclick: () => navigate({ ...currentState(), doc: undefined, line: undefined }) }, 'Close');
    this.documentBox.replaceChildren(h('section', { class: 'document', 'aria-labelledby': 'doc-title', 'data-role': 'document' },
      h('header', {}, h('h2', { id: 'doc-title', tabindex: '-1' }, `Document ${state.doc} #${state.line}`), close),
      h('pre', {}, JSON.stringify(doc, null, 2))));
    (this.documentBox.querySelector('h2') as HTMLElement | null)?.focus({ preventScroll: false });
  }

  dispose(): void {
    this.sequence++;
  }
}
