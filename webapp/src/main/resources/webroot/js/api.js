// HTTP API client (docs/api.md): JSON in and out, Bearer access token from the session, and a
// transparent refresh when the short-lived access token expires.
const KEY = 'tavolo.session';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

// sessionStorage: each tab is its own session, so two demo users can work side by side.
function load() {
  try { return JSON.parse(sessionStorage.getItem(KEY)) ?? null; } catch { return null; }
}

export const session = {
  get token() { return load()?.token ?? null; },
  get user() { return load()?.user ?? null; },
  get refreshToken() { return load()?.refreshToken ?? null; },
  get expiresAt() { return load()?.expiresAt ?? 0; },
  save(data, user) {
    const prev = load();
    sessionStorage.setItem(KEY, JSON.stringify({
      token: data.token,
      refreshToken: data.refreshToken ?? prev?.refreshToken ?? null,
      expiresAt: Date.now() + (data.expiresIn ?? 900) * 1000,
      user: user ?? data.user ?? prev?.user ?? null,
    }));
  },
  clear() { sessionStorage.removeItem(KEY); },
};

const listeners = new Set();
/** Called when the session ends (logout, revoked, refresh refused). */
export function onSessionEnd(fn) { listeners.add(fn); }
function endSession() {
  session.clear();
  for (const fn of listeners) fn();
}

let refreshing = null;
/** A new access token from the refresh token; one request at a time (refresh tokens are single use). */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const rt = session.refreshToken;
      if (!rt) throw new ApiError(401, 'unauthorized', 'no session');
      const res = await fetch('/api/auth/refresh', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ refreshToken: rt }),
      });
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        if (res.status === 401) endSession();
        throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message);
      }
      session.save(data);
      return data.token;
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** The access token, refreshed first if it expires within a minute. */
export async function freshToken() {
  if (session.token && session.expiresAt - Date.now() > 60_000) return session.token;
  if (!session.refreshToken) return session.token;
  try { return await refresh(); } catch (e) {
    if (e instanceof ApiError) throw e;
    return session.token; // offline: the server will say if it is too old
  }
}

/** {@code extra}: more headers (a secret that must not travel in the path, e.g. Tavolo-Invitation). */
export async function api(method, path, body, extra = null, retried = false) {
  const headers = { 'Accept': 'application/json', ...(extra ?? {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers['Authorization'] = `Bearer ${await freshToken()}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!res.ok) {
    const code = data?.code ?? `http_${res.status}`;
    if (res.status === 401 && code === 'token_expired' && !retried && session.refreshToken) {
      await refresh();
      return api(method, path, body, extra, true);
    }
    if (res.status === 401 && (code === 'token_revoked' || code === 'unauthorized') && session.token) endSession();
    throw new ApiError(res.status, code, data?.message ?? res.statusText);
  }
  return data;
}

export async function login(email, password) {
  const data = await api('POST', '/api/auth/login', { email, password });
  session.save(data);
  return data.user;
}

export async function logout() {
  try { await api('POST', '/api/auth/logout'); } catch { /* the session ends here anyway */ }
  session.clear();
}

export function displayName(user) {
  return user?.name ?? user?.displayName ?? user?.email ?? '';
}
