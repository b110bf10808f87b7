// Who wrote each code unit of a text field: a run-length list like Etherpad's attribution,
// kept in step with the text by applying the same TextOperations. On the wire (the Java core's
// StateCodec) a run is [author, length]; internally [length, author].
import { TextOperation } from './text-operation.js';

export class AuthorRuns {
  constructor(runs = []) {
    this.runs = [];
    for (const r of runs) {
      // Accept both orders: a number first means [length, author].
      if (typeof r[0] === 'number') this.push(r[1], r[0]); else this.push(r[0], r[1]);
    }
  }

  static uniform(author, length) { return new AuthorRuns(length > 0 ? [[author, length]] : []); }

  get length() { return this.runs.reduce((n, r) => n + r[0], 0); }

  push(author, length) {
    if (length <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last[1] === author) last[0] += length;
    else this.runs.push([length, author]);
  }

  /** The runs after `edit`, with inserted text credited to `author`. */
  apply(edit, author) {
    const out = new AuthorRuns();
    let ri = 0, offset = 0; // position inside this.runs
    const take = (n, keep) => {
      while (n > 0) {
        const run = this.runs[ri];
        if (!run) throw new Error('authorship shorter than the text edit');
        const k = Math.min(n, run[0] - offset);
        if (keep) out.push(run[1], k);
        offset += k; n -= k;
        if (offset === run[0]) { ri++; offset = 0; }
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
    for (const [length, author] of this.runs) {
      result.push({ author, from: pos, to: pos + length });
      pos += length;
    }
    return result;
  }

  authorAt(index) {
    let pos = 0;
    for (const [length, author] of this.runs) {
      if (index < pos + length) return author;
      pos += length;
    }
    return null;
  }

  /** The wire form: [[author, length], ...] */
  toJSON() { return this.runs.map(r => [r[1], r[0]]); }
}
