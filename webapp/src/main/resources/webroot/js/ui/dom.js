// Tiny DOM helpers. User text only ever goes through textContent, never innerHTML.
import { t } from '../i18n.js';

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else node.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function $(sel, root = document) { return root.querySelector(sel); }

export function clear(node) { node.replaceChildren(); return node; }

/**
 * Sets a property (`hidden`, `disabled`, `checked`, `textContent`...) or, with a `data-` name,
 * a data attribute, only when it differs: code that runs on every keystroke must not write
 * the toolbar again, as each write, even of the same value, has the browser recompute style
 * and layout of the page around it (issue 18's keystroke budget).
 */
export function put(node, name, value) {
  if (name.startsWith('data-')) {
    const key = name.slice(5).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (node.dataset[key] !== value) node.dataset[key] = value;
  } else if (node[name] !== value) {
    node[name] = value;
  }
}

/**
 * Confirms an action: on screen as a toast (bottom of the window, gone after a few seconds or
 * on "Chiudi") and to screen readers through the polite live region. `opts.action` adds a
 * button to the toast ({label, run}), e.g. "Annulla" after a delete; `opts.error` shows it
 * as a failure. The toast itself is not a live region, so nothing is read twice.
 */
export function announce(message, opts = {}) {
  const region = document.getElementById('status-live');
  if (region) {
    region.textContent = '';
    // A fresh node after clearing makes screen readers repeat identical messages too.
    requestAnimationFrame(() => { region.textContent = message; });
  }
  toast(message, opts);
}

const TOAST_MS = 6000;
const TOAST_MAX = 3;

function toast(message, { action, error } = {}) {
  let box = document.getElementById('toasts');
  if (!box) {
    box = el('div', { id: 'toasts', class: 'tv-toasts' });
    document.body.append(box);
  }
  const close = () => { item.remove(); };
  const item = el('div', { class: `tv-toast${error ? ' tv-toast-error' : ''}` },
    el('span', { class: 'tv-toast-text', text: message }),
    action ? el('button', { type: 'button', class: 'btn btn-sm btn-light tv-toast-action', text: action.label,
      onclick: () => { close(); action.run(); } }) : null,
    el('button', { type: 'button', class: 'btn btn-sm tv-toast-close', onclick: close },
      el('span', { 'aria-hidden': 'true', text: '×' }), el('span', { class: 'visually-hidden', text: closeLabel() })));
  box.append(item);
  // Bounded: the oldest go first when actions come quickly.
  while (box.children.length > TOAST_MAX) box.firstElementChild.remove();
  // A toast with an action stays longer; one with the focus inside stays until it leaves.
  const wait = action ? TOAST_MS * 2 : TOAST_MS;
  const expire = () => { if (item.contains(document.activeElement)) setTimeout(expire, 1000); else close(); };
  setTimeout(expire, wait);
}

function closeLabel() { return t('toast.close'); }
