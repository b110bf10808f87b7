// One collaborative text field in a CodeMirror 6 editor: local edits become TextOperations for
// the protocol client, remote edits come in as CodeMirror changes, other people's cursors and
// selections are drawn in their colours, and "who wrote what" marks every run of text with its
// author (name on hover, and under the editor for the text at the cursor).
import {
  EditorState, EditorView, EditorSelection, StateField, StateEffect, Annotation, Transaction, Decoration, WidgetType,
  keymap, defaultKeymap,
} from '../../vendor/codemirror.js';
import { TextOperation } from '../engine/text-operation.js';
import { colourIndex } from './colors.js';

const remote = Annotation.define();
const setAuthorDecos = StateEffect.define();
const setCursors = StateEffect.define();
const setThreadMarks = StateEffect.define();

// Passages that comment threads are anchored to: set from the anchors (docs/protocol.md
// "Threads"), mapped through local typing until the next set.
const threadField = StateField.define({
  create: () => Decoration.none,
  update(decos, tr) {
    for (const e of tr.effects) if (e.is(setThreadMarks)) return e.value;
    return decos.map(tr.changes);
  },
  provide: f => EditorView.decorations.from(f),
});

const authorField = StateField.define({
  create: () => Decoration.none,
  update(decos, tr) {
    for (const e of tr.effects) if (e.is(setAuthorDecos)) return e.value;
    return decos.map(tr.changes);
  },
  provide: f => EditorView.decorations.from(f),
});

class CaretWidget extends WidgetType {
  constructor(name, colour) { super(); this.name = name; this.colour = colour; }
  eq(other) { return other.name === this.name && other.colour === this.colour; }
  toDOM() {
    const caret = document.createElement('span');
    caret.className = `remote-caret c${this.colour}`;
    caret.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'remote-caret-label';
    label.textContent = this.name;
    caret.append(label);
    return caret;
  }
  ignoreEvent() { return true; }
}

// Remote cursors: {key: {anchor, head, name, colour}}, mapped through every change.
const cursorField = StateField.define({
  create: () => ({ cursors: new Map(), decos: Decoration.none }),
  update(value, tr) {
    let cursors = value.cursors;
    let changed = false;
    for (const e of tr.effects) if (e.is(setCursors)) { cursors = e.value; changed = true; }
    if (!changed && !tr.docChanged) return value;
    if (tr.docChanged && !changed) {
      const mapped = new Map();
      // Someone's cursor may sit in text we have not received yet: clamp before mapping, or
      // mapPos throws and the whole change is lost.
      const max = tr.startState.doc.length;
      const clamp = (p) => Math.min(Math.max(0, p), max);
      for (const [k, c] of cursors) {
        mapped.set(k, { ...c, anchor: tr.changes.mapPos(clamp(c.anchor), 1), head: tr.changes.mapPos(clamp(c.head), 1) });
      }
      cursors = mapped;
    }
    return { cursors, decos: cursorDecorations(cursors, tr.state.doc.length) };
  },
  provide: f => EditorView.decorations.from(f, v => v.decos),
});

function cursorDecorations(cursors, length) {
  const ranges = [];
  for (const c of cursors.values()) {
    const anchor = Math.min(Math.max(0, c.anchor), length);
    const head = Math.min(Math.max(0, c.head), length);
    const from = Math.min(anchor, head), to = Math.max(anchor, head);
    if (to > from) {
      ranges.push(Decoration.mark({ class: `remote-selection c${c.colour}`, attributes: { title: c.name } }).range(from, to));
    }
    ranges.push(Decoration.widget({ widget: new CaretWidget(c.name, c.colour), side: 1 }).range(head));
  }
  return Decoration.set(ranges, true);
}

/** A CodeMirror change set, relative to a document of `length`, as an ot.js TextOperation. */
export function changesToOperation(changes, length) {
  const op = new TextOperation();
  let pos = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    op.retain(fromA - pos);
    if (toA > fromA) op.delete(toA - fromA);
    if (inserted.length) op.insert(inserted.toString());
    pos = toA;
  });
  op.retain(length - pos);
  return op;
}

