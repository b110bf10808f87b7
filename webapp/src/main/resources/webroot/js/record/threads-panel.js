// Comment threads beside the draft (issue 16): select text in any text field, or focus an
// objective, an activity, a budget line or a section, then "Commenta"; reply with @mentions,
// resolve and reopen, filter. Threads arrive live as `thread` messages; their anchors follow
// the committed batches by the server's rule (engine/anchors.js), and live passages are
// highlighted in the editors. Writes go over HTTP (the server checks the role every time).
import { el, clear } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { api } from '../api.js';
import { carryAnchor } from '../engine/anchors.js';
import { uid } from '../ui/fields.js';
import { when, focusTarget } from './integrations-panel.js';

const enc = encodeURIComponent;
/** Committed batches kept to carry anchors that arrive older than the page's seq. */
const RECENT_MAX = 500;
const FILTERS = ['all', 'open', 'resolved', 'mine', 'mentions'];
const PANEL_COLL = { 'doc-sections': 'sections', 'doc-objectives': 'objectives', 'doc-activities': 'activities', 'doc-budget': 'budget' };

export class ThreadsPanel {
  /**
   * @param {object} o
   * @param {HTMLElement} o.root     the panel's container (in the side column)
   * @param {string} o.docId
   * @param {object} o.ctx           the document context (client, editors, role)
   * @param {(m: string, o?: object) => void} o.announce
   */
  constructor({ root, docId, ctx, announce }) {
    this.root = root;
    this.docId = docId;
    this.ctx = ctx;
    this.announce = announce;
    this.threads = new Map();   // id -> {thread summary, anchor, seq}
    this.full = new Map();      // id -> all comments, once asked for
    this.recent = [];           // [{seq, ops}] committed, oldest first
    this.filter = 'all';
    this.lastPlace = null;      // {coll, id, field?} last focused in the draft
    this.cleanups = [];
    const base = `/api/documents/${enc(docId)}/threads`;
    this.path = (id = '') => (id ? `${base}/${enc(id)}` : base);

    const filterId = uid('thf');
    this.filterSelect = el('select', { id: filterId, class: 'form-select form-select-sm' },
      ...FILTERS.map(f => el('option', { value: f, text: t(`threads.filter.${f}`) })));
    this.filterSelect.addEventListener('change', () => { this.filter = this.filterSelect.value; this.refresh(); });
    this.commentButton = el('button', { type: 'button', id: 'comment-selection', class: 'btn btn-outline-primary btn-sm mb-2',
      text: t('threads.comment') });
    this.commentButton.addEventListener('click', () => this.startCompose());
    this.compose = el('form', { class: 'tv-thread-compose mb-2', hidden: true });
    this.status = el('p', { class: 'small tv-muted mb-2', role: 'status' });
    this.list = el('ol', { class: 'list-unstyled tv-threads', id: 'threads-list' });
    root.append(this.commentButton, this.compose,
      el('div', { class: 'tv-field tv-select mb-2' }, el('label', { for: filterId, class: 'tv-select-label', text: t('threads.show') }), this.filterSelect),
      this.status, this.list);

    const c = ctx.client;
    this.cleanups.push(
      c.on('message', (m) => { if (m.type === 'thread') this.onThread(m); }),
      c.on('remote', (e) => this.committed(e.seq, e.original ?? e.ops)),
      c.on('ack', (e) => this.committed(e.seq, e.ops)),
      c.on('snapshot', () => { this.recent = []; this.refresh(); }),
    );
    const panels = document.getElementById('doc-panels');
    const onFocus = (ev) => this.noteFocus(ev.target);
    panels?.addEventListener('focusin', onFocus);
    this.cleanups.push(() => panels?.removeEventListener('focusin', onFocus));
    this.sync();
  }

  destroy() { for (const fn of this.cleanups) fn(); }

  /** The button follows the role: observers read threads, they do not start them. */
  sync() {
    const writer = this.ctx.role === 'coordinator' || this.ctx.role === 'member';
    this.commentButton.hidden = !writer;
  }

