// "I miei tavoli": the caller's tavoli with their documents; PA users can open a new one.
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from './dom.js';

let formReady = false;

export async function showTavoli() {
  setupForm();
  $('#new-tavolo').hidden = (session.user?.side ?? session.user?.organisation?.side) !== 'PA';
  const list = clear($('#tavoli-list'));
  const empty = $('#tavoli-empty');
  empty.hidden = true;
  let tavoli;
  try {
    tavoli = await api('GET', '/api/tavoli');
  } catch (e) {
    list.append(el('li', { class: 'alert alert-danger', role: 'alert', text: t('tavoli.loadFailed', { message: errorText(e) }) }));
    return;
  }
  empty.hidden = tavoli.length > 0;
  for (const tavolo of tavoli) {
    const docs = el('ul', { class: 'list-unstyled mb-2' });
    for (const doc of tavolo.documents ?? []) {
      docs.append(el('li', null,
        el('a', { href: `#/doc/${encodeURIComponent(tavolo.id)}/${encodeURIComponent(doc.id)}`, class: 'doc-link', text: doc.title }),
        doc.locked ? el('span', { class: 'badge tv-role ms-2', text: t('tavoli.locked') }) : null));
    }
    list.append(el('li', { class: 'tavolo-card', dataset: { tavolo: tavolo.id } },
      el('h2', { class: 'h4' }, el('a', { href: `#/tavolo/${encodeURIComponent(tavolo.id)}`, text: tavolo.title })),
      el('p', { class: 'text-muted mb-2', text: [tavolo.enteProponente, tavolo.ambito, tavolo.role ? t(`role.${tavolo.role}`) : null].filter(Boolean).join(' · ') }),
      el('h3', { class: 'h6', text: t('tavoli.documents') }),
      docs));
  }
}

function setupForm() {
  if (formReady) return;
  formReady = true;
  $('#new-tavolo-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const error = $('#new-tavolo-error');
    error.hidden = true;
    const body = { title: $('#nt-title').value.trim(), phase: $('#nt-phase').value };
    if ($('#nt-ente').value.trim()) body.enteProponente = $('#nt-ente').value.trim();
    if ($('#nt-ambito').value.trim()) body.ambito = $('#nt-ambito').value.trim();
    if (!body.title) { error.textContent = t('tavoli.titleRequired'); error.hidden = false; $('#nt-title').focus(); return; }
    try {
      const tavolo = await api('POST', '/api/tavoli', body);
      announce(t('tavoli.created'));
      ev.target.reset();
      location.hash = `#/tavolo/${encodeURIComponent(tavolo.id)}`;
    } catch (e) {
      error.textContent = t('tavoli.createFailed', { message: errorText(e) });
      error.hidden = false;
    }
  });
}
