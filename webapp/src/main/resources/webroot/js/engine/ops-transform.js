// Transform of op lists, the same rules as the Java core (it.tavolo.core.ops.OpTransform),
// where "later" wins every tie:
// - text vs text on one field: ot.js TextOperation.transform(later, earlier);
// - set vs set on one field, move vs move on one entity: later wins, earlier' dropped;
// - any op on an entity the other side deleted: dropped;
// - a reference to an entity the other side deleted becomes null (deleting clears references);
// - create vs create of one id: later's create dropped, earlier' replaces the entity whole;
// - everything else passes unchanged.
// transformX(later, earlier) returns [later', earlier']: later' applies after earlier and
// earlier' after later, and both orders reach the same document.
import { TextOperation } from './text-operation.js';
import { isRefTo } from './schema.js';

function sameEntity(a, b) { return a.coll === b.coll && a.id === b.id; }

function asText(edit) { return edit instanceof TextOperation ? edit : TextOperation.fromJSON(edit); }

/** `op` with every reference to coll/id set to null; `op` itself if it has none. */
export function clearReferences(op, coll, id) {
  if (op.op === 'set') {
    return op.value === id && isRefTo(op.coll, op.field, coll) ? { ...op, value: null } : op;
  }
  if (op.op === 'create') {
    let fields = null;
    for (const [name, value] of Object.entries(op.fields ?? {})) {
      if (value === id && isRefTo(op.coll, name, coll)) {
        fields ??= { ...op.fields };
        fields[name] = null;
      }
    }
    return fields ? { ...op, fields } : op;
  }
  return op;
}

/** One op against one op: [later', earlier'], null meaning the op became a no-op. */
export function transformPair(l, b) {
  if (b.op === 'delete') {
    if (sameEntity(l, b)) {
      if (l.op === 'create') return [l, b]; // impossible for valid input
      return [null, l.op === 'delete' ? null : b];
    }
    return [clearReferences(l, b.coll, b.id), b];
  }
  if (l.op === 'delete') {
    if (sameEntity(l, b)) {
      if (b.op === 'create') {
        // Later created this id too (its create was dropped) and then deleted it: the delete
        // stands on the server, so the entity is gone on both sides.
        return [l, b.replace ? null : b];
      }
      return [l, null];
    }
    return [l, clearReferences(b, l.coll, l.id)];
  }
  if (!sameEntity(l, b)) return [l, b];
  if (b.op === 'create') {
    if (l.op === 'create') {
      if (b.replace) return [l, b]; // impossible for valid input
      return [null, { ...b, replace: true }];
    }
    if (b.replace) return [null, b];
    return [l, b]; // impossible for valid input
  }
  if (l.op === 'set' && b.op === 'set' && l.field === b.field) return [l, null];
  if (l.op === 'move' && b.op === 'move') return [l, null];
  if (l.op === 'text' && b.op === 'text' && l.field === b.field) {
    const [lt, bt] = TextOperation.transform(asText(l.edit), asText(b.edit));
    return [{ ...l, edit: lt.toJSON() }, { ...b, edit: bt.toJSON() }];
  }
  return [l, b];
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