  /** Where the person was in the draft: a text field (with its selection) or an entity. */
  noteFocus(target) {
    const field = target.closest?.('.tv-text-field');
    if (field?.dataset.field) {
      const [coll, id, name] = field.dataset.field.split('/');
      this.lastPlace = { coll, id, field: name };
      return;
    }
    const entity = target.closest?.('[data-id]');
    const panel = target.closest?.('section.tv-panel');
    const coll = panel ? PANEL_COLL[panel.id] : undefined;
    if (entity && coll) this.lastPlace = { coll, id: entity.dataset.id };
  }

  /** The anchor to comment: the selection in the last text field, else the last entity. */
  placeToComment() {
    const p = this.lastPlace;
    if (!p) return null;
    if (p.field) {
      const sel = this.ctx.editors.get(`${p.coll}/${p.id}/${p.field}`)?.selection();
      if (sel) return { coll: p.coll, id: p.id, field: p.field, start: sel.from, end: sel.to };
      return { coll: p.coll, id: p.id };
    }
    return { coll: p.coll, id: p.id };
  }

  startCompose() {
    const place = this.placeToComment();
    if (!place) { this.announce(t('threads.pickFirst')); return; }
    const c = this.ctx.client;
    // offsets are those of the document at the client's seq: only while nothing is unsent
    if (c.pendingCount() > 0) { this.announce(t('threads.waitSaved')); return; }
    const text = place.field ? (c.doc.get(place.coll, place.id)?.[place.field] ?? '').slice(place.start, place.end) : null;
    const bodyId = uid('thb');
    const hintId = uid('thh');
    const body = el('textarea', { id: bodyId, class: 'form-control', rows: '3', maxlength: '4000', 'aria-describedby': hintId,
      dataset: { key: 'new-body' } });
    const send = el('button', { type: 'submit', class: 'btn btn-primary btn-sm', text: t('threads.send') });
    const cancel = el('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', text: t('threads.cancel') });
    clear(this.compose).append(
      el('p', { class: 'small mb-1', text: text !== null ? t('threads.onPassage', { quote: text }) : t('threads.onEntity') }),
      el('label', { for: bodyId, class: 'form-label small', text: t('threads.body') }), body,
      el('p', { id: hintId, class: 'small tv-muted', text: t('threads.mentionHint') }),
      el('div', { class: 'd-flex gap-2' }, send, cancel));
    this.compose.hidden = false;
    this.compose.onsubmit = async (ev) => {
      ev.preventDefault();
      send.disabled = true;
      try {
        const th = await api('POST', this.path(), { anchor: place, seq: c.seq, body: body.value });
        this.upsert(th, th.seq);
        this.full.set(th.id, th.comments);
        this.compose.hidden = true;
        clear(this.compose);
        this.render();
        this.announce(t('threads.created'));
        document.getElementById(`thread-${th.id}`)?.focus();
      } catch (e) {
        this.announce(t('threads.failed', { message: errorText(e) }), { error: true });
        send.disabled = false;
      }
    };
    cancel.onclick = () => { this.compose.hidden = true; clear(this.compose); this.commentButton.focus(); };
    body.focus();
  }

  async refresh() {
    try {
      const q = this.filter === 'all' ? '' : ['open', 'resolved'].includes(this.filter) ? `?status=${this.filter}` : `?filter=${this.filter}`;
      const answer = await api('GET', this.path() + q);
      this.threads.clear();
      for (const th of answer.threads) this.upsert(th, answer.seq);
      this.render();
    } catch (e) {
      this.status.textContent = t('threads.loadFailed', { message: errorText(e) });
    }
  }

  /** A `thread` message: someone started, answered, resolved or reopened a thread. */
  onThread(m) {
    const th = m.thread;
    if (m.comment && this.full.has(th.id)) {
      const list = this.full.get(th.id);
      if (!list.some(x => x.id === m.comment.id)) list.push(m.comment);
    }
    if (this.matches(th, m.comment) || this.threads.has(th.id)) this.upsert(th, m.seq);
    this.render();
    if (m.event === 'created' && th.createdBy?.id !== this.ctx.me) {
      const mentioned = (m.comment?.mentions ?? []).some(p => p.id === this.ctx.me);
      this.announce(t(mentioned ? 'threads.mentionedYou' : 'threads.newThread', { name: th.createdBy?.name ?? '' }));
    }
  }

  /** Whether a thread that arrives live belongs in the list under the chosen filter. */
  matches(th, comment) {
    const me = this.ctx.me;
    switch (this.filter) {
      case 'open': return th.status === 'open';
      case 'resolved': return th.status === 'resolved';
      case 'mine': return th.createdBy?.id === me || comment?.author?.id === me;
      case 'mentions': return (comment?.mentions ?? []).some(p => p.id === me);
      default: return true;
    }
  }

  /** Keeps a thread with its anchor at `seq`, brought to the page's seq by the batches it has. */
  upsert(th, seq) {
    let anchor = th.anchor;
    let at = seq;
    for (const b of this.recent) {
      if (b.seq > at) { anchor = carryAnchor(anchor, b.ops); at = b.seq; }
    }
    this.threads.set(th.id, { thread: th, anchor, seq: at });
  }

  /** A batch committed at `seq`: every anchor not yet past it is carried through it. */
  committed(seq, ops) {
    if (typeof seq !== 'number') return;
    this.recent.push({ seq, ops });
    if (this.recent.length > RECENT_MAX) this.recent.shift();
    let moved = false;
    for (const v of this.threads.values()) {
      if (v.seq >= seq) continue;
      const next = carryAnchor(v.anchor, ops);
      if (next !== v.anchor) moved = true;
      v.anchor = next;
      v.seq = seq;
    }
    if (moved) this.render();
  }

  /** Where thread `id`'s passage is now in the editor (through unsent typing), or null. */
  passage(id) {
    const v = this.threads.get(id);
    if (!v) return null;
    const c = this.ctx.client;
    const a = carryAnchor(carryAnchor(v.anchor, c.inflight?.ops), c.buffer);
    if (!a.live) return null;
    return { coll: a.coll, id: a.id, field: a.field, from: a.field ? a.start : undefined, to: a.field ? a.end : undefined };
  }

  /** Highlights every live passage in its editor. */
  highlight() {
    const byField = new Map();
    for (const key of this.ctx.editors.keys()) byField.set(key, []);
    const c = this.ctx.client;
    for (const v of this.threads.values()) {
      const thread = v.thread;
      // the editors show unsent typing too: carried through it for display only
      const anchor = carryAnchor(carryAnchor(v.anchor, c.inflight?.ops), c.buffer);
      if (!anchor.live || !anchor.field || thread.status !== 'open') continue;
      const key = `${anchor.coll}/${anchor.id}/${anchor.field}`;
      byField.get(key)?.push({ from: anchor.start, to: anchor.end, title: t('threads.markTitle', { name: thread.createdBy?.name ?? '' }) });
    }
    for (const [key, marks] of byField) this.ctx.editors.get(key)?.setThreadMarks(marks);
  }

  render() {
    this.sync();
    const items = [...this.threads.values()];
    this.status.textContent = items.length ? t('threads.count', { count: items.length }) : t('threads.none');
    // do not rebuild a thread someone is typing a reply in
    const active = document.activeElement;
    const typing = active?.matches?.('textarea') && this.list.contains(active) ? active.closest('li')?.dataset.thread : null;
    const keep = typing ? this.list.querySelector(`li[data-thread="${CSS.escape(typing)}"]`) : null;
    const nodes = items.map(v => (v.thread.id === typing && keep ? keep : this.card(v)));
    clear(this.list).append(...nodes);
    this.queueHighlight();
  }

  /**
   * Highlights after the editors caught up: a batch reaches this panel before the page applies
   * it to the editors, and marks set on the old text would be moved once more by the change.
   */
  queueHighlight() {
    if (this.highlightQueued) return;
    this.highlightQueued = true;
    requestAnimationFrame(() => { this.highlightQueued = false; this.highlight(); });
  }

  card({ thread: th, anchor }) {
    const writer = this.ctx.role === 'coordinator' || this.ctx.role === 'member';
    const headId = `thread-${th.id}-head`;
    const comments = this.full.get(th.id) ?? [th.first, th.commentCount > 1 ? th.last : null].filter(Boolean);
    const hidden = th.commentCount - comments.length;
    const li = el('li', { id: `thread-${th.id}`, class: `tv-card tv-thread tv-thread-${th.status}`, tabindex: '-1',
      'aria-labelledby': headId, dataset: { thread: th.id, live: String(anchor.live) } });
    const quote = anchor.quote ? `«${anchor.quote}»` : t('threads.onEntity');
    li.append(
      el('p', { id: headId, class: 'mb-1' },
        el('span', { class: 'badge tv-thread-status', text: t(`threads.status.${th.status}`) }), ' ',
        anchor.live ? null : el('span', { class: 'badge tv-thread-deleted', text: t('threads.deleted') }), ' ',
        el('span', { class: 'tv-thread-quote', text: quote })),
      anchor.live ? el('button', { type: 'button', class: 'btn btn-link btn-sm p-0', text: t('threads.goto'),
        onclick: () => focusTarget(this.passage(th.id) ?? { coll: anchor.coll, id: anchor.id, field: anchor.field }) }) : null,
      el('ol', { class: 'list-unstyled tv-thread-comments' }, ...comments.map(c => el('li', { class: 'tv-thread-comment' },
        el('p', { class: 'small mb-0' }, el('strong', { text: c.author?.name ?? '' }), ` · ${when(c.createdAt)}`),
        el('p', { class: 'mb-1 tv-thread-body', text: c.body })))),
      hidden > 0 ? el('button', { type: 'button', class: 'btn btn-link btn-sm p-0', text: t('threads.showAll', { count: th.commentCount }),
        onclick: () => this.loadAll(th.id) }) : null);
    if (writer) {
      const replyId = uid('thr');
      const box = el('textarea', { id: replyId, class: 'form-control form-control-sm', rows: '2', maxlength: '4000' });
      const form = el('form', { class: 'tv-thread-reply mt-1' },
        th.status === 'open' ? el('label', { for: replyId, class: 'form-label small', text: t('threads.reply') }) : null,
        th.status === 'open' ? box : null,
        el('div', { class: 'd-flex gap-2 mt-1' },
          th.status === 'open' ? el('button', { type: 'submit', class: 'btn btn-primary btn-sm', text: t('threads.send') }) : null,
          el('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', dataset: { action: th.status === 'open' ? 'resolve' : 'reopen' },
            text: t(th.status === 'open' ? 'threads.resolve' : 'threads.reopen'),
            onclick: () => this.act(th.id, th.status === 'open' ? 'resolve' : 'reopen') })));
      form.onsubmit = async (ev) => {
        ev.preventDefault();
        try {
          await api('POST', `${this.path(th.id)}/comments`, { body: box.value });
          box.value = '';
          box.blur();
          this.announce(t('threads.replied'));
        } catch (e) {
          this.announce(t('threads.failed', { message: errorText(e) }), { error: true });
        }
      };
      li.append(form);
    }
    return li;
  }

  async loadAll(id) {
    try {
      const th = await api('GET', this.path(id));
      this.full.set(id, th.comments);
      this.upsert(th, th.seq);
      this.render();
    } catch (e) {
      this.announce(t('threads.failed', { message: errorText(e) }), { error: true });
    }
  }

  async act(id, action) {
    try {
      await api('POST', `${this.path(id)}/${action}`);
      this.announce(t(action === 'resolve' ? 'threads.resolved' : 'threads.reopened'));
    } catch (e) {
      this.announce(t('threads.failed', { message: errorText(e) }), { error: true });
    }
  }
}
