// What the next frame must redraw in the draft's panels (issue 18, speed): a change names the
// entities it touched, so a keystroke in a 200 KB section or a remote edit of one budget line
// redraws that line (or nothing), not all 300 rows, the totals and every panel.
//
// Text ops add nothing: the text editors show them themselves (DocContext.reflect). A `set`
// names one entity; create, delete and move change a collection's list (and, for a delete,
// the references to it): the whole collection. `everything()` is for what no op describes
// (a snapshot, people or organisations, the language).
//
// Threading: the browser's one thread.
export class RenderScope {
  constructor() {
    this.all = false;
    this.colls = new Map(); // coll -> Set of ids whose scalar fields changed, or null: the whole collection
  }

  everything() { this.all = true; return this; }

  addOps(ops) {
    for (const op of ops ?? []) {
      if (op.op === 'text') continue;
      if (op.op === 'set') this.entity(op.coll, op.id);
      else this.collection(op.coll);
    }
    return this;
  }

  entity(coll, id) {
    if (!this.colls.has(coll)) this.colls.set(coll, new Set());
    this.colls.get(coll)?.add(id);
    return this;
  }

  collection(coll) { this.colls.set(coll, null); return this; }

  /** Whether anything in these collections may look different. */
  touches(...colls) { return this.all || colls.some(c => this.colls.has(c)); }

  /**
   * The entities of `coll` to redraw one by one: a Set (possibly empty), or null when the
   * whole collection must be redrawn.
   */
  only(coll) {
    if (this.all) return null;
    return this.colls.has(coll) ? this.colls.get(coll) : new Set();
  }

  /** Some list gained, lost or reordered entities (proposal flags must look again). */
  structural() { return this.all || [...this.colls.values()].some(v => v === null); }
}
