// What every panel of the document view shares: the live document, the ops it may submit,
// the text editors, undo, and the people in the tavolo.
import { TextFieldEditor } from './text-editor.js';
import { UndoManager } from '../engine/undo.js';
import { keyBetween } from '../engine/order-keys.js';
import { randomId } from '../engine/client.js';
import { t } from '../i18n.js';
import { el } from './dom.js';
import { uid } from './fields.js';
import { originName } from './people.js';

const PRESENCE_THROTTLE_MS = 80;

export class DocContext {
  constructor({ client, people, onChange, announce }) {
    this.client = client;
    this.people = people;
    this.onChange = onChange;   // schedule a re-render: onChange(scope => scope.addOps(...)), or of everything
    this.announce = announce;
    this.undo = new UndoManager();
    this.editors = new Map();   // "coll/id/field" -> TextFieldEditor
    this.showAuthors = false;
    this.presenceTimer = null;
    this.pendingFocus = undefined;
    this.remoteFocus = new Map(); // client or user -> {user, focus}
    this.territori = [];          // the tavolo's territori, read by the document view
  }

  get doc() { return this.client.doc; }

  get role() { return this.client.you?.role ?? 'observer'; }

  /** Whether this person may change the draft now: not an observer, and the draft not locked. */
  get canEdit() { return (this.role === 'coordinator' || this.role === 'member') && !this.client.locked; }

  /** Proposing, supporting and commenting: the same people, at the same times. */
  get canPropose() { return this.canEdit; }

  get me() { return this.client.you?.user ?? null; }

  newId() { return randomId(); }

  /** Applies local ops (not typing, which the editor already shows) and records their undo. */
  apply(ops, { groupKey = null, fromEditor = null } = {}) {
    if (!this.canEdit || !ops.length) return;
    const inverse = this.client.submit(ops, this.me);
    this.undo.record(inverse, { groupKey });
    this.followCursors(ops);
    this.reflect(ops, fromEditor);
    this.onChange(s => s.addOps(ops));
  }

  /** Shows ops in the text editors they touch (except the one they came from). */
  reflect(ops, exceptKey = null) {
    for (const op of ops) {
      if (op.op !== 'text') continue;
      const k = `${op.coll}/${op.id}/${op.field}`;
      if (k === exceptKey) continue;
      const ed = this.editors.get(k);
      if (ed) {
        try { ed.applyRemote(asOp(op.edit)); } catch (e) { console.error('editor out of step, resetting it', e); }
        if (ed.ensureText(this.doc.get(op.coll, op.id)?.[op.field] ?? '', true)) console.warn('editor text reset to the document', k);
        this.checkLater(k, op.coll, op.id, op.field);
      }
    }
    for (const op of ops) {
      if (op.op !== 'text') continue;
      this.refreshAuthors(op.coll, op.id, op.field);
    }
  }

