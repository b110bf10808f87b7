// Undo and redo of this user's own changes only. Each entry holds the inverse ops of one local
// change; when someone else's change arrives, every entry is transformed against it (the remote
// change takes precedence, so undo never overwrites a value someone set after us).
import { transformX, composeOps } from './ops-transform.js';

const GROUP_MS = 1000;

export class UndoManager {
  constructor(limit = 200) {
    this.undoStack = [];
    this.redoStack = [];
    this.limit = limit;
    this.lastAt = 0;
    this.lastKey = null;
  }

  canUndo() { return this.undoStack.length > 0; }
  canRedo() { return this.redoStack.length > 0; }

  /**
   * Records the inverse of a local change. Consecutive typing in one field within a second is
   * one undo step.
   */
  record(inverse, { now = Date.now(), groupKey = null } = {}) {
    if (!inverse.length) return;
    this.redoStack = [];
    const top = this.undoStack[this.undoStack.length - 1];
    if (top && groupKey && groupKey === this.lastKey && now - this.lastAt < GROUP_MS) {
      // The new inverse undoes the newer edit, so it runs first.
      this.undoStack[this.undoStack.length - 1] = composeOps(inverse, top);
    } else {
      this.undoStack.push(inverse);
      if (this.undoStack.length > this.limit) this.undoStack.shift();
    }
    this.lastAt = now;
    this.lastKey = groupKey;
  }

  /** Pops the ops to apply for undo; `applyFn(ops)` must apply them and return their inverse. */
  undo(applyFn) {
    const ops = this.undoStack.pop();
    if (!ops) return false;
    this.lastKey = null;
    this.redoStack.push(applyFn(ops));
    return true;
  }

  redo(applyFn) {
    const ops = this.redoStack.pop();
    if (!ops) return false;
    this.lastKey = null;
    this.undoStack.push(applyFn(ops));
    return true;
  }

  /** Someone else's change (already transformed to apply to the local document) arrived. */
  transform(remoteOps) {
    this.lastKey = null;
    this.undoStack = transformStack(this.undoStack, remoteOps);
    this.redoStack = transformStack(this.redoStack, remoteOps);
  }
}

function transformStack(stack, remoteOps) {
  let remote = remoteOps;
  const out = new Array(stack.length);
  for (let i = stack.length - 1; i >= 0; i--) {
    const [r, entry] = transformX(remote, stack[i]);
    out[i] = entry;
    remote = r;
  }
  return out.filter(e => e.length > 0);
}
