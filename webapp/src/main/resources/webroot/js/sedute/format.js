// Dates, times and links of sedute, shown the Italian way (Europe/Rome) or the chosen language's.
import { currentLang } from '../i18n.js';
import { ApiError } from '../api.js';

const ZONE = 'Europe/Rome';

function locale() { return currentLang() === 'en' ? 'en-GB' : 'it-IT'; }

/** "giovedì 3 dicembre 2026, 15:00" */
export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso));
}

/** "15:00" */
export function time(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A video-call link that may be put in an href: http(s) with a host, no credentials (the
 * server checks the same). Anything else is shown as text, never as a link.
 */
export function safeCallUrl(s) {
  if (typeof s !== 'string') return null;
  try {
    const u = new URL(s);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname || u.username || u.password) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** The value of a datetime-local input (Rome wall clock) as an ISO instant with offset. */
export function localInputToIso(value) {
  if (!value) return null;
  // The browser reads a datetime-local value in its own zone; that is the user's intent.
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? value + ':00' : value}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** An ISO instant as a datetime-local input value, in the browser's zone. */
export function isoToLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Downloads an API file (Bearer token needed, so not a plain link). */
export async function download(path, filename, token) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
