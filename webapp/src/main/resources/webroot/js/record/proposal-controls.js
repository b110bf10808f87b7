// Live or proposal mode, and the proposal being written. In proposal mode a member's edits
// stay in their browser as a draft (the client holds them, transformed against everyone
// else's edits) until they propose it with a rationale; anyone may choose to write a proposal
// in live mode too. Coordinators switch the document's mode.
import { $, announce, put } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { record } from './record-api.js';

export class ProposalControls {
  /**
   * @param {object} o
   * @param {string} o.docId
   * @param {object} o.ctx
   * @param {() => void} o.onProposed   after a proposal is recorded
   */
  constructor({ docId, ctx, onProposed }) {
    this.docId = docId;
    this.ctx = ctx;
    this.onProposed = onProposed;
    // a personal draft kept across a language change (these controls are built again) stays one
    this.wantHold = !!ctx.client?.hold && ctx.client.draftCount() > 0;
    this.busy = false;
    $('#mode-switch').checked = false;
    $('#mode-switch').onchange = (ev) => this.setMode(ev.target.checked ? 'proposal' : 'live');
    $('#hold-switch').checked = false;
    $('#hold-switch').onchange = (ev) => { this.wantHold = ev.target.checked; this.sync(); };
    $('#draft-rationale').value = '';
    $('#draft-status').textContent = '';
    $('#draft-form').onsubmit = (ev) => { ev.preventDefault(); this.propose(); };
    $('#draft-apply').onclick = () => { this.wantHold = false; this.sync(); announce(t('draft.applied')); };
    $('#draft-discard').onclick = () => this.discard();
  }

  get client() { return this.ctx.client; }

  /** Members write proposals in proposal mode; elsewhere it is their choice. */
  get forced() {
    return this.client.mode === 'proposal' && this.ctx.role === 'member';
  }

  /** Brings the client's hold and every control in line with mode, lock, role and draft. */
  sync() {
    const c = this.client;
    const ctx = this.ctx;
    const editable = ctx.canEdit;
    // A draft written under proposal mode stays a draft when the mode goes back to live.
    if (this.wasForced && !this.forced && c.draftCount() > 0) this.wantHold = true;
    this.wasForced = this.forced;
    const hold = editable && (this.forced || this.wantHold);
    // before the welcome the role is not known (nor whether one may edit): a restored personal
    // draft must not be let go, and sent, for that
    if (c.you && c.hold !== hold) c.setHold(hold);
    const proposal = c.mode === 'proposal';
    // runs on every keystroke (pending changes): each control written only when it differs
    const mode = $('#doc-mode');
    put(mode, 'data-mode', c.mode ?? 'live');
    put(mode, 'data-locked', String(!!c.locked));
    put(mode, 'textContent', c.locked ? t('mode.locked') : proposal ? t('mode.proposal') : t('mode.live'));
    put($('#mode-switch-box'), 'hidden', ctx.role !== 'coordinator' || !!c.locked);
    put($('#mode-switch'), 'checked', proposal);
    // Forced (a member in proposal mode): no switch to offer, the draft box says why.
    put($('#hold-switch-box'), 'hidden', !editable || this.forced);
    put($('#hold-switch'), 'checked', hold);
    put($('#draft-forced'), 'hidden', !this.forced);

    put($('#draft-box'), 'hidden', !hold);
    const count = c.draftCount();
    put($('#draft-count'), 'textContent', count ? t('draft.count', { count }) : t('draft.empty'));
    put($('#draft-submit'), 'disabled', this.busy || count === 0);
    put($('#draft-discard'), 'disabled', this.busy || count === 0);
    put($('#draft-apply'), 'hidden', this.forced);
  }

  async setMode(mode) {
    try {
      const d = await record.setMode(this.docId, mode);
      this.client.onDocState(d);
      announce(mode === 'proposal' ? t('mode.switchedProposal') : t('mode.switchedLive'));
    } catch (e) {
      announce(t('mode.failed', { message: errorText(e) }));
    }
    this.sync();
  }

  async propose() {
    const status = $('#draft-status');
    const rationale = $('#draft-rationale').value.trim();
    if (!rationale) {
      status.textContent = t('draft.rationaleRequired');
      $('#draft-rationale').setAttribute('aria-invalid', 'true');
      $('#draft-rationale').focus();
      return;
    }
    $('#draft-rationale').removeAttribute('aria-invalid');
    const draft = this.client.draft();
    if (!draft) { status.textContent = t('draft.notReady'); return; }
    this.busy = true;
    this.sync();
    try {
      const i = await record.propose(this.docId, { ...draft, rationale });
      $('#draft-rationale').value = '';
      this.client.discardDraft();
      status.textContent = t('draft.proposed');
      announce(t('draft.proposed'));
      this.onProposed(i);
    } catch (e) {
      status.textContent = t('draft.failed', { message: errorText(e, 'versions') });
      announce(status.textContent);
    } finally {
      this.busy = false;
      this.sync();
    }
  }

  discard() {
    if (!window.confirm(t('draft.discardConfirm'))) return;
    this.client.discardDraft();
    $('#draft-status').textContent = t('draft.discarded');
    announce(t('draft.discarded'));
    this.sync();
  }
}
