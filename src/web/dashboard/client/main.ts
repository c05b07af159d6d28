import type { DashboardInfo } from '../api-types.js';
import { DashboardPage, type View } from './dashboard-page.js';
import type { TableActions } from './data-table.js';
import { clear, focusQuietly, h } from './dom.js';
import { getJson } from './http.js';
import { IngestPage } from './ingest-page.js';
import { SearchPage } from './search-page.js';
import { currentState, formatState, navigate, withFilter, type ViewState } from './state.js';
import { renderDemoBanner, renderNav, renderToolbar } from './toolbar.js';

/**
 * The dashboard app: reads the catalogue once, then renders whatever the URL fragment says on every
 * hashchange. Keyboard: every control is a link, button or form field (Tab / Enter / Space); "r"
 * refreshes, "/" jumps to search; a skip link leads past the navigation.
 */
let info: DashboardInfo;
let view: View | undefined;
let viewKey = '';
let timer: ReturnType<typeof setInterval> | undefined;
let booted = false;

const actions: TableActions = {
  filter: (field, value) => navigate(withFilter(currentState(), field, value)),
  datasetLink: (dataset) => {
    const page = info.datasetPages[dataset];
    return page === undefined ? undefined : formatState({ ...currentState(), page, filters: [], offset: 0 });
  },
  open: (dataset, batch, line) => navigate({ ...currentState(), page: 'search', dataset, doc: batch, line, filters: [], q: undefined, offset: 0 }),
};

function createView(state: ViewState): View {
  if (state.page === 'search') return new SearchPage(info, actions, state);
  if (state.page === 'ingest') return new IngestPage();
  const page = info.pages.find((p) => p.id === state.page);
  if (page === undefined) {
    const element = h('div', { 'data-page-state': 'error' }, h('h1', { tabindex: '-1' }, 'No such page'), h('p', {}, h('a', { href: '#/overview' }, 'Go to the overview')));
    return { element, update: async () => {}, dispose: () => {} };
  }
  return new DashboardPage(page, info, actions, state);
}

function refresh(): void {
  void view?.update(currentState());
}

function render(): void {
  const state = currentState();
  const nav = document.getElementById('nav')!;
  nav.replaceChildren(renderNav(info, state));
  const toolbar = document.getElementById('toolbar')!;
  toolbar.replaceChildren(renderToolbar(state, refresh));
  const banner = document.getElementById('banner')!;
  clear(banner);
  const offer = renderDemoBanner(info, () => {
    info = { ...info, empty: false };
    render();
  });
  if (offer !== null) banner.appendChild(offer);

  // Dashboards keep their panels across filter and range changes; search is rebuilt per dataset (its field list).
  const key = state.page === 'search' ? `search:${state.dataset ?? ''}` : state.page;
  const main = document.getElementById('main')!;
  if (key !== viewKey || view === undefined) {
    view?.dispose();
    view = createView(state);
    viewKey = key;
    main.replaceChildren(view.element);
    // After a page change, focus goes to the new heading (screen readers announce it); on first load
    // it stays at the top, so the skip link is the first Tab stop.
    if (booted) focusQuietly(view.element.querySelector('h1'));
    document.title = `${view.element.querySelector('h1')?.textContent ?? 'Dashboard'} · Logpush Collector`;
  }
  void view.update(state);

  if (timer !== undefined) clearInterval(timer);
  timer = state.refresh > 0 ? setInterval(refresh, state.refresh * 1000) : undefined;
}

function onKey(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) return;
  if (event.key === 'r') refresh();
  if (event.key === '/') {
    event.preventDefault();
    const state = currentState();
    if (state.page !== 'search') navigate({ ...state, page: 'search', filters: [], offset: 0 });
    else (document.querySelector('input[name=q]') as HTMLInputElement | null)?.focus();
  }
}

async function boot(): Promise<void> {
  try {
    info = await getJson<DashboardInfo>('/api/dashboard');
  } catch (error) {
    document.getElementById('main')!.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The dashboard could not start: ${(error as Error).message}`));
    return;
  }
  if (info.loginRequired) {
    document.getElementById('account')!.replaceChildren(h('form', { method: 'post', action: '/logout' }, h('button', { type: 'submit' }, 'Sign out')));
  }
  // The fragment holds the view, so the skip link moves focus itself instead of changing the fragment.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  });
  window.addEventListener('hashchange', render);
  document.addEventListener('keydown', onKey);
  if (location.hash === '') history.replaceState(null, '', formatState(currentState()));
  render();
  booted = true;
}

void boot();
