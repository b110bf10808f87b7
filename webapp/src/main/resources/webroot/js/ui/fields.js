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

/** A labelled text input; onCommit(value) on change. */
export function textInput({ label, value, readOnly, onCommit, cls, maxLength = 300 }) {
  const id = uid('f');
  const input = el('input', { type: 'text', id, class: `form-control ${cls ?? ''}`, maxlength: maxLength, readonly: readOnly });
  input.value = value ?? '';
  input.addEventListener('input', () => { input.dataset.dirty = 'true'; });
  input.addEventListener('change', () => { input.dataset.dirty = 'false'; onCommit(input.value); });
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

/** Move up / move down / delete buttons for one entity. */
export function entityActions({ name, onUp, onDown, onDelete, readOnly }) {
  if (readOnly) return el('div', { class: 'tv-actions' });
  const btn = (cls, text, aria, fn) => el('button', {
    type: 'button', class: `btn btn-sm ${cls}`, 'aria-label': aria, title: aria, onclick: fn,
  }, text);
  return el('div', { class: 'tv-actions' },
    btn('btn-outline-secondary', '↑', t('action.moveUp', { name }), onUp),
    btn('btn-outline-secondary', '↓', t('action.moveDown', { name }), onDown),
    btn('btn-outline-danger', t('action.delete'), t('action.deleteNamed', { name }), onDelete));
}
