/** JSON over fetch, same origin. A 401 means the session ended: go to the sign-in form. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 401) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
    throw new ApiError(401, 'sign-in required');
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? `HTTP ${response.status}`);
  return body;
}

export async function getJson<T>(path: string, params?: URLSearchParams): Promise<T> {
  const url = params === undefined ? path : `${path}?${params.toString()}`;
  return parse<T>(await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return parse<T>(await fetch(path, {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
  }));
}
