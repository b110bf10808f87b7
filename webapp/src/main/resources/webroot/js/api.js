// HTTP API client: JSON in and out, Bearer token from the session.
const TOKEN_KEY = 'tavolo.token';
const USER_KEY = 'tavolo.user';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

// sessionStorage: each tab is its own session, so two demo users can work side by side.
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() { const u = sessionStorage.getItem(USER_KEY); return u ? JSON.parse(u) : null; },
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user ?? {}));
  },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY); },
};

export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers['Authorization'] = `Bearer ${session.token}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!res.ok) {
    throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message ?? res.statusText);
  }
  return data;
}

export async function login(email, password) {
  const data = await api('POST', '/api/auth/login', { email, password });
  session.save(data.token, data.user);
  return data.user;
}

export function displayName(user) {
  return user?.displayName ?? user?.display_name ?? user?.name ?? user?.email ?? '';
}
