// Transform of op lists, the same rules as the Java core (it.tavolo.core.ops.OpTransform):
// - set vs set on the same field, move vs move on the same entity: the later one wins;
// - an op on an entity the other side deletes becomes a no-op (dropped);
// - text vs text on the same field: ot.js TextOperation.transform(later, earlier), where the
//   later insert goes first at a tie;
// - everything else commutes.
// transformX(later, earlier) returns [later', earlier']: later' applies after earlier and
// earlier' applies after later, and both orders reach the same document.
import { TextOperation } from './text-operation.js';

function sameEntity(a, b) { return a.coll === b.coll && a.id === b.id; }

// The field an op writes, for conflict purposes: a move writes the order.
function writtenField(op) {
  if (op.op === 'move') return 'order';
  if (op.op === 'set' || op.op === 'text') return op.field;
  return null;
}

function asText(edit) { return edit instanceof TextOperation ? edit : TextOperation.fromJSON(edit); }

/** One op against one op: [later', earlier'], null meaning the op became a no-op. */
export function transformPair(later, earlier) {
  if (!sameEntity(later, earlier)) return [later, earlier];
  if (later.op === 'create' || earlier.op === 'create') {
    // Ids are fresh per create, so a create never meets another op on its entity from the
    // other side; if two creates clash, the earlier one stands.
    if (later.op === 'create' && earlier.op === 'create') return [null, earlier];
    return [later, earlier];
  }
  if (earlier.op === 'delete') return [null, later.op === 'delete' ? null : earlier];
  if (later.op === 'delete') return [later, null];

  const lf = writtenField(later), ef = writtenField(earlier);
  if (lf !== ef) return [later, earlier];
  if (later.op === 'text' && earlier.op === 'text') {
    const [l, e] = TextOperation.transform(asText(later.edit), asText(earlier.edit));
    return [{ ...later, edit: l.toJSON() }, { ...earlier, edit: e.toJSON() }];
  }
  if (later.op === 'text' || earlier.op === 'text') {
    // A text field is only ever edited by text ops; a set on it is invalid and the server
    // refuses it. Keep both rather than guess.
    return [later, earlier];
  }
  // set/set, move/move, set(order)/move: the later writer wins.
  return [later, null];
}

/** [later', earlier'] for op lists; each list's ops apply in order. */
export function transformX(later, earlier) {
  let earlierNow = earlier.slice();
  const laterOut = [];
  for (const op of later) {
    let cur = op;
    const nextEarlier = [];
    for (const e of earlierNow) {
      if (cur === null) { nextEarlier.push(e); continue; }
      const [l, ep] = transformPair(cur, e);
      cur = l;
      if (ep !== null) nextEarlier.push(ep);
    }
    earlierNow = nextEarlier;
    if (cur !== null) laterOut.push(cur);
  }
  return [laterOut, earlierNow];
}

/** later' only: what the server does to a batch sequenced after `earlier`. */
export function transformOps(later, earlier) {
  return transformX(later, earlier)[0];
}

/**
 * Appends `next` to a pending list, composing consecutive text edits of the same field so a
 * burst of typing stays one op.
 */
export function composeOps(pending, next) {
  const out = pending.slice();
  for (const op of next) {
    const last = out[out.length - 1];
    if (last && op.op === 'text' && last.op === 'text' && sameEntity(last, op) && last.field === op.field) {
      out[out.length - 1] = { ...last, edit: asText(last.edit).compose(asText(op.edit)).toJSON() };
    } else {
      out.push(op);
    }
  }
  return out;
}
