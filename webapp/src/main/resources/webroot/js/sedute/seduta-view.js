// One seduta: when and where, the agenda with the item in discussion and its decisions, the
// attendance register, the viewer link, and the verbale once closed. Coordinators run it from
// here; while it is open the page refreshes itself every few seconds.
import { api, session, freshToken } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from '../ui/dom.js';
import { dateTime, time, safeCallUrl, download } from './format.js';
import { RegisterPanel } from './register-panel.js';
import { renderReview } from './verbale-review.js';
import { renderNotes, stopNotes } from './notes-panel.js';

const POLL_OPEN_MS = 4000;
const POLL_PLANNED_MS = 15000;

let current = null;

export async function showSeduta(root, tavoloId, sedutaId) {
  if (current && current.sedutaId === sedutaId) { await current.refresh(); return; }
  closeSeduta();
  current = new SedutaView(root, tavoloId, sedutaId);
  await current.start();
}

export function closeSeduta() {
  if (current) { current.stop(); current = null; }
}

class SedutaView {
  constructor(root, tavoloId, sedutaId) {
    this.root = root;
    this.tavoloId = tavoloId;
    this.sedutaId = sedutaId;
    this.timer = null;
    this.base = `/api/sedute/${encodeURIComponent(sedutaId)}`;
  }

  async start() {
    this.build();
    await this.refresh();
  }

  stop() {
    clearTimeout(this.timer);
    stopNotes(this.root.querySelector('#notes-body'));
  }

  build() {
    const r = clear(this.root);
    const tavoloHref = `#/tavolo/${encodeURIComponent(this.tavoloId)}`;
    r.append(
      el('nav', { 'aria-label': t('nav.breadcrumb'), class: 'breadcrumb-container' },
        el('ol', { class: 'breadcrumb' },
          el('li', { class: 'breadcrumb-item' }, el('a', { href: '#/tavoli', text: t('tavoli.title') })),
          el('li', { class: 'breadcrumb-item' }, el('span', { class: 'separator', 'aria-hidden': 'true', text: '/' }),
            el('a', { id: 'seduta-tavolo-link', href: tavoloHref, text: t('seduta.backToTavolo') })))),
      el('h1', { id: 'seduta-title', class: 'h2', tabindex: '-1' }),
      el('p', { id: 'seduta-meta', class: 'tv-seduta-meta' }),
      el('div', { id: 'seduta-where', class: 'tv-seduta-where' }),
      el('div', { id: 'seduta-actions', class: 'tv-seduta-actions', role: 'group', 'aria-label': t('seduta.actions') }),
      el('div', { id: 'seduta-status', class: 'small', role: 'status', 'aria-live': 'polite' }),
      el('div', { class: 'row' },
        el('div', { class: 'col-lg-7' },
          el('section', { 'aria-labelledby': 'agenda-title' },
            el('h2', { id: 'agenda-title', class: 'h4 mt-4', text: t('seduta.agenda') }),
            el('ol', { id: 'agenda-list', class: 'tv-agenda list-unstyled' }),
            el('form', { id: 'decision-form', class: 'tv-decision-form', hidden: true })),
          el('section', { 'aria-labelledby': 'record-title' },
            el('h2', { id: 'record-title', class: 'h4 mt-4', text: t('seduta.record') }),
            el('div', { id: 'record-lists' }))),
        el('div', { class: 'col-lg-5' },
          el('section', { 'aria-labelledby': 'docs-title' },
            el('h2', { id: 'docs-title', class: 'h4 mt-4', text: t('seduta.documents') }),
            el('ul', { id: 'seduta-docs', class: 'list-unstyled' })),
          el('section', { id: 'viewer-box', 'aria-labelledby': 'viewer-title', hidden: true },
            el('h2', { id: 'viewer-title', class: 'h4 mt-4', text: t('seduta.viewer') }),
            el('p', { class: 'small', text: t('seduta.viewerHelp') }),
            el('div', { id: 'viewer-body' })),
          el('section', { id: 'notes-box', 'aria-labelledby': 'notes-title' },
            el('h2', { id: 'notes-title', class: 'h4 mt-4', text: t('notes.title') }),
            el('div', { id: 'notes-body' })),
          el('section', { id: 'verbale-box', 'aria-labelledby': 'verbale-title', hidden: true },
            el('h2', { id: 'verbale-title', class: 'h4 mt-4', text: t('seduta.verbale') }),
            el('div', { id: 'verbale-body' })))),
      el('section', { id: 'attendance-box', 'aria-labelledby': 'attendance-title' },
        el('h2', { id: 'attendance-title', class: 'h4 mt-4', text: t('attendance.title') }),
        el('div', { id: 'attendance-body' })));
    this.register = new RegisterPanel($('#attendance-body', r), this.base, () => this.refresh(), this.tavoloId);
    this.buildDecisionForm();
  }

