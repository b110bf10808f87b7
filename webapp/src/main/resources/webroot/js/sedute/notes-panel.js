// The verbale's notes (issue 19): the notes are a document of their own, one section per
// agenda item, written live on the document page by the segretario verbalizzante and the
// writers a coordinator names; here: who writes, the link to the notes, and the interventi,
// riserve and dichiarazioni a verbale. While the seduta runs the entries are the notes'
// document's `interventi`, read and written here over /ws with the draft's engine (the same
// ops, acks and resends), so everyone sees an entry the moment it is written. Built on the
// first render and after each change (not on every poll, so a half-typed entry is never
// lost). User text only through textContent.
import { api, freshToken } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { el, clear, announce } from '../ui/dom.js';
import { CollabClient, randomId } from '../engine/client.js';

const KINDS = ['intervento', 'riserva', 'dichiarazione'];

/** Closes the live connection of a notes panel (leaving the page, or building it again). */
export function stopNotes(body) {
  body?.notesClient?.close();
  if (body) body.notesClient = null;
}

/** The entries of the notes' document, in their order, as the API shows them. */
function liveEntries(doc) {
  const list = [...(doc?.collections.interventi ?? new Map())].map(([id, f]) => ({
    id, itemId: f.item, kind: f.kind, speakerName: f.speaker || '—', organisation: f.organisation || null, text: f.text, order: f.order,
  }));
  return list.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function entriesList(box, entries, agenda) {
  clear(box);
  if (!entries.length) return;
  box.append(el('h3', { class: 'h6 mt-3', id: 'entries-title', text: t('notes.entries') }),
    el('ul', { id: 'entries-list', 'aria-labelledby': 'entries-title', 'aria-live': 'polite' }, ...entries.map(e => {
      const i = (agenda ?? []).find(a => a.id === e.itemId);
      return el('li', { 'data-entry': e.id }, el('span', { class: 'badge bg-secondary', text: t(`notes.kind.${e.kind}`) }), ' ',
        i ? `${i.position + 1}. ` : '', el('strong', { text: e.speakerName }), e.organisation ? ` (${e.organisation})` : '', ': ', e.text);
    })));
}

export async function renderNotes(body, base, tavoloId, seduta, coordinator, status) {
  stopNotes(body);
  const fail = (e) => status(t('seduta.failed', { message: errorText(e, 'seduta') }));
  let notes, members;
  try {
    [notes, members] = await Promise.all([api('GET', `${base}/notes`),
      api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/members`).catch(() => [])]);
  } catch (e) { fail(e); return; }
  const again = () => renderNotes(body, base, tavoloId, seduta, coordinator, status);
  clear(body);
  const closed = seduta.state === 'closed';
  if (notes.docId) {
    body.append(el('p', null, t('notes.secretary'), ' ', el('strong', { text: notes.secretary.name }),
      notes.writers.length ? ` · ${t('notes.writers')} ${notes.writers.map(w => w.name).join(', ')}` : ''),
    el('p', null, el('a', { id: 'notes-open', class: 'btn btn-outline-primary btn-sm', href: `#/doc/${tavoloId}/${notes.docId}`,
      text: notes.canWrite ? t('notes.write') : t('notes.read') })));
  } else {
    body.append(el('p', { class: 'small', text: t('notes.none') }));
  }
  const writersCanBe = members.filter(m => m.role !== 'observer');
  if (coordinator && !closed) {
    const sec = el('select', { id: 'notes-secretary', class: 'form-select' },
      ...writersCanBe.map(m => el('option', { value: m.userId, text: m.name, selected: notes.secretary?.id === m.userId })));
    const boxes = writersCanBe.map(m => el('div', { class: 'form-check' },
      el('input', { type: 'checkbox', class: 'form-check-input', id: `notes-w-${m.userId}`, value: m.userId,
        checked: notes.writers.some(w => w.id === m.userId) }),
      el('label', { class: 'form-check-label', for: `notes-w-${m.userId}`, text: m.name })));
    const form = el('form', { id: 'notes-setup' },
      el('label', { for: 'notes-secretary', text: t('notes.secretaryLabel') }), sec,
      el('fieldset', { class: 'mt-2' }, el('legend', { class: 'h6', text: t('notes.writersLabel') }), ...boxes),
      el('button', { type: 'submit', class: 'btn btn-secondary btn-sm', text: t('notes.setUp') }));
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      const writers = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
      try { await api('PUT', `${base}/notes`, { secretary: sec.value, writers }); announce(t('notes.saved')); await again(); } catch (e) { fail(e); }
    };
    body.append(form);
  }
  if (notes.canWrite && !closed) {
    const item = el('select', { id: 'entry-item', class: 'form-select' },
      ...(seduta.agenda ?? []).map(i => el('option', { value: i.id, text: `${i.position + 1}. ${i.title}` })));
    const kind = el('select', { id: 'entry-kind', class: 'form-select' }, ...KINDS.map(k => el('option', { value: k, text: t(`notes.kind.${k}`) })));
    const speaker = el('select', { id: 'entry-speaker', class: 'form-select' },
      el('option', { value: '', text: t('notes.otherSpeaker') }), ...members.map(m => el('option', { value: m.userId, text: m.name })));
    const name = el('input', { id: 'entry-name', type: 'text', class: 'form-control', maxlength: 200 });
    const org = el('input', { id: 'entry-org', type: 'text', class: 'form-control', maxlength: 200 });
    const text = el('textarea', { id: 'entry-text', class: 'form-control', rows: 2, maxlength: 2000, required: true });
    const form = el('form', { id: 'entry-form', class: 'mt-3' },
      el('h3', { class: 'h6', text: t('notes.addEntry') }),
      el('label', { for: 'entry-item', text: t('notes.item') }), item,
      el('label', { for: 'entry-kind', text: t('notes.kindLabel') }), kind,
      el('label', { for: 'entry-speaker', text: t('notes.speaker') }), speaker,
      el('label', { for: 'entry-name', text: t('notes.speakerName') }), name,
      el('label', { for: 'entry-org', text: t('notes.organisation') }), org,
      el('label', { for: 'entry-text', text: t('notes.text') }), text,
      el('button', { type: 'submit', class: 'btn btn-secondary btn-sm mt-1', text: t('notes.addButton') }));
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      if (!text.value.trim()) return;
      const m = members.find(x => x.userId === speaker.value);
      if (!m && !name.value.trim()) { status(t('notes.speakerName')); name.focus(); return; }
      const c = body.notesClient;
      if (c?.doc && c.you?.role && c.you.role !== 'observer') {
        // the draft's engine: applied here at once, sent, acknowledged or resent after a reconnect
        const fields = {
          order: `t${String(Date.now()).padStart(13, '0')}`, item: item.value, kind: kind.value,
          speaker: m ? m.name : name.value.trim(), speakerUser: m ? m.userId : '',
          organisation: m ? (m.organisation?.name ?? '') : org.value.trim(), text: text.value.trim(),
        };
        try { c.submit([{ op: 'create', coll: 'interventi', id: randomId(), fields }]); } catch (e) { fail(e); return; }
        text.value = '';
        announce(t('notes.entryAdded'));
        return;
      }
      const b = { itemId: item.value, kind: kind.value, text: text.value };
      if (m) b.speakerUserId = m.userId; else { b.speakerName = name.value; if (org.value) b.organisation = org.value; }
      try { await api('POST', `${base}/notes/entries`, b); announce(t('notes.entryAdded')); await again(); } catch (e) { fail(e); }
    };
    body.append(form);
  }
  const box = el('div', { id: 'entries-box' });
  body.append(box);
  entriesList(box, notes.entries, seduta.agenda);
  if (notes.docId && !closed) {
    // live: everyone in the tavolo reads the notes' document (writers also write it)
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const c = new CollabClient({ url: `${proto}//${location.host}/ws?tavolo=${encodeURIComponent(tavoloId)}`,
      token: () => freshToken(), docId: notes.docId });
    body.notesClient = c;
    const show = () => {
      if (!body.isConnected) { stopNotes(body); return; }
      entriesList(box, liveEntries(c.doc), seduta.agenda);
      body.dataset.live = c.you?.role ?? '';
    };
    for (const ev of ['snapshot', 'remote', 'ack', 'rejected', 'welcome']) c.on(ev, show);
    c.on('rejected', (e) => fail({ code: e.code }));
    // named (or no longer) a writer while here: the server closes the connection at once and the
    // client rejoins with the new role; the form follows
    let redrawn = false;
    c.on('welcome', (m) => {
      const writes = !!m.you?.role && m.you.role !== 'observer';
      if (writes !== !!notes.canWrite && !redrawn && body.notesClient === c) { redrawn = true; again(); }
    });
    c.connect();
  }
}
