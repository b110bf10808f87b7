// The "Sedute" part of a tavolo's page: its meetings, and the form a coordinator plans one with.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from '../ui/dom.js';
import { dateTime, localInputToIso } from './format.js';

let box = null;

function field(id, labelKey, input) {
  return el('div', { class: 'form-group' }, el('label', { for: id, class: 'active', text: t(labelKey) }), input);
}

function build() {
  const list = el('ul', { id: 'sedute-list', class: 'list-unstyled tv-sedute-list' });
  const form = el('form', { id: 'new-seduta-form', class: 'mt-3', novalidate: true });
  box = el('section', { id: 'sedute-box', class: 'mt-4', 'aria-labelledby': 'sedute-title' },
    el('h2', { id: 'sedute-title', class: 'h4', text: t('sedute.title') }),
    el('p', { id: 'sedute-empty', text: t('sedute.empty'), hidden: true }),
    list,
    el('details', { id: 'new-seduta', class: 'tv-new-seduta', hidden: true },
      el('summary', { text: t('sedute.plan') }), form),
    el('div', { id: 'calendar-feed', class: 'mt-3', hidden: true }));
  const docs = $('#tavolo-docs');
  docs.after(box);
}

function buildForm(tavolo) {
  const form = clear($('#new-seduta-form'));
  const mode = el('select', { id: 'ns-mode', class: 'form-select' },
    ...['ibrida', 'in_presenza', 'online'].map(m => el('option', { value: m, text: t(`seduta.mode.${m}`) })));
  form.append(
    field('ns-title', 'seduta.field.title', el('input', { id: 'ns-title', type: 'text', class: 'form-control', required: true, maxlength: 200 })),
    field('ns-starts', 'seduta.field.startsAt', el('input', { id: 'ns-starts', type: 'datetime-local', class: 'form-control', required: true })),
    el('div', { class: 'tv-field tv-select mb-3' }, el('label', { for: 'ns-mode', class: 'tv-select-label', text: t('seduta.field.mode') }), mode),
    field('ns-place', 'seduta.field.place', el('input', { id: 'ns-place', type: 'text', class: 'form-control', maxlength: 300 })),
    field('ns-call', 'seduta.field.callUrl', el('input', { id: 'ns-call', type: 'url', class: 'form-control', maxlength: 2000, placeholder: 'https://' })),
    el('div', { class: 'form-group' },
      el('label', { for: 'ns-agenda', class: 'active', text: t('seduta.field.agenda') }),
      el('textarea', { id: 'ns-agenda', class: 'form-control', rows: 4, 'aria-describedby': 'ns-agenda-help' }),
      el('small', { id: 'ns-agenda-help', class: 'form-text', text: t('seduta.field.agendaHelp') })),
    el('fieldset', { class: 'mb-3' }, el('legend', { class: 'h6', text: t('seduta.field.documents') }),
      ...(tavolo.documents ?? []).map(d => el('div', { class: 'form-check' },
        el('input', { class: 'form-check-input', type: 'checkbox', id: `ns-doc-${d.id}`, value: d.id, checked: true, dataset: { doc: d.id } }),
        el('label', { class: 'form-check-label', for: `ns-doc-${d.id}`, text: d.title })))),
    el('div', { class: 'form-check mb-3' },
      el('input', { class: 'form-check-input', type: 'checkbox', id: 'ns-convene', 'aria-describedby': 'ns-convene-help' }),
      el('label', { class: 'form-check-label', for: 'ns-convene', text: t('seduta.field.convene') }),
      el('small', { id: 'ns-convene-help', class: 'form-text d-block', text: t('seduta.field.conveneHelp') })),
    el('div', { id: 'new-seduta-error', class: 'alert alert-danger', role: 'alert', hidden: true }),
    el('button', { type: 'submit', class: 'btn btn-primary', id: 'ns-submit', text: t('sedute.create') }));
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const err = $('#new-seduta-error');
    err.hidden = true;
    const body = {
      title: $('#ns-title').value,
      startsAt: localInputToIso($('#ns-starts').value),
      mode: mode.value,
      place: $('#ns-place').value || null,
      callUrl: $('#ns-call').value || null,
      agenda: $('#ns-agenda').value.split('\n').map(s => s.trim()).filter(Boolean),
      documents: [...form.querySelectorAll('input[data-doc]:checked')].map(i => i.value),
      convene: $('#ns-convene').checked,
    };
    try {
      const s = await api('POST', `/api/tavoli/${encodeURIComponent(tavolo.id)}/sedute`, body);
      announce(t('sedute.created'));
      location.hash = `#/seduta/${encodeURIComponent(tavolo.id)}/${encodeURIComponent(s.id)}`;
    } catch (e) {
      err.textContent = t('seduta.failed', { message: errorText(e, 'seduta') });
      err.hidden = false;
    }
  };
}

