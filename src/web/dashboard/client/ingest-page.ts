import type { DeadLettersResponse, IngestStatus } from '../api-types.js';
import type { View } from './dashboard-page.js';
import { h } from './dom.js';
import { formatNumber, formatTime } from './format.js';
import { getJson } from './http.js';
import type { ViewState } from './state.js';

/**
 * Ingest status: per dataset and per input, what arrived, how fast lately, the last batch, errors, and
 * the dead letters with their reasons and raw lines. Not bounded by the time range: it is about now.
 */
const DEAD_LETTERS = 20;

const cell = (value: string | number, numeric = false) => h('td', { class: numeric ? 'num' : undefined, 'data-value': String(value) }, typeof value === 'number' ? formatNumber(value) : value);

function table(caption: string, headers: string[], rows: HTMLTableRowElement[], role: string): HTMLTableElement {
  return h('table', { class: 'data', 'data-role': role },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length > 0 ? rows : [h('tr', { class: 'empty' }, h('td', { colspan: headers.length }, 'Nothing yet'))]));
}

export class IngestPage implements View {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'ingest-body' });
  private offset = 0;
  private sequence = 0;

  constructor() {
    this.element = h('div', { class: 'ingest', 'data-page': 'ingest', 'data-page-state': 'loading' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Ingest status'),
        h('p', { class: 'description' }, 'What arrives, from which input, how fast, and what could not be read. Rates are over the last five minutes; refused requests count since the collector started.')),
      this.body);
  }

  async update(_state: ViewState): Promise<void> {
    const sequence = ++this.sequence;
    this.element.dataset.pageState = 'loading';
    try {
      const [status, letters] = await Promise.all([
        getJson<IngestStatus>('/api/ingest'),
        getJson<DeadLettersResponse>('/api/ingest/dead-letters', new URLSearchParams({ offset: String(this.offset), limit: String(DEAD_LETTERS) })),
      ]);
      if (sequence !== this.sequence) return;
      this.render(status, letters);
      this.element.dataset.pageState = 'ready';
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.body.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load the status: ${(error as Error).message}`));
      this.element.dataset.pageState = 'error';
    }
  }

  private render(status: IngestStatus, letters: DeadLettersResponse): void {
    const datasets = status.datasets.map((d) => h('tr', { 'data-dataset': d.dataset },
      h('th', { scope: 'row' }, d.dataset), cell(d.storedEvents, true), cell(d.batches, true), cell(d.eventsPerSec, true),
      cell(formatTime(d.lastBatchAt)), cell(d.deadLetters, true), cell(d.errors, true)));
    const inputs = status.inputs.map((i) => h('tr', {},
      h('th', { scope: 'row' }, i.input), cell(i.source), cell(i.batches, true), cell(i.events, true), cell(i.eventsPerSec, true), cell(formatTime(i.lastBatchAt)), cell(i.deadLetters, true)));
    const rejections = status.rejections.map((r) => h('tr', {}, cell(r.dataset), cell(r.code), cell(r.count, true)));
    const deadRows = letters.rows.map((l) => h('tr', {},
      cell(formatTime(l.receivedAt)), cell(l.dataset ?? '–'), cell(l.source), cell(l.line, true), cell(l.reason),
      h('td', {}, h('details', {}, h('summary', {}, `${l.raw.length} characters`), h('pre', { class: 'raw' }, l.raw)))));
    const move = (offset: number) => () => {
      this.offset = offset;
      void this.update({} as ViewState);
    };
    this.body.replaceChildren(
      h('h2', {}, 'Datasets'),
      table('Per dataset', ['Dataset', 'Stored events', 'Batches', 'Events/s (5 min)', 'Last batch', 'Dead letters', 'Refused requests'], datasets, 'datasets'),
      h('h2', {}, 'Inputs'),
      table('Per input and source', ['Input', 'Source', 'Batches', 'Events', 'Events/s (5 min)', 'Last batch', 'Dead letters'], inputs, 'inputs'),
      h('h2', {}, 'Refused requests'),
      table('Requests refused since start, by reason', ['Dataset', 'Code', 'Count'], rejections, 'rejections'),
      h('h2', {}, `Dead letters (${formatNumber(letters.total)})`),
      table('Lines and bodies that could not be read, newest first', ['Received', 'Dataset', 'Source', 'Line', 'Reason', 'Raw'], deadRows, 'dead-letters'),
      h('nav', { class: 'pager', 'aria-label': 'Dead-letter pages' },
        h('button', { type: 'button', disabled: this.offset === 0, onclick: move(Math.max(0, this.offset - DEAD_LETTERS)) }, '← Newer'),
        h('button', { type: 'button', disabled: this.offset + letters.rows.length >= letters.total, onclick: move(this.offset + DEAD_LETTERS) }, 'Older →')));
  }

  dispose(): void {
    this.sequence++;
  }
}
