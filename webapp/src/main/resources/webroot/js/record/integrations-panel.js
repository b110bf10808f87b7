// Integrations (integrazioni) beside the draft: the proposals of the tavolo with who proposed
// them and why, what they change (with a link to the text they touch), support and comments,
// amend and withdraw for the proposer, accept and reject (with a reason) for coordinators.
// A flag on each entity card points to the open proposals that touch it.
import { el, clear } from '../ui/dom.js';
import { t, currentLang } from '../i18n.js';
import { errorText, conflictText } from '../errors.js';
import { record } from './record-api.js';
import { describeOp } from './op-summary.js';
import { colourIndex } from '../ui/colors.js';
import { uid } from '../ui/fields.js';

const STATUSES = ['open', 'applying', 'accepted', 'rejected', 'withdrawn'];

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(currentLang() === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/**
 * Puts the focus on the control that edits coll/id/field (or the entity's first control). With
 * `from`/`to` in a text field: that passage selected, in the middle of the text's box.
 */
export function focusTarget(target) {
  if (!target) return false;
  const panels = document.getElementById('doc-panels');
  const field = target.field ? panels.querySelector(`[data-field="${CSS.escape(`${target.coll}/${target.id}/${target.field}`)}"]`) : null;
  if (field?.editor) {
    // not scrollIntoView on the editor's content: a long text's content is as tall as the
    // text, and its middle is not the passage
    if (typeof target.from === 'number') field.editor.reveal(target.from, target.to ?? target.from, true);
    else field.scrollIntoView({ block: 'center', behavior: 'instant' });
    field.editor.view.focus();
    return true;
  }
  let node = target.field ? panels.querySelector(`[data-field="${CSS.escape(`${target.coll}/${target.id}/${target.field}`)}"] .cm-content`) : null;
  const entity = panels.querySelector(`[data-id="${CSS.escape(target.id)}"]`);
  if (!node && entity && target.field) node = entity.querySelector(`[data-field="${CSS.escape(target.field)}"]`);
  if (!node && entity) node = entity.querySelector('input, select, .cm-content, button');
  if (!node) return false;
  node.scrollIntoView({ block: 'center', behavior: 'instant' });
  node.focus({ preventScroll: true });
  return true;
}

export class IntegrationsPanel {
  /**
   * @param {object} o
   * @param {HTMLElement} o.root      the panel's container (in the side column)
   * @param {string} o.docId
   * @param {object} o.ctx            the document context (doc, people, role, me)
   * @param {(m: string) => void} o.announce
   */
  constructor({ root, docId, ctx, announce }) {
    this.root = root;
    this.docId = docId;
    this.ctx = ctx;
    this.announce = announce;
    this.items = [];
    this.details = new Map();   // id -> GET one answer (supporters, comments, check)
    this.detailKeys = new Map();
    this.cards = new Map();
    this.filter = 'open';
    this.open = new Set();      // cards whose comments are unfolded
    this.loading = null;
    const filterId = uid('flt');
    this.filterSelect = el('select', { id: filterId, class: 'form-select form-select-sm' },
      ...['open', 'all', 'accepted', 'rejected', 'withdrawn'].map(f => el('option', { value: f, text: t(`integrations.filter.${f}`) })));
    this.filterSelect.addEventListener('change', () => { this.filter = this.filterSelect.value; this.refresh(); });
    this.status = el('p', { class: 'small tv-muted mb-2', role: 'status' });
    this.list = el('ol', { class: 'list-unstyled tv-integrations', id: 'integrations-list' });
    root.append(
      el('div', { class: 'tv-field tv-select mb-2' }, el('label', { for: filterId, class: 'tv-select-label', text: t('integrations.show') }), this.filterSelect),
      this.status, this.list);
    // no polling: the server says when an integration changed (an `integration` message over
    // /ws, see changed()); after a reconnect the document view asks again (it may have missed some)
  }

  destroy() { clearTimeout(this.soon); }

  /**
   * Shows one integration (a notification's link): its card in the list (all statuses if it
   * is no longer open), comments unfolded, scrolled to and focused.
   */
  async reveal(id) {
    await (this.loading ?? Promise.resolve());
    if (this.filter !== 'all' && !this.items.some(i => i.id === id)) {
      this.filter = 'all';
      this.filterSelect.value = 'all';
    }
    this.open.add(id);
    await this.refresh();
    const i = this.items.find(x => x.id === id);
    if (i) { await this.loadDetails(i, true); this.render(); }
    const card = document.getElementById(`integration-${id}`);
    if (!card) return false;
    card.scrollIntoView({ block: 'center', behavior: 'instant' });
    card.focus({ preventScroll: true });
    return true;
  }

  /** An `integration` message: one changed; coalesced, so a burst of them is read once. */
  changed() {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.refresh(), 100);
  }

  get coordinator() { return this.ctx.role === 'coordinator'; }

  async refresh() {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const status = this.filter === 'all' ? null : this.filter;
        const items = await record.integrations(this.docId, status);
        const openOnes = status === 'open' ? items : items.filter(i => i.status === 'open');
        await Promise.all(openOnes.map(i => this.loadDetails(i)));
        this.items = items;
        this.render();
      } catch (e) {
        this.status.textContent = t('integrations.loadFailed', { message: errorText(e) });
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  async loadDetails(i, force = false) {
    const key = `${i.updatedAt}/${i.supports}/${i.comments}/${this.ctx.client.seq}`;
    if (!force && this.detailKeys.get(i.id) === key) return;
    try {
      this.details.set(i.id, await record.integration(this.docId, i.id));
      this.detailKeys.set(i.id, key);
    } catch { /* shown without details */ }
  }

  render() {
    const seen = new Set();
    this.status.textContent = this.items.length ? t('integrations.count', { count: this.items.length }) : t('integrations.none');
    this.items.forEach((i, index) => {
      seen.add(i.id);
      const card = this.card(i);
      const at = this.list.children[index];
      if (at !== card) this.list.insertBefore(card, at ?? null);
    });
    for (const [id, card] of this.cards) {
      if (!seen.has(id)) { card.remove(); this.cards.delete(id); }
    }
    this.flagEntities();
  }

  /** (Re)builds one card in place, keeping focus on the same control where possible. */
  card(i) {
    let card = this.cards.get(i.id);
    const d = this.details.get(i.id);
    const sig = JSON.stringify([i.status, i.updatedAt, i.supports, i.comments, i.conflict, i.pledges, d?.check, d?.supporters?.length,
      d?.commentList?.length, this.open.has(i.id)]);
    if (card && card.dataset.sig === sig) return card;
    // An answer being written (reject reason, amended rationale) stays until it is sent or cancelled.
    if (card && card.dataset.status === i.status && card.querySelector('.tv-integration-form')?.children.length) return card;
    const active = document.activeElement;
    const activeKey = card?.contains(active) ? active.dataset.key : null;
    const fresh = this.build(i, d);
    fresh.dataset.sig = sig;
    if (card) {
      // Do not rebuild a card someone is typing in.
      if (card.contains(active) && active.matches('textarea, input')) return card;
      card.replaceWith(fresh);
    }
    this.cards.set(i.id, fresh);
    if (activeKey) fresh.querySelector(`[data-key="${activeKey}"]`)?.focus();
    return fresh;
  }

  build(i, d) {
    const ctx = this.ctx;
    const me = ctx.me;
    const mine = i.proposer?.id === me;
    const titleId = `int-${i.id}-title`;
    const card = el('li', {
      class: `tv-integration tv-integration-${i.status} c${colourIndex(i.proposer?.id)}`,
      id: `integration-${i.id}`, tabindex: '-1', 'aria-labelledby': titleId, dataset: { id: i.id, status: i.status },
    });
    const side = i.proposer?.side ?? '';
    card.append(
      el('div', { class: 'tv-integration-head' },
        el('span', { class: `badge tv-status tv-status-${i.status}`, text: t(`integrations.status.${i.status}`) }),
        el('h3', { class: 'h6 m-0', id: titleId },
          el('span', { class: 'tv-dot', 'aria-hidden': 'true' }), ' ',
          t('integrations.by', { name: i.proposer?.name ?? '' })),
        el('span', { class: 'tv-integration-org small', text: i.proposer?.organisation?.name ?? '' }),
        side ? el('span', { class: `badge tv-side tv-side-${side.toLowerCase()}`, text: side }) : null,
        el('time', { class: 'small tv-muted', datetime: i.createdAt, text: when(i.createdAt) })),
      el('p', { class: 'tv-rationale', text: i.rationale ? i.rationale : t('integrations.noRationale') }));

    // What it changes, each with a way to the text it touches.
    const changes = el('ul', { class: 'tv-integration-ops list-unstyled' });
    const meanwhile = i.status === 'open' ? (d?.check?.changedMeanwhile ?? []) : [];
    const changedFor = (op) => op.op === 'set'
      ? meanwhile.find(c => c.coll === op.coll && c.id === op.id && c.field === op.field) : undefined;
    for (const op of i.ops ?? []) {
      const changed = changedFor(op);
      const s = describeOp(op, ctx.doc, ctx.people, changed);
      const li = el('li', changed ? { class: 'tv-op-overwrite', dataset: { overwrite: `${op.coll}/${op.id}/${op.field}` } } : null,
        el('span', { class: 'tv-op-where', text: s.where }), ' ', el('span', { class: 'tv-op-what', text: s.what }));
      if (s.target && i.status === 'open' && ctx.doc?.has(s.target.coll, s.target.id)) {
        li.append(' ', el('button', {
          type: 'button', class: 'btn btn-link btn-sm p-0 tv-goto', dataset: { key: `goto-${changes.children.length}` },
          onclick: () => focusTarget(s.target),
        }, t('integrations.goto'), el('span', { class: 'visually-hidden', text: `: ${s.where}` })));
      }
      changes.append(li);
    }
    card.append(changes);

    if (i.status === 'open' && d?.check && !d.check.applicable) {
      card.append(el('p', { class: 'alert alert-warning small p-2 mb-2', text: t('integrations.conflict', {
        message: conflictText(d.check.conflicts),
      }) }));
    } else if (i.status === 'open' && i.conflict) {
      card.append(el('p', { class: 'alert alert-warning small p-2 mb-2', text: t('integrations.conflictBefore', { message: conflictText(i.conflict.conflicts) }) }));
    }
    // Not a conflict (accepting is allowed), but the coordinator must see whose value goes.
    if (meanwhile.length && (!d.check || d.check.applicable)) {
      card.append(el('p', { class: 'alert alert-info small p-2 mb-2 tv-overwrites', text: t('integrations.changedMeanwhile', { count: meanwhile.length }) }));
    }

    // The decision, once taken.
    if (i.decision && i.status === 'accepted') {
      card.append(el('p', { class: 'small tv-decision', text: t('integrations.acceptedBy', {
        name: i.decision.by?.name ?? '', when: when(i.decision.at), seq: i.decision.seq ?? '' }) }));
    } else if (i.decision && i.status === 'rejected') {
      card.append(el('p', { class: 'small tv-decision', text: t('integrations.rejectedBy', {
        name: i.decision.by?.name ?? '', when: when(i.decision.at), reason: i.decision.reason ?? '' }) }));
    } else if (i.status === 'withdrawn') {
      card.append(el('p', { class: 'small tv-decision', text: t('integrations.withdrawnAt', { when: when(i.decision?.at ?? i.updatedAt) }) }));
    }

    // Support.
    const supporters = d?.supporters ?? [];
    const iSupport = supporters.some(s => s.user === me);
    const supportLine = el('p', { class: 'small mb-1 tv-supports', text: supporters.length
      ? t('integrations.supportedBy', { names: supporters.map(s => s.name).join(', ') })
      : t('integrations.supports', { count: i.supports ?? 0 }) });
    card.append(supportLine);

    // Budget lines of other organisations (issue 15): their owners confirm before acceptance.
    const awaiting = i.pledges?.awaiting ?? [];
    const myOrg = ctx.client.you?.org;
    if (i.status === 'open' && awaiting.length) {
      card.append(el('p', { class: 'small mb-1 tv-awaiting', text: t('integrations.awaiting', { names: awaiting.map(o => o.name).join(', ') }) }));
    }
    for (const c of (i.pledges?.confirmations ?? [])) {
      card.append(el('p', { class: 'small mb-1 tv-confirmed-by', text: t('integrations.confirmedBy', {
        org: c.organisation?.name ?? '', name: c.by?.name ?? '', when: when(c.at) }) }));
    }

    const actions = el('div', { class: 'tv-integration-actions' });
    const open = i.status === 'open';
    if (open && ctx.canPropose && awaiting.some(o => o.id === myOrg)) {
      actions.append(this.button(t('integrations.confirm'), 'btn-primary', 'confirm',
        () => this.act(() => record.confirm(this.docId, i.id), t('integrations.confirmed'))));
    }
    if (open && ctx.canPropose && !mine) {
      actions.append(this.button(iSupport ? t('integrations.unsupport') : t('integrations.support'), 'btn-outline-primary', 'support',
        () => this.act(() => record.support(this.docId, i.id, !iSupport), iSupport ? t('integrations.unsupported') : t('integrations.supported'))));
    }
    if (open && mine) {
      actions.append(this.button(t('integrations.amend'), 'btn-outline-primary', 'amend', () => this.showAmend(card, i)));
      actions.append(this.button(t('integrations.withdraw'), 'btn-outline-danger', 'withdraw',
        () => this.act(() => record.withdraw(this.docId, i.id), t('integrations.withdrawn'))));
    }
    if (open && this.coordinator) {
      actions.append(this.button(t('integrations.accept'), 'btn-success', 'accept',
        () => this.act(() => record.accept(this.docId, i.id), t('integrations.accepted'))));
      actions.append(this.button(t('integrations.reject'), 'btn-outline-danger', 'reject', () => this.showReject(card, i)));
    }
    if (actions.children.length) card.append(actions);
    card.append(el('div', { class: 'tv-integration-form' }));

    // Comments, folded.
    const comments = d?.commentList ?? [];
    const toggle = el('button', {
      type: 'button', class: 'btn btn-link btn-sm p-0', 'aria-expanded': String(this.open.has(i.id)), dataset: { key: 'comments' },
    }, t('integrations.comments', { count: Math.max(i.comments ?? 0, comments.length) }));
    toggle.addEventListener('click', async () => {
      if (this.open.has(i.id)) this.open.delete(i.id); else { this.open.add(i.id); await this.loadDetails(i, true); }
      this.render();
    });
    card.append(toggle);
    if (this.open.has(i.id)) {
      const list = el('ul', { class: 'list-unstyled tv-comments' },
        ...comments.map(c => el('li', null,
          el('strong', { text: c.author?.name ?? '' }), ' ',
          el('span', { class: 'small tv-muted', text: `${c.author?.organisation ?? ''} · ${when(c.at)}` }),
          el('p', { class: 'mb-1', text: c.body }))));
      card.append(list);
      if (ctx.canPropose) {
        const id = uid('cmt');
        const area = el('textarea', { id, class: 'form-control form-control-sm', rows: 2, maxlength: 4000, dataset: { key: 'comment-text' } });
        const send = this.button(t('integrations.commentSend'), 'btn-outline-primary', 'comment-send', () => {
          const body = area.value.trim();
          if (!body) { area.focus(); return; }
          this.act(() => record.comment(this.docId, i.id, body), t('integrations.commented'), async () => {
            this.open.add(i.id);
            await this.loadDetails(i, true);
          });
        });
        card.append(el('div', { class: 'tv-comment-form' },
          el('label', { for: id, class: 'tv-select-label', text: t('integrations.commentLabel') }), area, send));
      }
    }
    return card;
  }

  button(text, cls, key, onclick) {
    return el('button', { type: 'button', class: `btn btn-sm ${cls}`, dataset: { key }, onclick }, text);
  }

  /** Runs an action, says how it went, and refreshes the list; focus stays on the card. */
  async act(fn, done, after) {
    const cardId = document.activeElement?.closest?.('.tv-integration')?.dataset.id;
    try {
      await fn();
      this.announce(done);
      this.status.textContent = done;
      if (after) await after();
    } catch (e) {
      const message = errorText(e, 'integrations');
      this.status.textContent = t('integrations.failed', { message });
      this.announce(this.status.textContent);
    }
    this.detailKeys.clear();
    await this.refresh();
    // The button pressed may be gone (an accepted proposal has no Accept): keep the place.
    if (cardId && (!document.activeElement || document.activeElement === document.body)) {
      (this.cards.get(cardId) ?? document.getElementById('integrations-title'))?.focus();
    }
  }

  /** A small form inside the card: a labelled text area and a confirm button. */
  inlineForm(card, { label, value = '', confirm, cls, onSubmit, extra }) {
    const box = clear(card.querySelector('.tv-integration-form'));
    const id = uid('if');
    const area = el('textarea', { id, class: 'form-control form-control-sm', rows: 3, maxlength: 4000, dataset: { key: 'inline-text' } });
    area.value = value;
    const error = el('p', { class: 'small tv-amount-error', role: 'alert' });
    const ok = this.button(confirm, cls, 'inline-ok', () => {
      const text = area.value.trim();
      if (!text) { error.textContent = t('integrations.required'); area.focus(); return; }
      onSubmit(text);
    });
    const cancel = this.button(t('integrations.cancel'), 'btn-outline-secondary', 'inline-cancel', () => { clear(box); card.querySelector('[data-key]')?.focus(); });
    box.append(el('label', { for: id, class: 'tv-select-label', text: label }), area, error, extra ?? null, el('div', { class: 'tv-integration-actions' }, ok, cancel));
    area.focus();
  }

  showReject(card, i) {
    this.inlineForm(card, {
      label: t('integrations.rejectReason'), confirm: t('integrations.rejectConfirm'), cls: 'btn-danger',
      onSubmit: (reason) => this.act(() => record.reject(this.docId, i.id, reason), t('integrations.rejected')),
    });
  }

  showAmend(card, i) {
    const draft = this.ctx.client.draft();
    let useDraft = null;
    if (draft) {
      const id = uid('ck');
      useDraft = el('input', { type: 'checkbox', class: 'form-check-input', id });
      useDraft.wrap = el('div', { class: 'form-check my-1' }, useDraft,
        el('label', { class: 'form-check-label', for: id, text: t('integrations.amendWithDraft', { count: draft.ops.length }) }));
    }
    this.inlineForm(card, {
      label: t('integrations.rationale'), value: i.rationale ?? '', confirm: t('integrations.amendConfirm'), cls: 'btn-primary',
      extra: useDraft?.wrap,
      onSubmit: (rationale) => {
        const withDraft = useDraft?.checked ? this.ctx.client.draft() : null;
        const body = withDraft ? { ...withDraft, rationale } : { baseSeq: i.baseSeq, ops: i.ops, rationale };
        this.act(() => record.amend(this.docId, i.id, body), t('integrations.amended'), async () => {
          if (withDraft) this.ctx.client.discardDraft();
        });
      },
    });
  }

  /** A flag on every entity card that open proposals touch, leading to them. */
  flagEntities() {
    const panels = document.getElementById('doc-panels');
    if (!panels) return;
    const byEntity = new Map();
    for (const i of this.items) {
      if (i.status !== 'open') continue;
      for (const tg of i.targets ?? []) {
        if (!tg?.id) continue;
        if (!byEntity.has(tg.id)) byEntity.set(tg.id, new Map());
        byEntity.get(tg.id).set(i.id, i);
      }
    }
    for (const old of panels.querySelectorAll('.tv-proposal-flag')) {
      const host = old.closest('[data-id]');
      if (!host || !byEntity.has(host.dataset.id)) old.remove();
    }
    for (const [id, map] of byEntity) {
      const host = panels.querySelector(`[data-id="${CSS.escape(id)}"]`);
      if (!host) continue;
      const place = host.matches('tr') ? host.querySelector('td') : host.querySelector('.tv-card-head') ?? host;
      let flag = [...place.children].find(c => c.classList.contains('tv-proposal-flag'));
      const list = [...map.values()];
      const text = list.length === 1
        ? t('integrations.flagOne', { name: list[0].proposer?.name ?? '' })
        : t('integrations.flagMany', { count: list.length });
      if (!flag) {
        flag = el('button', { type: 'button', class: 'btn btn-sm tv-proposal-flag' });
        flag.addEventListener('click', () => {
          const first = this.cards.get(flag.dataset.first);
          if (first) { first.scrollIntoView({ block: 'nearest', behavior: 'instant' }); first.focus({ preventScroll: true }); }
        });
        place.append(flag);
      }
      flag.dataset.first = list[0].id;
      if (flag.textContent !== text) flag.textContent = text;
    }
  }
}

export { STATUSES };