/** Fills the tavolo page's sedute part (called after the tavolo page is shown). */
export async function showTavoloSedute(tavoloId) {
  if (!box) build();
  let tavolo;
  let sedute;
  try {
    [tavolo, sedute] = await Promise.all([
      api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}`),
      api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/sedute`),
    ]);
  } catch {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $('#sedute-title').textContent = t('sedute.title');
  const list = clear($('#sedute-list'));
  $('#sedute-empty').textContent = t('sedute.empty');
  $('#sedute-empty').hidden = sedute.length > 0;
  for (const s of sedute) {
    list.append(el('li', { class: 'tv-seduta-item', dataset: { seduta: s.id, state: s.state } },
      el('a', { href: `#/seduta/${encodeURIComponent(tavoloId)}/${encodeURIComponent(s.id)}`, class: 'seduta-link', text: s.title }),
      ' ',
      el('span', { class: `badge tv-state tv-state-${s.state}`, text: t(`seduta.state.${s.state}`) }),
      el('div', { class: 'small text-muted', text: `${dateTime(s.startsAt)} · ${t(`seduta.mode.${s.mode}`)}` })));
  }
  const coordinator = tavolo.role === 'coordinator';
  const details = $('#new-seduta');
  details.hidden = !coordinator;
  details.querySelector('summary').textContent = t('sedute.plan');
  if (coordinator) buildForm(tavolo);
  buildFeed(tavoloId, coordinator);
}

/**
 * The tavolo's calendar feed (coordinators): a secret address calendar apps subscribe to; a
 * new one replaces the old, "Revoca" ends it. The address is shown once, when made.
 */
function buildFeed(tavoloId, coordinator) {
  const feed = clear($('#calendar-feed'));
  feed.hidden = !coordinator;
  if (!coordinator) return;
  const out = el('div', { class: 'mt-2', hidden: true },
    el('label', { for: 'calendar-feed-url', class: 'form-label small', text: t('sedute.feedUrl') }),
    el('input', { id: 'calendar-feed-url', type: 'text', class: 'form-control form-control-sm', readonly: true }));
  const run = async (method) => {
    try {
      if (method === 'POST') {
        const r = await api('POST', `/api/tavoli/${encodeURIComponent(tavoloId)}/calendar-feed`);
        $('#calendar-feed-url').value = r.url;
        out.hidden = false;
        announce(t('sedute.feedMade'));
      } else {
        await api('DELETE', `/api/tavoli/${encodeURIComponent(tavoloId)}/calendar-feed`);
        out.hidden = true;
        announce(t('sedute.feedRevoked'));
      }
    } catch (e) {
      announce(errorText(e), { error: true });
    }
  };
  feed.append(
    el('h3', { class: 'h6', text: t('sedute.feed') }),
    el('p', { class: 'small', text: t('sedute.feedHelp') }),
    el('button', { type: 'button', id: 'calendar-feed-make', class: 'btn btn-sm btn-outline-primary me-2', text: t('sedute.feedMake'), onclick: () => run('POST') }),
    el('button', { type: 'button', id: 'calendar-feed-revoke', class: 'btn btn-sm btn-outline-secondary', text: t('sedute.feedRevoke'), onclick: () => run('DELETE') }),
    out);
}
