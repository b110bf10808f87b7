// TextOperation with ot.js semantics: a list of retain (positive integer), insert (string) and
// delete (negative integer) components spanning the whole document. Lengths and positions are
// UTF-16 code units, exactly as the server counts them.

export class TextOperation {
  constructor() {
    this.ops = [];
    this.baseLength = 0;   // length of the text this applies to
    this.targetLength = 0; // length of the text it produces
  }

  static isRetain(op) { return typeof op === 'number' && op > 0; }
  static isInsert(op) { return typeof op === 'string'; }
  static isDelete(op) { return typeof op === 'number' && op < 0; }

  retain(n) {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error('retain expects an integer');
    if (n === 0) return this;
    if (n < 0) throw new Error('retain expects a positive integer');
    this.baseLength += n;
    this.targetLength += n;
    const last = this.ops.length - 1;
    if (TextOperation.isRetain(this.ops[last])) this.ops[last] += n;
    else this.ops.push(n);
    return this;
  }

  insert(str) {
    if (typeof str !== 'string') throw new Error('insert expects a string');
    if (str === '') return this;
    this.targetLength += str.length;
    const ops = this.ops;
    const last = ops.length - 1;
    if (TextOperation.isInsert(ops[last])) {
      ops[last] += str;
    } else if (TextOperation.isDelete(ops[last])) {
      // Canonical order: insert before delete, so equal operations have equal component lists.
      if (TextOperation.isInsert(ops[last - 1])) ops[last - 1] += str;
      else { ops[last + 1] = ops[last]; ops[last] = str; }
    } else {
      ops.push(str);
    }
    return this;
  }

  delete(n) {
    if (typeof n === 'string') n = n.length;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error('delete expects an integer or a string');
    if (n === 0) return this;
    if (n > 0) n = -n;
    this.baseLength -= n;
    const last = this.ops.length - 1;
    if (TextOperation.isDelete(this.ops[last])) this.ops[last] += n;
    else this.ops.push(n);
    return this;
  }

  isNoop() {
    return this.ops.length === 0 || (this.ops.length === 1 && TextOperation.isRetain(this.ops[0]));
  }

  equals(other) {
    if (this.baseLength !== other.baseLength || this.targetLength !== other.targetLength) return false;
    if (this.ops.length !== other.ops.length) return false;
    return this.ops.every((op, i) => op === other.ops[i]);
  }

  toJSON() { return this.ops.slice(); }

  static fromJSON(ops) {
    if (!Array.isArray(ops)) throw new Error('text edit must be an array');
    const o = new TextOperation();
    for (const op of ops) {
      if (TextOperation.isRetain(op)) o.retain(op);
      else if (TextOperation.isInsert(op)) o.insert(op);
      else if (TextOperation.isDelete(op)) o.delete(op);
      else throw new Error('unknown text component: ' + JSON.stringify(op));
    }
    return o;
  }

  apply(str) {
    if (str.length !== this.baseLength) {
      throw new Error(`text edit spans ${this.baseLength} code units, field has ${str.length}`);
    }
    const parts = [];
    let index = 0;
    for (const op of this.ops) {
      if (splitsPair(str, index)) throw new Error(`text edit splits a surrogate pair at ${index}`);
      if (TextOperation.isRetain(op)) {
        parts.push(str.slice(index, index + op));
        index += op;
      } else if (TextOperation.isInsert(op)) {
        if (hasLoneSurrogate(op)) throw new Error('text edit inserts a lone surrogate');
        parts.push(op);
      } else {
        index -= op;
      }
    }
    return parts.join('');
  }

  /** The operation that undoes this one, given the text it was applied to. */
  invert(str) {
    let index = 0;
    const inverse = new TextOperation();
    for (const op of this.ops) {
      if (TextOperation.isRetain(op)) {
        inverse.retain(op);
        index += op;
      } else if (TextOperation.isInsert(op)) {
        inverse.delete(op.length);
      } else {
        inverse.insert(str.slice(index, index - op));
        index -= op;
      }
    }
    return inverse;
  }