/** A TextOperation as CodeMirror change specs (positions in the document before it). */
export function operationToChanges(op) {
  const changes = [];
  let pos = 0;
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) pos += c;
    else if (TextOperation.isInsert(c)) changes.push({ from: pos, insert: c });
    else { changes.push({ from: pos, to: pos - c }); pos -= c; }
  }
  return changes;
}

export class TextFieldEditor {
  /**
   * @param {object} o
   * @param {HTMLElement} o.parent
   * @param {string} o.text           initial text
   * @param {boolean} o.readOnly
   * @param {string} o.labelId        id of the visible label
   * @param {string} o.authorLineId   id of the element that names the author at the cursor
   * @param {(op: TextOperation) => void} o.onEdit
   * @param {(sel: {anchor:number, head:number}|null) => void} o.onSelection
   * @param {() => void} o.onUndo
   * @param {() => void} o.onRedo
   * @param {(long: boolean) => void} [o.onLong]  the text became taller than its box (which then
   *   scrolls inside, CSS .tv-editor .cm-editor max-height), or fits again
   */
  constructor(o) {
    this.o = o;
    this.runs = null;
    this.showAuthors = false;
    this.nameOf = () => '';
    this.refreshQueued = false;
    this.authorsShown = false; // the author marks drawn now (none at first)
    const extensions = [
      EditorState.lineSeparator.of('\n'),
      EditorView.lineWrapping,
      keymap.of([
        { key: 'Mod-z', run: () => { o.onUndo(); return true; } },
        { key: 'Mod-y', run: () => { o.onRedo(); return true; } },
        { key: 'Mod-Shift-z', run: () => { o.onRedo(); return true; } },
        ...defaultKeymap,
      ]),
      EditorState.readOnly.of(!!o.readOnly),
      EditorView.contentAttributes.of({
        'aria-labelledby': o.labelId,
        'aria-describedby': o.authorLineId,
        'aria-readonly': o.readOnly ? 'true' : 'false',
        'aria-multiline': 'true',
        'role': 'textbox',
        'spellcheck': 'true',
        'lang': 'it',
        // in the tab order already (contenteditable); said outright so that a long text's box
        // is seen to hold something focusable (axe-core: scrollable-region-focusable)
        'tabindex': '0',
      }),
      authorField,
      cursorField,
      threadField,
      EditorView.updateListener.of(u => this.onUpdate(u)),
    ];
    this.view = new EditorView({
      state: EditorState.create({ doc: o.text, extensions }),
      parent: o.parent,
    });
    // A ResizeObserver runs after layout: reading the scroller's sizes there forces none (the
    // keystroke path stays free of layout reads). It fires only when the content's size changes.
    this.long = false;
    this.boxHeight = 0;
    this.whole = false;
    if (o.onLong && typeof ResizeObserver === 'function') {
      this.sizes = new ResizeObserver(() => this.checkLong());
      this.sizes.observe(this.view.contentDOM);
      this.sizes.observe(this.view.scrollDOM);
    }
  }

  /** Long: the text does not fit its bounded box. Shown whole, it stays long until it would fit. */
  checkLong() {
    const s = this.view.scrollDOM;
    let long;
    if (!this.whole) {
      long = s.scrollHeight > s.clientHeight + 1;
      if (long) this.boxHeight = s.clientHeight;
    } else {
      long = this.long && this.view.contentDOM.offsetHeight > this.boxHeight + 1;
    }
    if (long === this.long) return;
    this.long = long;
    this.o.onLong(long);
  }

  /** Whole: the box grows with the text (the page scrolls), instead of scrolling inside. */
  setWhole(whole) {
    this.whole = whole;
  }

  /**
   * Scrolls from..to to the middle of the editor's box and the box into the window; with
   * `select`, also makes it the selection (a comment's passage). A remote caret followed: no select.
   */
  reveal(from, to = from, select = false) {
    const length = this.view.state.doc.length;
    const a = Math.min(Math.max(0, from), length), b = Math.min(Math.max(0, to), length);
    const range = EditorSelection.range(a, b);
    this.view.dispatch({
      selection: select ? { anchor: a, head: b } : undefined,
      effects: EditorView.scrollIntoView(range, { y: 'center' }),
    });
  }

