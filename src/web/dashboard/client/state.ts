/**
 * The whole view lives in the URL fragment, so a view can be bookmarked and shared:
 *
 *     #/http?range=24h&f=http.request.method:POST&f=-source.ip:10.0.0.1&refresh=30
 *     #/overview?range=custom&from=2022-01-01T00:00:00.000Z&to=2023-01-01T00:00:00.000Z
 *     #/search?dataset=http_request&q=checkout&sort=desc&offset=50&doc=<batch>&line=3
 *
 * The fragment never reaches the server, so the `?token=` sign-in redirect keeps it intact.
 */
export const RANGES = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
export const REFRESH_CHOICES = [0, 10, 30, 60, 300] as const;

export interface Filter {
  readonly field: string;
  readonly value: string;
  readonly negate: boolean;
}

export interface ViewState {
  readonly page: string;
  /** A RANGES id or 'custom'. */
  readonly range: string;
  readonly from?: string;
  readonly to?: string;
  readonly filters: readonly Filter[];
  readonly refresh: number;
  readonly dataset?: string;
  readonly q?: string;
  readonly sort: 'asc' | 'desc';
  readonly offset: number;
  readonly doc?: string;
  readonly line?: number;
}

export function parseFilterText(text: string): Filter | undefined {
  const negate = text.startsWith('-');
  const body = negate ? text.slice(1) : text;
  const colon = body.indexOf(':');
  return colon <= 0 ? undefined : { field: body.slice(0, colon), value: body.slice(colon + 1), negate };
}

export const filterText = (f: Filter) => `${f.negate ? '-' : ''}${f.field}:${f.value}`;

export function parseState(hash: string): ViewState {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const range = params.get('range') ?? '24h';
  const known = range === 'custom' || RANGES.some((r) => r.id === range);
  const offset = Number(params.get('offset') ?? 0);
  const line = params.get('line');
  return {
    page: path === '' ? 'overview' : decodeURIComponent(path),
    range: known ? range : '24h',
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    filters: params.getAll('f').map(parseFilterText).filter((f): f is Filter => f !== undefined),
    refresh: Math.max(0, Number(params.get('refresh') ?? 0) || 0),
    dataset: params.get('dataset') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: params.get('sort') === 'asc' ? 'asc' : 'desc',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    doc: params.get('doc') ?? undefined,
    line: line === null ? undefined : Number(line),
  };
}

export function formatState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('range', state.range);
  if (state.range === 'custom') {
    if (state.from !== undefined) params.set('from', state.from);
    if (state.to !== undefined) params.set('to', state.to);
  }
  for (const f of state.filters) params.append('f', filterText(f));
  if (state.refresh > 0) params.set('refresh', String(state.refresh));
  if (state.dataset !== undefined) params.set('dataset', state.dataset);
  if (state.q !== undefined && state.q !== '') params.set('q', state.q);
  if (state.sort !== 'desc') params.set('sort', state.sort);
  if (state.offset > 0) params.set('offset', String(state.offset));
  if (state.doc !== undefined) params.set('doc', state.doc);
  if (state.line !== undefined) params.set('line', String(state.line));
  return `#/${encodeURIComponent(state.page)}?${params.toString()}`;
}

/** Goes to a new state (a history entry, so Back works); the hashchange listener renders it. */
export function navigate(state: ViewState): void {
  location.hash = formatState(state);
}

export function currentState(): ViewState {
  return parseState(location.hash);
}

/** The absolute range of a state, resolved now (relative ranges move with each refresh). */
export function resolveRange(state: ViewState, now = Date.now()): { from: number; to: number } {
  if (state.range === 'custom') {
    const from = Date.parse(state.from ?? '');
    const to = Date.parse(state.to ?? '');
    if (Number.isFinite(from) && Number.isFinite(to) && to > from) return { from, to };
  }
  const preset = RANGES.find((r) => r.id === state.range) ?? RANGES[2];
  return { from: now - preset.ms, to: now };
}

/** Adds (or flips) a `field = value` filter for the whole page. */
export function withFilter(state: ViewState, field: string, value: string, negate = false): ViewState {
  const others = state.filters.filter((f) => !(f.field === field && f.value === value));
  return { ...state, filters: [...others, { field, value, negate }], offset: 0, doc: undefined, line: undefined };
}

export function withoutFilter(state: ViewState, index: number): ViewState {
  return { ...state, filters: state.filters.filter((_, i) => i !== index), offset: 0 };
}

/** The query of the panel and search endpoints: the resolved range and the filters. */
export function rangeParams(state: ViewState): URLSearchParams {
  const { from, to } = resolveRange(state);
  const params = new URLSearchParams({ from: String(from), to: String(to) });
  for (const f of state.filters) params.append('f', filterText(f));
  return params;
}
