import type { DashboardInfo } from '../api-types.js';
import { h } from './dom.js';
import { formatNumber } from './format.js';
import { postJson } from './http.js';
import { filterText, navigate, RANGES, REFRESH_CHOICES, withoutFilter, type ViewState } from './state.js';

/**
 * The bar above every page: navigation, time range (presets or a custom from/to), auto-refresh, the
 * active filters as removable chips, and — on an empty store — the demo offer.
 */
export function renderNav(info: DashboardInfo, state: ViewState): HTMLElement {
  const link = (id: string, title: string) => h('li', {}, h('a', {
    href: `#/${id}?${new URLSearchParams({ range: state.range, ...(state.range === 'custom' ? { from: state.from ?? '', to: state.to ?? '' } : {}) }).toString()}`,
    'aria-current': state.page === id ? 'page' : undefined,
  }, title));
  // Pages of one group (Zero Trust, Network…) sit together under the group's name, in catalogue order.
  const groups = new Map<string, HTMLElement[]>();
  const order: (string | HTMLElement)[] = [];
  for (const page of info.pages) {
    if (page.group === undefined) {
      order.push(link(page.id, page.title));
      continue;
    }
    if (!groups.has(page.group)) {
      groups.set(page.group, []);
      order.push(page.group);
    }
    groups.get(page.group)!.push(link(page.id, page.title));
  }
  const items = order.map((entry) => (typeof entry === 'string'
    ? h('li', { class: 'group' }, h('span', { class: 'group-title', id: `group-${entry.replace(/\W+/g, '-')}` }, entry),
      h('ul', { 'aria-labelledby': `group-${entry.replace(/\W+/g, '-')}` }, groups.get(entry)!))
    : entry));
  items.push(link('search', 'Search'), link('ingest', 'Ingest status'));
  return h('nav', { 'aria-label': 'Dashboards' }, h('ul', { class: 'nav-list' }, items));
}

const toLocalInput = (iso: string | undefined, fallback: number) => {
  const ms = iso === undefined ? fallback : Date.parse(iso);
  const date = new Date((Number.isFinite(ms) ? ms : fallback) - new Date().getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
};

export function renderToolbar(state: ViewState, refresh: () => void): HTMLElement {
  const custom = h('form', { class: 'custom-range', hidden: state.range !== 'custom', onsubmit: (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const from = new Date(String(form.get('from'))).toISOString();
    const to = new Date(String(form.get('to'))).toISOString();
    navigate({ ...state, range: 'custom', from, to, offset: 0 });
  } },
  h('label', {}, 'From ', h('input', { type: 'datetime-local', name: 'from', required: true, value: toLocalInput(state.from, Date.now() - 86_400_000) })),
  h('label', {}, 'To ', h('input', { type: 'datetime-local', name: 'to', required: true, value: toLocalInput(state.to, Date.now()) })),
  h('button', { type: 'submit' }, 'Apply'));
  const range = h('select', { id: 'range', onchange: (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value === 'custom') custom.hidden = false;
    else navigate({ ...state, range: value, from: undefined, to: undefined, offset: 0 });
  } }, RANGES.map((r) => h('option', { value: r.id, selected: state.range === r.id }, r.label)), h('option', { value: 'custom', selected: state.range === 'custom' }, 'Custom range…'));
  const every = h('select', { id: 'refresh', onchange: (event: Event) => navigate({ ...state, refresh: Number((event.target as HTMLSelectElement).value) }) },
    REFRESH_CHOICES.map((s) => h('option', { value: s, selected: state.refresh === s }, s === 0 ? 'Off' : s < 60 ? `Every ${s} s` : `Every ${s / 60} min`)));
  const chips = state.filters.map((f, i) => h('li', { class: `chip${f.negate ? ' negated' : ''}`, 'data-filter': filterText(f) },
    h('button', { type: 'button', class: 'chip-toggle', title: 'Switch between "is" and "is not"', onclick: () => navigate({ ...state, filters: state.filters.map((g, j) => (j === i ? { ...g, negate: !g.negate } : g)) }) },
      `${f.field} ${f.negate ? 'is not' : 'is'} ${f.value}`),
    h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove filter ${f.field} ${f.negate ? 'is not' : 'is'} ${f.value}`, onclick: () => navigate(withoutFilter(state, i)) }, '×')));
  return h('div', { class: 'toolbar', role: 'region', 'aria-label': 'Time range and filters' },
    h('div', { class: 'controls' },
      h('label', { for: 'range' }, 'Time range'), range, custom,
      h('label', { for: 'refresh' }, 'Auto-refresh'), every,
      h('button', { type: 'button', onclick: refresh, title: 'Reload the data (r)' }, 'Refresh')),
    chips.length === 0 ? h('p', { class: 'hint' }, 'Click any value in a panel to filter the whole page on it.') : h('ul', { class: 'chips', 'aria-label': 'Active filters' }, chips,
      h('li', {}, h('button', { type: 'button', class: 'chip-clear', onclick: () => navigate({ ...state, filters: [], offset: 0 }) }, 'Clear all'))));
}

/** The empty-store offer: load realistic demo events through the real ingest endpoint. */
export function renderDemoBanner(info: DashboardInfo, loaded: () => void): HTMLElement | null {
  if (!info.empty) return null;
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', disabled: !info.demoAvailable }, 'Load demo data');
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = 'Generating events for every dataset and sending them to the ingest endpoint…';
    postJson<{ events: number }>('/api/demo').then((result) => {
      status.textContent = `Loaded ${formatNumber(result.events)} demo events.`;
      loaded();
    }, (error: Error) => {
      status.textContent = `The demo failed: ${error.message}`;
      button.disabled = false;
    });
  });
  return h('aside', { class: 'demo-banner', 'aria-label': 'Demo data' },
    h('p', {}, h('strong', {}, 'The store is empty. '), 'Load a day of realistic demo events for every dataset (sent through the Logpush HTTP endpoint, like Cloudflare would), or run ', h('code', {}, 'logpush demo'), '.'),
    info.demoAvailable ? button : h('p', {}, 'The demo needs the ingest listener (http.enabled).'),
    status);
}