  buildDecisionForm() {
    const form = $('#decision-form', this.root);
    const select = el('select', { id: 'decision-item', class: 'form-select' });
    const text = el('textarea', { id: 'decision-text', class: 'form-control', rows: 3, maxlength: 4000, required: true });
    form.append(
      el('h3', { class: 'h5', text: t('decision.record') }),
      el('div', { class: 'tv-field tv-select mb-2' }, el('label', { for: 'decision-item', class: 'tv-select-label', text: t('decision.item') }), select),
      el('div', { class: 'form-group' }, el('label', { for: 'decision-text', class: 'active', text: t('decision.text') }), text),
      el('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'decision-submit', text: t('decision.add') }));
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      if (!text.value.trim()) return;
      try {
        const s = await api('POST', `${this.base}/agenda/${encodeURIComponent(select.value)}/decisions`, { text: text.value });
        text.value = '';
        announce(t('decision.added'));
        this.render(s);
      } catch (e) {
        this.status(t('seduta.failed', { message: errorText(e, 'seduta') }));
      }
    };
  }

  status(message) {
    $('#seduta-status', this.root).textContent = message;
  }

  async refresh() {
    clearTimeout(this.timer);
    let s;
    try {
      // attend: having the seduta's page open while it runs is taking part (the register
      // records it once; the coordinator may run the whole seduta from here)
      s = await api('GET', `${this.base}?attend=true`);
    } catch (e) {
      $('#seduta-title', this.root).textContent = t('seduta.notFound');
      return;
    }
    if (!this.role) {
      try {
        const tavolo = await api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}`);
        this.role = tavolo.role;
        this.tavoloTitle = tavolo.title;
      } catch { this.role = 'observer'; }
    }
    this.render(s);
    if (s.state !== 'closed') {
      this.timer = setTimeout(() => this.refresh(), s.state === 'open' ? POLL_OPEN_MS : POLL_PLANNED_MS);
    }
  }

  get coordinator() { return this.role === 'coordinator'; }

  render(s) {
    // the notes: on the first render and when the state changes (not on every poll)
    if (this.notesState !== `${s.state}/${this.role}` && this.role && session.token) {
      this.notesState = `${s.state}/${this.role}`;
      renderNotes($('#notes-body', this.root), this.base, this.tavoloId, s, this.role === 'coordinator', (m) => this.status(m));
    }
    this.seduta = s;
    const r = this.root;
    r.dataset.state = s.state;
    r.dataset.seduta = s.id;
    $('#seduta-tavolo-link', r).textContent = this.tavoloTitle ?? t('seduta.backToTavolo');
    $('#seduta-title', r).textContent = s.title;
    const meta = clear($('#seduta-meta', r));
    meta.append(el('span', { class: `badge tv-state tv-state-${s.state}`, id: 'seduta-state', text: t(`seduta.state.${s.state}`) }), ' ',
      dateTime(s.startsAt), ' · ', t(`seduta.mode.${s.mode}`));
    if (s.openedAt) meta.append(' · ', t('seduta.openedAt', { time: time(s.openedAt) }));
    if (s.closedAt) meta.append(' · ', t('seduta.closedAt', { time: time(s.closedAt) }));
    this.renderWhere(s);
    this.renderActions(s);
    this.renderAgenda(s);
    this.renderDocs(s);
    this.renderRecord(s);
    this.renderViewer(s);
    this.renderVerbale(s);
    this.register.show(s.state, this.coordinator);
    r.dataset.ready = 'true';
  }

  renderWhere(s) {
    const where = clear($('#seduta-where', this.root));
    if (s.place) where.append(el('p', null, el('strong', { text: `${t('seduta.field.place')}: ` }), s.place));
    if (s.callUrl) {
      const href = safeCallUrl(s.callUrl);
      where.append(el('p', null, el('strong', { text: `${t('seduta.field.callUrl')}: ` }),
        href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer external', id: 'seduta-call-link', text: s.callUrl,
          'aria-label': t('seduta.callLinkLabel', { url: s.callUrl }) }) : el('span', { text: s.callUrl })));
    }
  }

  renderActions(s) {
    const box = clear($('#seduta-actions', this.root));
    const firstDoc = s.documents?.[0];
    if (firstDoc) {
      box.append(el('a', { class: 'btn btn-outline-primary btn-sm', id: 'seduta-present',
        href: `#/presenta/${encodeURIComponent(this.tavoloId)}/${encodeURIComponent(s.id)}/${encodeURIComponent(firstDoc.id)}`,
        text: t('seduta.present') }));
    }
    if (!this.coordinator) return;
    if (s.state === 'planned') {
      box.append(el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'seduta-open', text: t('seduta.open'),
        onclick: () => this.act('open', t('seduta.opened')) }));
    }
    if (s.state === 'open') {
      box.append(el('button', { type: 'button', class: 'btn btn-danger btn-sm', id: 'seduta-close', text: t('seduta.close'),
        onclick: () => { if (confirm(t('seduta.closeConfirm'))) this.act('close', t('seduta.closed')); } }));
    }
  }

  async act(action, done) {
    try {
      const s = await api('POST', `${this.base}/${action}`);
      announce(done);
      this.status(done);
      this.render(s);
      if (s.state === 'open' && action === 'open') {
        await this.refresh(); // records the coordinator at once, then polls
      } else if (s.state !== 'closed') {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refresh(), POLL_OPEN_MS);
      }
    } catch (e) {
      this.status(t('seduta.failed', { message: errorText(e, 'seduta') }));
    }
  }

  renderAgenda(s) {
    const list = clear($('#agenda-list', this.root));
    for (const item of s.agenda) {
      // A closed seduta keeps its last item on record, but nothing is in discussion any more.
      const isCurrent = s.state === 'open' && item.id === s.currentItem;
      const li = el('li', { class: `tv-agenda-item${isCurrent ? ' tv-current' : ''}`, dataset: { item: item.id },
        'aria-current': isCurrent ? 'step' : null },
        el('div', { class: 'tv-agenda-head' },
          el('span', { class: 'tv-agenda-number', text: `${item.position + 1}.` }),
          el('span', { class: 'tv-agenda-title', text: item.title }),
          isCurrent ? el('span', { class: 'badge tv-now', text: t('agenda.current') }) : null),
        item.notes ? el('p', { class: 'tv-agenda-notes small', text: item.notes }) : null);
      if (item.decisions.length) {
        li.append(el('ul', { class: 'tv-decisions' }, ...item.decisions.map(d => el('li', { class: 'tv-decision', dataset: { decision: d.id } },
          el('span', { text: d.text }), ' ',
          el('span', { class: 'small text-muted', text: t('decision.by', { name: d.recordedBy?.name ?? '', time: time(d.recordedAt) }) })))));
      }
      if (this.coordinator && s.state === 'open' && !isCurrent) {
        li.append(el('button', { type: 'button', class: 'btn btn-outline-primary btn-xs tv-discuss', dataset: { item: item.id },
          text: t('agenda.discuss'), 'aria-label': t('agenda.discussItem', { title: item.title }),
          onclick: async () => {
            try { this.render(await api('POST', `${this.base}/current`, { itemId: item.id })); announce(t('agenda.moved', { title: item.title })); } catch (e) { this.status(t('seduta.failed', { message: errorText(e, 'seduta') })); }
          } }));
      }
      list.append(li);
    }
    if (!s.agenda.length) list.append(el('li', { class: 'text-muted', text: t('agenda.empty') }));
    const form = $('#decision-form', this.root);
    form.hidden = !(this.coordinator && s.state === 'open' && s.agenda.length);
    if (!form.hidden) {
      const select = $('#decision-item', form);
      const keep = select.value;
      clear(select).append(...s.agenda.map(i => el('option', { value: i.id, text: `${i.position + 1}. ${i.title}` })));
      select.value = s.agenda.some(i => i.id === keep) && this.lastCurrent === s.currentItem ? keep : (s.currentItem ?? s.agenda[0].id);
      this.lastCurrent = s.currentItem;
    }
  }

  renderDocs(s) {
    const list = clear($('#seduta-docs', this.root));
    for (const d of s.documents ?? []) {
      list.append(el('li', null,
        el('a', { href: `#/doc/${encodeURIComponent(this.tavoloId)}/${encodeURIComponent(d.id)}`, text: d.title }), ' · ',
        el('a', { href: `#/presenta/${encodeURIComponent(this.tavoloId)}/${encodeURIComponent(s.id)}/${encodeURIComponent(d.id)}`,
          class: 'small', text: t('seduta.presentDoc') })));
    }
  }

  renderRecord(s) {
    const box = clear($('#record-lists', this.root));
    if (s.state === 'planned') {
      box.append(el('p', { class: 'small text-muted', text: t('seduta.recordLater') }));
      return;
    }
    box.append(el('h3', { class: 'h6', text: t('seduta.integrations') }));
    box.append(s.integrations.length
      ? el('ul', { id: 'seduta-integrations' }, ...s.integrations.map(i => el('li', { text: t('seduta.integrationLine',
        { time: time(i.at), title: i.title, proposer: i.proposedBy ?? '', accepter: i.acceptedBy ?? '' }) })))
      : el('p', { class: 'small text-muted', text: t('seduta.noIntegrations') }));
    box.append(el('h3', { class: 'h6', text: t('seduta.versions') }));
    box.append(s.versions.length
      ? el('ul', { id: 'seduta-versions' }, ...s.versions.map(v => el('li', null,
        t('seduta.versionLine', { time: time(v.at), title: v.title, by: v.consolidatedBy ?? '' }), ' ',
        el('code', { class: 'small', text: v.sha256 }))))
      : el('p', { class: 'small text-muted', text: t('seduta.noVersions') }));
  }

  renderViewer(s) {
    const box = $('#viewer-box', this.root);
    box.hidden = !(this.coordinator && s.state !== 'closed');
    if (box.hidden) return;
    const body = $('#viewer-body', this.root);
    if (this.freshLink && s.viewerLink?.id === this.freshLink.id) return; // keep the URL on screen
    this.freshLink = null;
    clear(body);
    if (s.viewerLink) {
      body.append(el('p', { id: 'viewer-active', text: t('seduta.viewerActive', { time: time(s.viewerLink.createdAt) }) }));
    }
    body.append(
      el('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'viewer-create',
        text: s.viewerLink ? t('seduta.viewerReplace') : t('seduta.viewerCreate'), onclick: () => this.createLink() }),
      // Node.append would write a null as the text "null" (el() skips it, append does not).
      ...(s.viewerLink ? [el('button', { type: 'button', class: 'btn btn-outline-danger btn-sm ms-2', id: 'viewer-revoke',
        text: t('seduta.viewerRevoke'), onclick: () => this.revokeLink() })] : []));
  }

  async createLink() {
    try {
      const link = await api('POST', `${this.base}/viewer-link`);
      this.freshLink = link;
      const body = clear($('#viewer-body', this.root));
      const input = el('input', { id: 'viewer-url', type: 'text', class: 'form-control', readonly: true, value: link.url });
      body.append(
        el('label', { for: 'viewer-url', class: 'tv-select-label', text: t('seduta.viewerUrl') }),
        el('div', { class: 'tv-row' }, input,
          el('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', text: t('invite.copy'), onclick: async () => {
            input.select();
            try { await navigator.clipboard.writeText(link.url); } catch { /* selected: the user copies */ }
            announce(t('invite.copied'));
          } })),
        el('button', { type: 'button', class: 'btn btn-outline-danger btn-sm mt-2', id: 'viewer-revoke',
          text: t('seduta.viewerRevoke'), onclick: () => this.revokeLink() }));
      input.focus();
      input.select();
      announce(t('seduta.viewerCreated'));
    } catch (e) {
      this.status(t('seduta.failed', { message: errorText(e, 'seduta') }));
    }
  }

  async revokeLink() {
    try {
      await api('DELETE', `${this.base}/viewer-link`);
      this.freshLink = null;
      announce(t('seduta.viewerRevoked'));
      this.status(t('seduta.viewerRevoked'));
      await this.refresh();
    } catch (e) {
      this.status(t('seduta.failed', { message: errorText(e, 'seduta') }));
    }
  }

  renderVerbale(s) {
    const box = $('#verbale-box', this.root);
    box.hidden = s.state !== 'closed' || !s.verbale;
    if (box.hidden) return;
    // The review below loads on its own; until it has, the last one stays on screen (no blank
    // moment for a screen reader or a test waiting on it).
    const review = $('#verbale-review', this.root);
    const body = clear($('#verbale-body', this.root));
    for (const format of ['pdf', 'docx', 'odt']) {
      const f = s.verbale[format];
      if (!f) continue;
      body.append(el('div', { class: 'tv-verbale-file' },
        el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: `verbale-${format}`,
          text: t('seduta.download', { format: format.toUpperCase() }),
          onclick: async () => {
            try { await download(`${this.base}/verbale/${format}`, `verbale-${s.id}.${format}`, await freshToken()); } catch (e) { this.status(t('seduta.failed', { message: errorText(e, 'seduta') })); }
          } }),
        el('div', { class: 'small' }, 'SHA-256 ', el('code', { text: f.sha256 }))));
    }
    if (!session.token) { body.append(el('p', { text: t('seduta.loginToDownload') })); return; }
    if (review) body.append(review);
    renderReview(body, this.base, s.id, this.role === 'coordinator', (m) => this.status(m), () => this.refresh());
  }
}
