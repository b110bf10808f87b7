// Form controls bound to entity fields. Scalar changes commit on `change` (Enter or leaving the
// field); a value someone else sets shows at once unless the control is being edited.
import { el } from './dom.js';
import { t } from '../i18n.js';

let counter = 0;
export function uid(prefix) { return `${prefix}-${++counter}`; }

export function setIfIdle(control, value) {
  const v = value ?? '';
  if (document.activeElement === control && control.dataset.dirty === 'true') return;
  if (control.value !== v) control.value = v;
}

/**
 * Calls commit(value) when typing in `input` is done: on Enter or on leaving the field (change),
 * once per edit. `input.dataset.dirty` says whether there is uncommitted typing. commit may
 * return false to refuse the value (the field stays dirty).
 */
export function onCommit(input, commit) {
  input.addEventListener('input', () => { input.dataset.dirty = 'true'; });
  const done = () => {
    if (input.dataset.dirty !== 'true') return;
    if (commit(input.value) === false) return;
    input.dataset.dirty = 'false';
  };
  input.addEventListener('change', done);
  input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && !ev.isComposing) done(); });
}

/** A labelled text input; onCommit(value) on Enter or change. */
export function textInput({ label, value, readOnly, onCommit: commit, cls, maxLength = 300 }) {
  const id = uid('f');
  const input = el('input', { type: 'text', id, class: `form-control ${cls ?? ''}`, maxlength: maxLength, readonly: readOnly });
  input.value = value ?? '';
  onCommit(input, (v) => commit(v));
  const wrap = el('div', { class: 'form-group tv-field' }, el('label', { for: id, class: 'active', text: label }), input);
  return { wrap, input };
}

/** A labelled select of [{value, label}]. */
export function selectInput({ label, options, value, readOnly, onCommit, hideLabel }) {
  const id = uid('s');
  const select = el('select', { id, class: 'form-select', disabled: readOnly });
  fillOptions(select, options, value);
  select.addEventListener('change', () => onCommit(select.value === '' ? null : select.value));
  const lab = el('label', { for: id, class: hideLabel ? 'visually-hidden' : 'tv-select-label', text: label });
  const wrap = el('div', { class: 'tv-field tv-select' }, lab, select);
  return { wrap, select };
}

export function fillOptions(select, options, value) {
  const current = value ?? '';
  const same = select.options.length === options.length
    && options.every((o, i) => select.options[i].value === (o.value ?? '') && select.options[i].textContent === o.label);
  if (!same) {
    select.replaceChildren(...options.map(o => el('option', { value: o.value ?? '', text: o.label })));
  }
  if (document.activeElement !== select && select.value !== current) select.value = current;
}

/**
 * Move up / move down / delete buttons for one entity. The arrows' accessible name is hidden
 * text (not aria-label), so what is seen and what is heard agree. `setName` renames them when
 * the entity's title changes.
 */
export function entityActions({ name, onUp, onDown, onDelete, readOnly }) {
  const box = el('div', { class: 'tv-actions' });
  box.setName = () => {};
  if (readOnly) return box;
  const hidden = () => el('span', { class: 'visually-hidden' });
  const arrow = (symbol, fn, dir) => el('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', onclick: fn, dataset: { action: dir } },
    el('span', { 'aria-hidden': 'true', text: symbol }), hidden());
  const up = arrow('↑', onUp, 'up');
  const down = arrow('↓', onDown, 'down');
  const del = el('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', onclick: onDelete, dataset: { action: 'delete' } },
    t('action.delete'), hidden());
  let current = null;
  box.setName = (n) => {
    if (n === current) return;
    current = n;
    up.title = up.lastChild.textContent = t('action.moveUp', { name: n });
    down.title = down.lastChild.textContent = t('action.moveDown', { name: n });
    del.title = t('action.deleteNamed', { name: n });
    del.lastChild.textContent = ` ${t('action.deleteWhat', { name: n })}`;
  };
  box.setName(name);
  box.append(up, down, del);
  return box;
}

/**
 * Before deleting the entity shown by `item`: returns what to call after the next render, to
 * put focus on the next entity's first control, else the previous one's, else `fallback`
 * (focus must never fall back to the page's start).
 */
export function focusAfterDelete(item, fallback) {
  const next = item?.nextElementSibling ?? item?.previousElementSibling;
  return () => {
    const target = next?.isConnected ? next.querySelector('input, select, button, .cm-content') : null;
    (target ?? fallback)?.focus();
  };
}

/** Focus on a field with its text selected, so typing replaces a placeholder. */
export function focusAndSelect(input) {
  if (!input) return;
  input.focus();
  input.select();
}
