// Who wrote each code unit of a text field: a run-length list of [author, length], like
// Etherpad's attribution. Kept in step with the text by applying the same TextOperations.
import { TextOperation } from './text-operation.js';

export class AuthorRuns {
  constructor(runs = []) {
    this.runs = [];
    for (const [author, length] of runs) this.push(author, length);
  }

  static uniform(author, length) { return new AuthorRuns(length > 0 ? [[author, length]] : []); }

  get length() { return this.runs.reduce((n, r) => n + r[1], 0); }

  push(author, length) {
    if (length <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last[0] === author) last[1] += length;
    else this.runs.push([author, length]);
  }

  /** The runs after `edit`, with inserted text credited to `author`. */
  apply(edit, author) {
    const out = new AuthorRuns();
    let ri = 0, offset = 0; // position inside this.runs
    const take = (n, keep) => {
      while (n > 0) {
        const run = this.runs[ri];
        if (!run) throw new Error('authorship shorter than the text edit');
        const k = Math.min(n, run[1] - offset);
        if (keep) out.push(run[0], k);
        offset += k; n -= k;
        if (offset === run[1]) { ri++; offset = 0; }
      }
    };
    for (const op of edit.ops) {
      if (TextOperation.isRetain(op)) take(op, true);
      else if (TextOperation.isInsert(op)) out.push(author, op.length);
      else take(-op, false);
    }
    return out;
  }

  /** [{author, from, to}] spans in code units. */
  spans() {
    const result = [];
    let pos = 0;
    for (const [author, length] of this.runs) {
      result.push({ author, from: pos, to: pos + length });
      pos += length;
    }
    return result;
  }

  authorAt(index) {
    let pos = 0;
    for (const [author, length] of this.runs) {
      if (index < pos + length) return author;
      pos += length;
    }
    return null;
  }

  toJSON() { return this.runs.map(r => [r[0], r[1]]); }
}
