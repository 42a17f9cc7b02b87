// The one way pages talk to the server: JSON in and out, the CSRF header on state changes, paging from
// X-Total-Count, and errors as ApiError so pages can tell "not available yet" (no such route) apart.

let csrfToken = null;
export function setCsrfToken(token) { csrfToken = token || null; }

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  // A route that does not exist (yet): another part of SoulSpot has not landed in this build.
  get notAvailable() { return this.status === 404 && /^no route for /.test(this.message); }
}

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export async function api(path, { method = 'GET', body, query, signal, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, signal, credentials: 'same-origin' };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) {
      init.body = body;
      headers['Content-Type'] = raw ? 'text/plain; charset=utf-8' : 'application/json';
    } else {
      init.body = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(withQuery(path, query), init);
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code || String(res.status), err.message || res.statusText, err);
    if (res.status === 401) window.dispatchEvent(new CustomEvent('soulspot:unauthorized', { detail: err }));
    throw e;
  }
  const total = res.headers.get('X-Total-Count');
  return { data, total: total === null ? null : Number(total), status: res.status };
}

export const get = (path, query, signal) => api(path, { query, signal });
export const post = (path, body) => api(path, { method: 'POST', body });
export const patch = (path, body) => api(path, { method: 'PATCH', body });
export const put = (path, body) => api(path, { method: 'PUT', body });
export const del = (path) => api(path, { method: 'DELETE' });
