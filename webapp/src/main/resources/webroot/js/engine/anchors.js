// Anchors of comment threads carried through committed batches, by the same rule as the
// server's core/anchor/AnchorTransform (docs/protocol.md "Threads"): text inserted strictly
// inside a passage joins it, text inserted at either end stays outside, deleted characters
// leave it; when none is left, or its entity is deleted, the anchor is dead for good and
// keeps its quote. Applied to the same batches in the same (sequence) order, every replica
// reaches the server's anchor.

/** The field that names an entity (a budget line has a description, no title). */
function titleField(coll) { return coll === 'budget' ? 'description' : 'title'; }

/**
 * `anchor` ({coll, id, field|null, start, end, quote, live}) after one batch of wire ops.
 * Returns a new object (or the same one when nothing touched it).
 */
export function carryAnchor(anchor, ops) {
  let a = anchor;
  for (const op of ops ?? []) a = carryOne(a, op);
  return a;
}

function carryOne(a, op) {
  if (!a.live || op.coll !== a.coll || op.id !== a.id) return a;
  if (op.op === 'delete' || (op.op === 'create' && op.replace)) return { ...a, live: false };
  if (op.op === 'text' && a.field && op.field === a.field) return throughEdit(a, op.edit);
  if (op.op === 'set' && !a.field && op.field === titleField(a.coll)) {
    return { ...a, quote: typeof op.value === 'string' ? op.value : '' };
  }
  return a;
}

/** A live passage through one text edit (wire components: retain > 0, insert string, delete < 0). */
function throughEdit(a, edit) {
  const { start, end } = a;
  let newStart = 0;
  let newEnd = 0;
  let pos = 0;
  let quote = '';
  for (const c of edit) {
    if (typeof c === 'string') {
      if (pos <= start) newStart += c.length;
      if (pos < end) newEnd += c.length;
      if (start < pos && pos < end) quote += c;
    } else if (c > 0) {
      newStart += Math.max(0, Math.min(pos + c, start) - pos);
      newEnd += Math.max(0, Math.min(pos + c, end) - pos);
      const from = Math.max(pos, start);
      const to = Math.min(pos + c, end);
      if (from < to) quote += a.quote.slice(from - start, to - start);
      pos += c;
    } else {
      pos += -c;
    }
  }
  if (newEnd <= newStart) return { ...a, live: false };
  return { ...a, start: newStart, end: newEnd, quote };
}
