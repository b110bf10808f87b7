// Recent changes: who changed what, when. Consecutive edits by one person to one entity are
// one line (typing makes many small batches); new lines are also told to screen readers.
import { el } from './dom.js';
import { t, currentLang } from '../i18n.js';
import { announce } from './dom.js';
import { colourIndex } from './colors.js';

const MAX = 40;
const MERGE_MS = 60_000;

export class ChangesPanel {
  constructor(list, people) {
    this.list = list;
    this.people = people;
    this.entries = [];
    this.list.replaceChildren(el('li', { class: 'tv-change-empty', text: t('changes.empty') }));
  }

  /** e: {ops, author, seq}; doc: the document after the change. */
  add(e, doc, { quiet = false } = {}) {
    if (!e.ops?.length) return;
    const op = e.ops[0];
    const what = describe(op, doc);
    const target = `${op.coll}/${op.id}/${op.op === 'text' || op.op === 'set' ? op.field : op.op}`;
    const now = Date.now();
    const last = this.entries[0];
    if (last && last.author === e.author && last.target === target && now - last.at < MERGE_MS) {
      last.at = now;
      const text = time(now);
      if (last.timeEl.textContent !== text) last.timeEl.textContent = text;
      return;
    }
    const name = this.people.nameOf(e.author);
    const timeEl = el('time', { datetime: new Date(now).toISOString(), class: 'tv-change-time', text: time(now) });
    const more = (e.ops.length > 1 ? t('changes.more', { count: e.ops.length - 1 }) : '')
      + (e.client?.startsWith('integration:') ? t('changes.viaIntegration') : e.client?.startsWith('restore:') ? t('changes.viaRestore') : '');
    const item = el('li', { class: `tv-change c${colourIndex(e.author)}` },
      el('span', { class: 'tv-dot', 'aria-hidden': 'true' }),
      el('span', { class: 'tv-change-who', text: name }), ' ',
      el('span', { class: 'tv-change-what', text: what + more }), ' ',
      timeEl);
    this.list.querySelector('.tv-change-empty')?.remove();
    this.list.prepend(item);
    this.entries.unshift({ author: e.author, target, at: now, timeEl, item });
    while (this.entries.length > MAX) this.entries.pop().item.remove();
    if (!quiet) announce(`${name} ${what}`);
  }
}

function time(ms) {
  return new Date(ms).toLocaleTimeString(currentLang() === 'it' ? 'it-IT' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

function describe(op, doc) {
  const entity = doc?.get(op.coll, op.id);
  const name = entity?.title || entity?.description || t(`coll.${op.coll}`);
  const field = op.field ? t(`field.${op.coll}.${op.field}`) : '';
  switch (op.op) {
    case 'create': return t('changes.create', { kind: t(`coll.${op.coll}`), name });
    case 'delete': return t('changes.delete', { kind: t(`coll.${op.coll}`) });
    case 'move': return t('changes.move', { name });
    case 'set': return t('changes.set', { field, name });
    case 'text': return t('changes.text', { field, name });
    default: return '';
  }
}
