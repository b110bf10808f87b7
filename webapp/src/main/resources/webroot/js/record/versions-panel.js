// Versions and the record: name a point of the history, consolidate it (SHA-256), verify its
// hash, restore it as a forward change; lock the draft for consolidation and open a new round;
// compare two versions; the per-organisation attribution report; downloads.
import { el, clear } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { record } from './record-api.js';
import { renderDiff } from './diff-view.js';
import { when } from './integrations-panel.js';
import { uid } from '../ui/fields.js';
import { exportLinks, headExportLinks, exportStatus } from './exports.js';

export class VersionsPanel {
  /**
   * @param {object} o
   * @param {HTMLElement} o.root
   * @param {string} o.docId
   * @param {object} o.ctx
   * @param {(m: string) => void} o.announce
   */
  constructor({ root, docId, ctx, announce }) {
    this.root = root;
    this.docId = docId;
    this.ctx = ctx;
    this.announce = announce;
    this.versions = [];
    this.verified = new Map(); // number -> verify answer
    this.confirmations = new Map(); // number -> the partners' confirmations of their contributions

    // Lock and rounds (coordinators).
    this.lockStatus = el('p', { id: 'lock-status', class: 'mb-2' });
    this.lockButton = el('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'lock-button', onclick: () => this.toggleLock() });
    const lockBox = el('div', { class: 'tv-row' }, this.lockStatus, this.lockButton);

    // The coordinator's one step (issue 18): lock, name and consolidate (hash) together,
    // after a confirmation that says what will happen.
    const finalId = uid('vf');
    this.finalName = el('input', { type: 'text', id: finalId, class: 'form-control', maxlength: 200 });
    this.finalForm = el('form', { class: 'tv-version-form tv-final-form', id: 'final-form' },
      el('h3', { class: 'h5', text: t('versions.finalTitle') }),
      el('p', { class: 'small', text: t('versions.finalHelp') }),
      el('div', { class: 'form-group tv-field' }, el('label', { for: finalId, class: 'active', text: t('versions.finalName') }), this.finalName),
      el('button', { type: 'submit', class: 'btn btn-primary', id: 'final-create', text: t('versions.finalCreate') }));
    this.finalForm.noValidate = true;
    this.finalForm.addEventListener('submit', (ev) => { ev.preventDefault(); this.createFinal(); });

    // Name this point.
    const nameId = uid('vn');
    this.nameInput = el('input', { type: 'text', id: nameId, class: 'form-control', maxlength: 200 });
    // Any point of the history can be named, not only the present one: e.g. the draft as it
    // stood before a seduta, once its decisions are in. Empty: the present point.
    const seqId = uid('vq');
    const seqHelpId = uid('vqh');
    this.seqInput = el('input', { type: 'number', id: seqId, class: 'form-control', min: 0, step: 1, inputmode: 'numeric',
      'aria-describedby': seqHelpId });
    this.seqHelp = el('small', { id: seqHelpId, class: 'form-text' });
    // the head moves with every edit: the hint is brought up to date when someone looks at it
    this.seqInput.addEventListener('focus', () => this.seqHint());
    const consolidateId = uid('vc');
    this.consolidateNow = el('input', { type: 'checkbox', class: 'form-check-input', id: consolidateId });
    this.consolidateBox = el('div', { class: 'form-check' }, this.consolidateNow,
      el('label', { class: 'form-check-label', for: consolidateId, text: t('versions.consolidateNow') }));
    this.nameForm = el('form', { class: 'tv-version-form', id: 'version-form' },
      el('div', { class: 'form-group tv-field' }, el('label', { for: nameId, class: 'active', text: t('versions.name') }), this.nameInput),
      el('div', { class: 'form-group tv-field tv-version-seq' }, el('label', { for: seqId, class: 'active', text: t('versions.seq') }),
        this.seqInput, this.seqHelp),
      el('div', { class: 'tv-row' }, this.consolidateBox,
        el('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'version-create', text: t('versions.create') })));
    // Our own check says what is wrong in the status line (read out), not a browser tooltip.
    this.nameForm.noValidate = true;
    this.nameForm.addEventListener('submit', (ev) => { ev.preventDefault(); this.create(); });

    this.status = el('p', { class: 'small', role: 'status', id: 'versions-status' });
    this.table = el('table', { class: 'table table-sm tv-versions-table', id: 'versions-table' },
      el('caption', { class: 'visually-hidden', text: t('versions.caption') }),
      el('thead', null, el('tr', null,
        ...['versions.number', 'versions.nameCol', 'versions.point', 'versions.state', 'versions.actions']
          .map(k => el('th', { scope: 'col', text: t(k) })))),
      this.rows = el('tbody', { id: 'versions-rows' }));
    this.empty = el('p', { text: t('versions.none') });

    // Compare.
    const fromId = uid('df'), toId = uid('dt');
    this.fromSelect = el('select', { id: fromId, class: 'form-select form-select-sm' });
    this.toSelect = el('select', { id: toId, class: 'form-select form-select-sm' });
    const compare = el('form', { class: 'tv-row', id: 'diff-form' },
      el('div', { class: 'tv-field tv-select' }, el('label', { for: fromId, class: 'tv-select-label', text: t('diff.from') }), this.fromSelect),
      el('div', { class: 'tv-field tv-select' }, el('label', { for: toId, class: 'tv-select-label', text: t('diff.to') }), this.toSelect),
      el('button', { type: 'submit', class: 'btn btn-outline-primary btn-sm', id: 'diff-button', text: t('diff.compare') }));
    compare.addEventListener('submit', (ev) => { ev.preventDefault(); this.compare(); });
    this.diffBox = el('div', { id: 'diff-box', 'aria-live': 'polite' });

    // Attribution.
    this.reportButton = el('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'report-button', text: t('report.show'), onclick: () => this.report() });
    this.reportBox = el('div', { id: 'report-box' });

    root.append(
      this.finalForm,
      el('h3', { class: 'h5 mt-3', text: t('versions.roundTitle') }), lockBox,
      el('h3', { class: 'h5 mt-3', text: t('versions.listTitle') }), this.nameForm, this.status,
      el('div', { class: 'table-responsive' }, this.table), this.empty,
      headExportLinks(this.docId), exportStatus(),
      el('h3', { class: 'h5 mt-4', text: t('diff.heading') }), compare, this.diffBox,
      el('h3', { class: 'h5 mt-4', text: t('report.heading') }), this.reportButton, this.reportBox);
    this.render();
  }

  get coordinator() { return this.ctx.role === 'coordinator'; }

  async refresh() {
    try {
      this.versions = await record.versions(this.docId);
    } catch (e) {
      this.status.textContent = t('versions.loadFailed', { message: errorText(e) });
      return;
    }
    this.render();
  }

  /** Puts what happened where people look: the status line and the screen reader. */
  say(message) {
    this.status.textContent = message;
    this.announce(message);
  }

  fail(e) {
    this.say(t('versions.failed', { message: errorText(e, 'versions') }));
  }

  render() {
    const locked = !!this.ctx.client.locked;
    this.lockStatus.textContent = locked ? t('versions.lockedNow') : t('versions.openNow');
    this.lockButton.textContent = locked ? t('versions.openRound') : t('versions.lock');
    this.lockButton.hidden = !this.coordinator;
    this.finalForm.hidden = !this.coordinator;
    this.nameForm.hidden = !this.ctx.canPropose && !this.coordinator;
    this.consolidateBox.hidden = !this.coordinator;
    this.seqHint();

    this.empty.hidden = this.versions.length > 0;
    this.table.hidden = this.versions.length === 0;
    const rows = clear(this.rows);
    for (const v of this.versions) {
      const state = el('td', { class: 'tv-version-state' });
      if (v.consolidated) {
        state.append(
          el('span', { class: 'badge tv-status tv-status-accepted', text: t('versions.consolidated') }), ' ',
          t('versions.consolidatedBy', { name: v.consolidatedBy?.name ?? '', when: when(v.consolidatedAt) }),
          el('br'), el('code', { class: 'tv-hash', title: v.sha256, text: `SHA-256 ${v.sha256}` }));
        const check = this.verified.get(v.number);
        if (check) {
          state.append(el('p', { class: `small mb-0 tv-verify ${check.ok ? 'tv-verify-ok' : 'tv-verify-bad'}`, dataset: { ok: String(check.ok) },
            text: check.ok ? t('versions.verifyOk') : t('versions.verifyBad', { log: check.fromLog, snapshot: check.fromSnapshot }) }));
        }
        const conf = this.confirmations.get(v.number);
        if (conf) state.append(this.confirmationList(v, conf));
      } else {
        state.append(el('span', { class: 'badge tv-status tv-status-open', text: t('versions.named') }));
      }
      const actions = el('td', { class: 'tv-version-actions' });
      const label = `v${v.number} «${v.name}»`;
      const btn = (key, text, cls, fn) => el('button', { type: 'button', class: `btn btn-sm ${cls}`, dataset: { action: key }, onclick: fn },
        text, el('span', { class: 'visually-hidden', text: ` ${label}` }));
      if (!v.consolidated && this.coordinator) actions.append(btn('consolidate', t('versions.consolidate'), 'btn-primary', () => this.consolidate(v)));
      if (v.consolidated) actions.append(btn('verify', t('versions.verify'), 'btn-outline-primary', () => this.verify(v)));
      if (v.consolidated) actions.append(btn('confirmations', t('versions.confirmations'), 'btn-outline-primary', () => this.loadConfirmations(v)));
      if (this.coordinator) actions.append(btn('restore', t('versions.restore'), 'btn-outline-secondary', () => this.restore(v)));
      actions.append(exportLinks(this.docId, v));
      rows.append(el('tr', { dataset: { number: String(v.number), consolidated: String(v.consolidated) } },
        el('th', { scope: 'row', text: `v${v.number}` }),
        el('td', { text: v.name }),
        el('td', { text: t('versions.pointText', { seq: v.seq, name: v.createdBy?.name ?? '', when: when(v.createdAt) }) }),
        state, actions));
    }
    this.fillCompare();
  }

  seqHint() {
    const head = this.ctx.client.seq ?? 0;
    this.seqInput.max = String(head);
    this.seqHelp.textContent = t('versions.seqHelp', { head });
  }

  fillCompare() {
    const options = [...this.versions.map(v => ({ value: `v${v.number}`, label: `v${v.number} — ${v.name}` })),
      { value: 'head', label: t('diff.head') }];
    const fill = (select, dflt) => {
      const keep = select.value;
      select.replaceChildren(...options.map(o => el('option', { value: o.value, text: o.label })));
      select.value = options.some(o => o.value === keep) ? keep : dflt;
    };
    const lastVersion = this.versions.length ? `v${this.versions[this.versions.length - 1].number}` : 'head';
    fill(this.fromSelect, lastVersion);
    fill(this.toSelect, 'head');
  }

  async create() {
    const name = this.nameInput.value.trim();
    if (!name) { this.say(t('versions.nameRequired')); this.nameInput.focus(); return; }
    const head = this.ctx.client.seq ?? 0;
    const raw = this.seqInput.value.trim();
    const seq = raw === '' ? undefined : Number(raw);
    if (seq !== undefined && !(Number.isInteger(seq) && seq >= 0 && seq <= head)) {
      this.say(t('versions.seqInvalid', { head })); this.seqInput.focus(); return;
    }
    try {
      const v = await record.nameVersion(this.docId, name, this.coordinator && this.consolidateNow.checked, seq);
      this.nameInput.value = '';
      this.seqInput.value = '';
      this.consolidateNow.checked = false;
      this.say(v.consolidated ? t('versions.createdConsolidated', { number: v.number, hash: v.sha256 })
        : t('versions.createdAt', { number: v.number, seq: v.seq }));
      await this.refresh();
    } catch (e) { this.fail(e); }
  }

  async createFinal() {
    const name = this.finalName.value.trim();
    if (!name) { this.say(t('versions.nameRequired')); this.finalName.focus(); return; }
    if (!window.confirm(t('versions.finalConfirm', { name }))) return;
    const lockedHere = !this.ctx.client.locked;
    try {
      if (lockedHere) this.ctx.client.onDocState(await record.setLocked(this.docId, true));
      const v = await record.nameVersion(this.docId, name, true);
      this.finalName.value = '';
      this.say(t('versions.finalDone', { number: v.number, name: v.name, hash: v.sha256 }));
      await this.refresh();
    } catch (e) {
      // nothing consolidated: a lock taken for it is given back, as it was before
      if (lockedHere) {
        try { this.ctx.client.onDocState(await record.setLocked(this.docId, false)); } catch { /* the error below says enough */ }
      }
      this.fail(e);
    }
    this.render();
  }

  async consolidate(v) {
    try {
      const done = await record.consolidate(this.docId, v.number);
      this.say(t('versions.consolidatedNow', { number: v.number, hash: done.sha256 }));
      await this.refresh();
    } catch (e) { this.fail(e); }
  }

  /** Which partners confirmed their contribution to a consolidated version (issue 15), and "Conferma" for one's own. */
  confirmationList(v, conf) {
    const mine = this.ctx.client.you?.org;
    const list = el('ul', { class: 'small mb-0 tv-confirmations' });
    let own = null;
    for (const c of conf.contributors ?? []) {
      if (c.organisation?.id === mine) own = c;
      const by = c.confirmation ? t('versions.confirmationBy', { name: c.confirmation.by?.name ?? '', when: when(c.confirmation.at), number: c.confirmation.version }) : '';
      list.append(el('li', { dataset: { org: c.organisation?.id, status: c.status } },
        `${c.organisation?.name ?? ''}: ${t(`versions.confirmation.${c.status}`)}${by ? ` (${by})` : ''}`));
    }
    const box = el('div', { class: 'tv-confirmations-box' }, el('p', { class: 'small mb-0 fw-semibold', text: t('versions.confirmationsTitle') }), list);
    if (own && own.status !== 'confirmed' && this.ctx.role !== 'observer') {
      box.append(el('button', { type: 'button', class: 'btn btn-sm btn-primary mt-1', dataset: { action: 'confirm-contribution' },
        onclick: () => this.confirmContribution(v) }, t('versions.confirmContribution'),
        el('span', { class: 'visually-hidden', text: ` v${v.number}` })));
    }
    return box;
  }

  async loadConfirmations(v) {
    try {
      this.confirmations.set(v.number, await record.confirmations(this.docId, v.number));
      this.render();
      this.rows.querySelector(`tr[data-number="${v.number}"] [data-action="confirmations"]`)?.focus();
    } catch (e) { this.fail(e); }
  }

  async confirmContribution(v) {
    try {
      this.confirmations.set(v.number, await record.confirmContribution(this.docId, v.number));
      this.say(t('versions.contributionConfirmed', { number: v.number }));
      this.render();
      this.rows.querySelector(`tr[data-number="${v.number}"] [data-action="confirmations"]`)?.focus();
    } catch (e) { this.fail(e); }
  }

  async verify(v) {
    try {
      const check = await record.verify(this.docId, v.number);
      this.verified.set(v.number, check);
      this.say(check.ok ? t('versions.verifyOkFor', { number: v.number }) : t('versions.verifyBadFor', { number: v.number }));
      this.render();
      this.rows.querySelector(`tr[data-number="${v.number}"] [data-action="verify"]`)?.focus();
    } catch (e) { this.fail(e); }
  }

  async restore(v) {
    if (!window.confirm(t('versions.restoreConfirm', { number: v.number, name: v.name }))) return;
    try {
      const r = await record.restore(this.docId, v.number);
      this.say(r.changed ? t('versions.restored', { number: v.number, seq: r.seq }) : t('versions.restoredNothing', { number: v.number }));
    } catch (e) { this.fail(e); }
  }

  async toggleLock() {
    const lock = !this.ctx.client.locked;
    if (lock && !window.confirm(t('versions.lockConfirm'))) return;
    try {
      const d = await record.setLocked(this.docId, lock);
      this.ctx.client.onDocState(d);
      this.say(d.locked ? t('versions.lockedDone') : t('versions.openedDone'));
      this.render();
    } catch (e) { this.fail(e); }
  }

  async compare() {
    const from = this.fromSelect.value, to = this.toSelect.value;
    const label = (sel) => sel.options[sel.selectedIndex]?.textContent ?? sel.value;
    clear(this.diffBox).append(el('p', { text: t('diff.loading') }));
    try {
      const diff = await record.diff(this.docId, from, to);
      clear(this.diffBox).append(renderDiff(diff, { doc: this.ctx.doc, people: this.ctx.people, fromLabel: label(this.fromSelect), toLabel: label(this.toSelect) }));
      this.diffBox.querySelector('#diff-title')?.focus();
    } catch (e) {
      clear(this.diffBox).append(el('p', { class: 'alert alert-danger', role: 'alert', text: t('diff.failed', { message: errorText(e) }) }));
    }
  }

  async report() {
    clear(this.reportBox);
    let r;
    try {
      r = await record.attribution(this.docId);
    } catch (e) {
      this.reportBox.append(el('p', { class: 'alert alert-danger', role: 'alert', text: t('report.failed', { message: errorText(e) }) }));
      return;
    }
    const cols = ['proposed', 'accepted', 'rejected', 'withdrawn', 'open'];
    const byOrg = el('table', { class: 'table table-sm', id: 'report-table' },
      el('caption', { text: t('report.byOrgCaption') }),
      el('thead', null, el('tr', null, el('th', { scope: 'col', text: t('report.organisation') }),
        ...cols.map(c => el('th', { scope: 'col', class: 'text-end', text: t(`report.${c}`) })))),
      el('tbody', null, ...(r.byOrganisation ?? []).map(o => el('tr', { dataset: { org: o.organisation?.id } },
        el('th', { scope: 'row' }, o.organisation?.name ?? '', ' ',
          el('span', { class: `badge tv-side tv-side-${(o.side ?? '').toLowerCase()}`, text: o.side ?? '' })),
        ...cols.map(c => el('td', { class: 'text-end', text: String(o[c] ?? 0) }))))));
    const accepted = el('table', { class: 'table table-sm', id: 'report-accepted' },
      el('caption', { text: t('report.acceptedCaption') }),
      el('thead', null, el('tr', null, ...['report.proposer', 'report.organisation', 'report.side', 'report.decidedBy', 'report.when', 'report.seq']
        .map(k => el('th', { scope: 'col', text: t(k) })))),
      el('tbody', null, ...(r.accepted ?? []).map(a => el('tr', null,
        el('td', { text: a.proposer?.name ?? '' }), el('td', { text: a.organisation?.name ?? '' }), el('td', { text: a.side ?? '' }),
        el('td', { text: a.decidedBy?.name ?? '' }), el('td', { text: when(a.decidedAt) }), el('td', { text: String(a.seq ?? '') })))));
    if (!(r.byOrganisation ?? []).length) this.reportBox.append(el('p', { text: t('report.none') }));
    else this.reportBox.append(el('div', { class: 'table-responsive' }, byOrg), el('div', { class: 'table-responsive' }, accepted));
  }
}