  /** apply(apply(s, this), other) === apply(s, this.compose(other)). */
  compose(other) {
    if (this.targetLength !== other.baseLength) {
      throw new Error('compose: the second operation must start where the first ends');
    }
    const result = new TextOperation();
    const ops1 = this.ops, ops2 = other.ops;
    let i1 = 0, i2 = 0;
    let op1 = ops1[i1++], op2 = ops2[i2++];
    for (;;) {
      if (op1 === undefined && op2 === undefined) break;
      if (TextOperation.isDelete(op1)) { result.delete(op1); op1 = ops1[i1++]; continue; }
      if (TextOperation.isInsert(op2)) { result.insert(op2); op2 = ops2[i2++]; continue; }
      if (op1 === undefined) throw new Error('compose: first operation is too short');
      if (op2 === undefined) throw new Error('compose: first operation is too long');

      if (TextOperation.isRetain(op1) && TextOperation.isRetain(op2)) {
        if (op1 > op2) { result.retain(op2); op1 -= op2; op2 = ops2[i2++]; }
        else if (op1 === op2) { result.retain(op1); op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { result.retain(op1); op2 -= op1; op1 = ops1[i1++]; }
      } else if (TextOperation.isInsert(op1) && TextOperation.isDelete(op2)) {
        if (op1.length > -op2) { op1 = op1.slice(-op2); op2 = ops2[i2++]; }
        else if (op1.length === -op2) { op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { op2 += op1.length; op1 = ops1[i1++]; }
      } else if (TextOperation.isInsert(op1) && TextOperation.isRetain(op2)) {
        if (op1.length > op2) { result.insert(op1.slice(0, op2)); op1 = op1.slice(op2); op2 = ops2[i2++]; }
        else if (op1.length === op2) { result.insert(op1); op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { result.insert(op1); op2 -= op1.length; op1 = ops1[i1++]; }
      } else if (TextOperation.isRetain(op1) && TextOperation.isDelete(op2)) {
        if (op1 > -op2) { result.delete(op2); op1 += op2; op2 = ops2[i2++]; }
        else if (op1 === -op2) { result.delete(op2); op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { result.delete(op1); op2 += op1; op1 = ops1[i1++]; }
      } else {
        throw new Error('compose: incompatible components');
      }
    }
    return result;
  }

  /**
   * ot.js transform: returns [a', b'] with apply(apply(s, a), b') === apply(apply(s, b), a').
   * Where both insert at the same position, a's insert comes first. The protocol calls this
   * as transform(later, earlier).
   */
  static transform(a, b) {
    if (a.baseLength !== b.baseLength) {
      throw new Error(`transform: both edits must start from the same text (${a.baseLength} vs ${b.baseLength})`);
    }
    const aPrime = new TextOperation(), bPrime = new TextOperation();
    const ops1 = a.ops, ops2 = b.ops;
    let i1 = 0, i2 = 0;
    let op1 = ops1[i1++], op2 = ops2[i2++];
    for (;;) {
      if (op1 === undefined && op2 === undefined) break;
      if (TextOperation.isInsert(op1)) {
        aPrime.insert(op1); bPrime.retain(op1.length); op1 = ops1[i1++]; continue;
      }
      if (TextOperation.isInsert(op2)) {
        aPrime.retain(op2.length); bPrime.insert(op2); op2 = ops2[i2++]; continue;
      }
      if (op1 === undefined) throw new Error('transform: first operation is too short');
      if (op2 === undefined) throw new Error('transform: first operation is too long');

      let minl;
      if (TextOperation.isRetain(op1) && TextOperation.isRetain(op2)) {
        if (op1 > op2) { minl = op2; op1 -= op2; op2 = ops2[i2++]; }
        else if (op1 === op2) { minl = op2; op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { minl = op1; op2 -= op1; op1 = ops1[i1++]; }
        aPrime.retain(minl); bPrime.retain(minl);
      } else if (TextOperation.isDelete(op1) && TextOperation.isDelete(op2)) {
        // Both delete the same text: nothing left to do on either side.
        if (-op1 > -op2) { op1 -= op2; op2 = ops2[i2++]; }
        else if (op1 === op2) { op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { op2 -= op1; op1 = ops1[i1++]; }
      } else if (TextOperation.isDelete(op1) && TextOperation.isRetain(op2)) {
        if (-op1 > op2) { minl = op2; op1 += op2; op2 = ops2[i2++]; }
        else if (-op1 === op2) { minl = op2; op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { minl = -op1; op2 += op1; op1 = ops1[i1++]; }
        aPrime.delete(minl);
      } else if (TextOperation.isRetain(op1) && TextOperation.isDelete(op2)) {
        if (op1 > -op2) { minl = -op2; op1 += op2; op2 = ops2[i2++]; }
        else if (op1 === -op2) { minl = op1; op1 = ops1[i1++]; op2 = ops2[i2++]; }
        else { minl = op1; op2 += op1; op1 = ops1[i1++]; }
        bPrime.delete(minl);
      } else {
        throw new Error('transform: incompatible components');
      }
    }
    return [aPrime, bPrime];
  }

  /**
   * Where a position moves to when this operation is applied. An insert exactly at the position
   * pushes it forward unless `stickBefore` (used for our own cursor so it stays after our text).
   */
  transformIndex(index, stickBefore = false) {
    let newIndex = index;
    let pos = 0;
    for (const op of this.ops) {
      if (pos > index) break;
      if (TextOperation.isRetain(op)) {
        pos += op;
      } else if (TextOperation.isInsert(op)) {
        if (pos < index || (pos === index && !stickBefore)) newIndex += op.length;
      } else {
        newIndex -= Math.min(index - pos, -op);
        pos -= op;
      }
    }
    return newIndex;
  }
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** Would a boundary at `index` fall between the two halves of a surrogate pair? */
function splitsPair(str, index) {
  return index > 0 && index < str.length && isHigh(str.charCodeAt(index - 1)) && isLow(str.charCodeAt(index));
}

function hasLoneSurrogate(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) { i++; continue; }
      return true;
    }
    if (isLow(c)) return true;
  }
  return false;
}
