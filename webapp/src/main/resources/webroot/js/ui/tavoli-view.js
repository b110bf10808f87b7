import { api } from '../api.js';
import { t } from '../i18n.js';
import { $, el, clear } from './dom.js';

export async function showTavoli() {
  const list = clear($('#tavoli-list'));
  const empty = $('#tavoli-empty');
  empty.hidden = true;
  let tavoli;
  try {
    tavoli = await api('GET', '/api/tavoli');
  } catch (e) {
    list.append(el('li', { class: 'alert alert-danger', role: 'alert', text: t('tavoli.loadFailed', { message: e.message }) }));
    return;
  }
  empty.hidden = tavoli.length > 0;
  for (const tavolo of tavoli) {
    const docs = el('ul', { class: 'list-unstyled mb-0' });
    for (const doc of tavolo.documents ?? []) {
      docs.append(el('li', null,
        el('a', { href: `#/doc/${encodeURIComponent(tavolo.id)}/${encodeURIComponent(doc.id)}`, class: 'doc-link', text: doc.title })));
    }
    list.append(el('li', { class: 'tavolo-card', dataset: { tavolo: tavolo.id } },
      el('h2', { class: 'h4', text: tavolo.title }),
      tavolo.ente_proponente || tavolo.enteProponente ? el('p', { class: 'text-muted mb-2', text: tavolo.ente_proponente ?? tavolo.enteProponente }) : null,
      el('h3', { class: 'h6', text: t('tavoli.documents') }),
      docs));
  }
}
