// The avviso's note for a section or an objective of a document started from a schema di
// progetto ("Cosa chiede l'avviso: …"), shown above its text while the text is empty.
import { el } from './dom.js';
import { t } from '../i18n.js';

/** The (hidden) note element for one entity. */
export function guidanceNote(coll, id) {
  return el('p', { class: 'tv-guidance small', id: `guidance-${coll}-${id}`, hidden: true });
}

/** Shows the note while `entity[field]` is empty and the document has a note for it. */
export function showGuidance(note, ctx, coll, entity, field) {
  const text = ctx.guidance?.[coll]?.[entity.id];
  const show = !!text && !(entity[field] ?? '').length;
  note.hidden = !show;
  if (show && note.dataset.note !== text) {
    note.dataset.note = text;
    note.replaceChildren(el('strong', { text: `${t('sections.guidance')} ` }), text);
  }
}