  onUpdate(u) {
    if (u.docChanged) {
      for (const tr of u.transactions) {
        if (!tr.docChanged || tr.annotation(remote)) continue;
        this.o.onEdit(changesToOperation(tr.changes, tr.startState.doc.length));
      }
      this.queueAuthorRefresh();
    }
    if (u.selectionSet || u.focusChanged || u.docChanged) {
      if (u.view.hasFocus) {
        const sel = u.state.selection.main;
        this.o.onSelection({ anchor: sel.anchor, head: sel.head });
      }
      this.updateAuthorLine();
    }
  }

  text() { return this.view.state.doc.toString(); }

  /** Someone else's edit (already transformed to apply to this text). */
  applyRemote(op) {
    this.view.dispatch({
      changes: operationToChanges(op),
      annotations: [remote.of(true), Transaction.addToHistory.of(false)],
    });
  }

  /**
   * Puts the text back to `text` if the editor ever disagrees with the document. `quick`: only
   * the lengths are compared (a remote keystroke must not copy a 200 KB text); the caller
   * compares the whole text later, off the keystroke's path.
   */
  ensureText(text, quick = false) {
    if (quick ? this.view.state.doc.length === text.length : this.text() === text) return false;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      annotations: [remote.of(true)],
    });
    return true;
  }

  setAuthorship(runs, nameOf, show) {
    this.runs = runs;
    this.nameOf = nameOf;
    this.showAuthors = show;
    this.queueAuthorRefresh();
  }

  queueAuthorRefresh() {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    // Not inside an update: CodeMirror forbids dispatching while one is running.
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.refreshAuthors();
    });
  }

  refreshAuthors() {
    if (!this.showAuthors && this.authorsShown === false) {
      // nothing drawn, nothing to draw: no transaction (and no measure) per keystroke
      this.updateAuthorLine();
      return;
    }
    this.authorsShown = this.showAuthors;
    let decos = Decoration.none;
    const length = this.view.state.doc.length;
    if (this.showAuthors && this.runs && this.runs.length === length) {
      const ranges = [];
      for (const span of this.runs.spans()) {
        if (span.to <= span.from) continue;
        const name = this.nameOf(span.author);
        ranges.push(Decoration.mark({
          class: `author-mark a${colourIndex(span.author)}`,
          attributes: { title: name },
        }).range(span.from, span.to));
      }
      decos = Decoration.set(ranges, true);
    }
    this.view.dispatch({ effects: setAuthorDecos.of(decos) });
    this.updateAuthorLine();
  }

  updateAuthorLine() {
    const line = document.getElementById(this.o.authorLineId);
    if (!line) return;
    if (!this.showAuthors || !this.runs || !this.view.hasFocus) { if (line.textContent) line.textContent = ''; return; }
    const pos = this.view.state.selection.main.head;
    const author = this.runs.authorAt(Math.max(0, pos - 1)) ?? this.runs.authorAt(pos);
    const text = this.o.describeAuthor(author);
    if (line.textContent !== text) line.textContent = text;
  }

  /** cursors: [{key, anchor, head, name, colour}] */
  setRemoteCursors(cursors) {
    const map = new Map();
    for (const c of cursors) map.set(c.key, c);
    this.view.dispatch({ effects: setCursors.of(map) });
  }

  /** marks: [{from, to, title}] in this text's offsets; out-of-range ones are left out. */
  setThreadMarks(marks) {
    const length = this.view.state.doc.length;
    const ranges = marks.filter(m => m.from < m.to && m.to <= length)
      .map(m => Decoration.mark({ class: 'tv-thread-mark', attributes: { title: m.title } }).range(m.from, m.to));
    this.view.dispatch({ effects: setThreadMarks.of(Decoration.set(ranges, true)) });
  }

  /** The selected range, or null when nothing is selected. */
  selection() {
    const sel = this.view.state.selection.main;
    return sel.empty ? null : { from: sel.from, to: sel.to };
  }

  focus() { this.view.focus(); }

  destroy() { this.sizes?.disconnect(); this.view.destroy(); }
}
