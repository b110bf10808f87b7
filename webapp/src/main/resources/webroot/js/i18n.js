// Message bundles: every visible string lives in i18n/<lang>.json. Italian first.
const SUPPORTED = ['it', 'en'];
const STORAGE_KEY = 'tavolo.lang';
let lang = 'it';
let messages = {};
let fallback = {};
const listeners = new Set();

async function loadBundle(code) {
  const res = await fetch(`i18n/${code}.json`, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`bundle ${code}: HTTP ${res.status}`);
  return res.json();
}

export async function initI18n() {
  const stored = localStorage.getItem(STORAGE_KEY);
  lang = SUPPORTED.includes(stored) ? stored : 'it';
  fallback = await loadBundle('it');
  messages = lang === 'it' ? fallback : await loadBundle(lang);
  document.documentElement.lang = lang;
}

export function currentLang() { return lang; }

export async function setLang(code) {
  if (!SUPPORTED.includes(code)) return;
  messages = code === 'it' ? fallback : await loadBundle(code);
  lang = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
  translateTree(document);
  for (const fn of listeners) fn(code);
}

export function onLangChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/** t('key', {name: 'x'}) with {name} placeholders; a missing key shows itself, never crashes. */
export function t(key, params) {
  // Plurals: a count of exactly 1 takes the key's ".one" form when the bundle has one
  // ("1 modifica", not "1 modifiche"); both languages need only these two forms.
  if (params && Number(params.count) === 1 && `${key}.one` in (key in messages ? messages : fallback)) key = `${key}.one`;
  let s = messages[key] ?? fallback[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  return s;
}

/** Whether a bundle has the key (so a caller can fall back to a more general one). */
export function has(key) { return key in messages || key in fallback; }

/** Fills [data-i18n] (textContent) and [data-i18n-attr="attr:key;attr:key"] under root. */
export function translateTree(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : undefined);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