  /** The whole text compared once things are quiet (a safety net; ensureText above only compares lengths). */
  checkLater(k, coll, id, field) {
    (this.toCheck ??= new Map()).set(k, [coll, id, field]);
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      const all = this.toCheck;
      this.toCheck = new Map();
      for (const [key, [c, i, f]] of all) {
        const ed = this.editors.get(key);
        if (ed?.ensureText(this.doc?.get(c, i)?.[f] ?? '')) console.warn('editor text reset to the document', key);
      }
    }, 1000);
  }

  runUndo() {
    if (!this.canEdit) return;
    const done = this.undo.undo(ops => this.applyUndoOps(ops));
    this.announce(done ? t('undo.done') : t('undo.nothing'));
  }

  runRedo() {
    if (!this.canEdit) return;
    const done = this.undo.redo(ops => this.applyUndoOps(ops));
    this.announce(done ? t('redo.done') : t('redo.nothing'));
  }

  applyUndoOps(ops) {
    // Undo entries were transformed against everything since; apply them as a new local change.
    const valid = ops.filter(op => op.op === 'create' || this.doc.has(op.coll, op.id));
    const inverse = this.client.submit(valid, this.me);
    this.followCursors(valid);
    this.reflect(valid);
    this.onChange(s => s.addOps(valid));
    return inverse;
  }

  /** Someone else's batch arrived (already applied to the document). */
  remoteApplied(ops) {
    this.followCursors(ops);
    this.reflect(ops);
    try {
      this.undo.transform(ops);
    } catch (e) {
      // The undo history no longer fits the document (it was reloaded): start it afresh.
      console.warn('undo history dropped', e);
      this.undo = new UndoManager();
    }
  }

  /** A new snapshot replaced the document: earlier undo steps refer to a text that is gone. */
  resetUndo() { this.undo = new UndoManager(); }

  /**
   * A collaborative text editor for coll/id/field inside `container`, with a visible label.
   * Returns the wrapper element. A text taller than its box scrolls inside it (docs/webapp.md,
   * "A long text"): the box is then a group named by `headingId` (the section's title) and the
   * label, with a button to show the whole text instead.
   */
  textEditor(coll, id, field, label, headingId = null) {
    const key = `${coll}/${id}/${field}`;
    const labelId = uid('lbl');
    const authorLineId = uid('auth');
    const holder = el('div', { class: 'tv-editor' });
    const whole = el('button', { type: 'button', class: 'btn btn-link btn-sm p-0 tv-whole-toggle', hidden: true, text: t('editor.showWhole') });
    const wrap = el('div', { class: 'tv-text-field', dataset: { field: key } },
      el('span', { id: labelId, class: 'tv-text-label', text: label }),
      holder,
      el('div', { class: 'tv-text-foot' },
        el('div', { id: authorLineId, class: 'tv-author-line small', 'aria-live': 'off' }),
        whole));
    const editor = new TextFieldEditor({
      parent: holder,
      text: this.doc.get(coll, id)?.[field] ?? '',
      readOnly: !this.canEdit,
      labelId,
      authorLineId,
      onEdit: (op) => this.apply([{ op: 'text', coll, id, field, edit: op.toJSON() }], { groupKey: key, fromEditor: key }),
      onSelection: (sel) => this.focusChanged({ coll, id, field, anchor: sel.anchor, head: sel.head }),
      onUndo: () => this.runUndo(),
      onRedo: () => this.runRedo(),
      describeAuthor: (author) => originName(author) ?? t('authors.atCursor', { name: this.people.nameOf(author) }),
      onLong: (long) => {
        const box = editor.view.scrollDOM;
        wrap.classList.toggle('tv-long', long);
        whole.hidden = !long;
        if (long) {
          box.setAttribute('role', 'group');
          box.setAttribute('aria-labelledby', headingId ? `${headingId} ${labelId}` : labelId);
        } else {
          box.removeAttribute('role');
          box.removeAttribute('aria-labelledby');
        }
      },
    });
    whole.addEventListener('click', () => {
      const on = !wrap.classList.contains('tv-whole');
      const read = editor.view.scrollDOM.scrollTop;
      wrap.classList.toggle('tv-whole', on);
      editor.setWhole(on);
      whole.textContent = t(on ? 'editor.showBox' : 'editor.showWhole');
      // the lines being read stay where they were when the box opens; when it closes, the
      // button (under the box) stays under the pointer
      if (on) window.scrollBy(0, read);
      else whole.scrollIntoView({ block: 'nearest' });
    });
    this.editors.set(key, editor);
    editor.setAuthorship(this.doc.authors(coll, id, field), u => this.people.nameOf(u), this.showAuthors);
    this.drawCursors(key);
    wrap.editor = editor;
    wrap.editorKey = key;
    return wrap;
  }

  /** Destroys the editors inside a node that leaves the page. */
  releaseEditors(node) {
    for (const wrap of node.querySelectorAll('.tv-text-field')) {
      if (!wrap.editor) continue;
      wrap.editor.destroy();
      if (this.editors.get(wrap.editorKey) === wrap.editor) this.editors.delete(wrap.editorKey);
    }
  }

  refreshAuthors(coll, id, field) {
    const ed = this.editors.get(`${coll}/${id}/${field}`);
    if (ed) ed.setAuthorship(this.doc.authors(coll, id, field), u => this.people.nameOf(u), this.showAuthors);
  }

  setShowAuthors(show) {
    this.showAuthors = show;
    for (const k of this.editors.keys()) {
      const [coll, id, field] = k.split('/');
      this.refreshAuthors(coll, id, field);
    }
  }

  focusChanged(focus) {
    this.pendingFocus = focus;
    // The server relays presence at a limited rate: repeat the last position once things are
    // quiet, so others end with where the cursor really is.
    clearTimeout(this.presenceTrailing);
    const quiet = (this.client.limits?.presenceMillis ?? 200) + 50;
    this.presenceTrailing = setTimeout(() => this.client.sendPresence(this.pendingFocus ?? null), quiet);
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.client.sendPresence(this.pendingFocus ?? null);
    }, PRESENCE_THROTTLE_MS);
  }

  /** A presence message: someone's cursor moved (or left). */
  remotePresence(msg) {
    const key = msg.client ?? msg.user;
    if (!key || msg.client === this.client.clientId) return;
    const before = this.remoteFocus.get(key)?.focus;
    if (msg.focus) this.remoteFocus.set(key, { user: msg.user, focus: msg.focus });
    else this.remoteFocus.delete(key);
    const touched = new Set();
    if (before) touched.add(`${before.coll}/${before.id}/${before.field}`);
    if (msg.focus) touched.add(`${msg.focus.coll}/${msg.focus.id}/${msg.focus.field}`);
    for (const k of touched) this.drawCursors(k);
    // only the entities someone left or entered show it (a budget line's outline)
    this.onChange(s => {
      if (before) s.entity(before.coll, before.id);
      if (msg.focus) s.entity(msg.focus.coll, msg.focus.id);
    });
  }

  /**
   * Moves the remembered remote cursors through text edits, as the editors move the drawn
   * ones: a redraw (someone else's cursor moved in the same field) starts from these.
   */
  followCursors(ops) {
    for (const op of ops) {
      if (op.op !== 'text') continue;
      let edit = null;
      for (const [key, v] of this.remoteFocus) {
        const f = v.focus;
        if (f.coll !== op.coll || f.id !== op.id || f.field !== op.field || typeof f.anchor !== 'number') continue;
        edit ??= asOp(op.edit);
        this.remoteFocus.set(key, { ...v, focus: { ...f, anchor: edit.transformIndex(f.anchor), head: edit.transformIndex(f.head) } });
      }
    }
  }

  /** Forget cursors of clients that are gone (members message lists the live clients). */
  pruneCursors(liveClients) {
    for (const [key, v] of this.remoteFocus) {
      if (!liveClients.has(key)) {
        this.remoteFocus.delete(key);
        const f = v.focus;
        this.drawCursors(`${f.coll}/${f.id}/${f.field}`);
      }
    }
  }

  drawCursors(fieldKey) {
    const ed = this.editors.get(fieldKey);
    if (!ed) return;
    const cursors = [];
    for (const [key, v] of this.remoteFocus) {
      const f = v.focus;
      if (`${f.coll}/${f.id}/${f.field}` !== fieldKey) continue;
      if (typeof f.anchor !== 'number' || typeof f.head !== 'number') continue;
      cursors.push({ key, anchor: f.anchor, head: f.head, name: this.people.nameOf(v.user), colour: colourOf(v.user) });
    }
    ed.setRemoteCursors(cursors);
  }

  /** Who is focused on coll/id/field (for non-text fields): [userId]. */
  focusedBy(coll, id, field) {
    const users = [];
    for (const v of this.remoteFocus.values()) {
      const f = v.focus;
      if (f.coll === coll && f.id === id && (field === undefined || f.field === field)) users.push(v.user);
    }
    return users;
  }

  /** An order key to put a new entity after `afterId` (or at the end) among `siblings`. */
  keyAfter(siblings, afterId) {
    if (!afterId) {
      const last = siblings[siblings.length - 1];
      return keyBetween(last?.order ?? null, null);
    }
    const i = siblings.findIndex(s => s.id === afterId);
    return keyBetween(siblings[i]?.order ?? null, siblings[i + 1]?.order ?? null);
  }

  /** A move op that swaps `id` one place up (-1) or down (+1) among siblings. */
  moveOp(coll, siblings, id, dir) {
    const i = siblings.findIndex(s => s.id === id);
    const j = i + dir;
    if (i < 0 || j < 0 || j >= siblings.length) return null;
    let key;
    if (dir < 0) key = keyBetween(siblings[j - 1]?.order ?? null, siblings[j].order);
    else key = keyBetween(siblings[j].order, siblings[j + 1]?.order ?? null);
    return { op: 'move', coll, id, order: key };
  }

  destroy() {
    clearTimeout(this.checkTimer);
    clearTimeout(this.presenceTimer);
    clearTimeout(this.presenceTrailing);
    for (const ed of this.editors.values()) ed.destroy();
    this.editors.clear();
  }
}

import { TextOperation } from '../engine/text-operation.js';
import { colourIndex } from './colors.js';
function asOp(edit) { return edit instanceof TextOperation ? edit : TextOperation.fromJSON(edit); }
function colourOf(user) { return colourIndex(user); }
