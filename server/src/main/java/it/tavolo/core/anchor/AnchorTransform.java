package it.tavolo.core.anchor;

import it.tavolo.core.ops.Op;
import it.tavolo.core.text.TextOperation;
import java.util.List;

/**
 * Carries an anchor through committed ops, in the order the sequence committed them (the op
 * log's order: the only order the server knows, so every replica that follows the sequence
 * gets the same anchors). Stateless.
 *
 * <p>The passage is the characters between its two ends, and the rules are those of a
 * highlighted range in a word processor:
 * <ul>
 *   <li>text inserted strictly inside the passage joins it (it grows); text inserted exactly
 *       at its start or at its end stays outside (typing next to a comment does not extend it);
 *   <li>deleted characters leave it (it shrinks); when none of its characters is left, or its
 *       entity is deleted, the anchor is dead for good (the thread is "on deleted text");
 *   <li>ops on other entities or fields, moves and scalar sets leave it as it is.
 * </ul>
 */
public final class AnchorTransform {
  private AnchorTransform() {}

  /** {@code a} after the ops of committed batches, applied in the order given. */
  public static Anchor throughAll(Anchor a, List<List<Op>> batches) {
    for (List<Op> batch : batches) {
      a = through(a, batch);
    }
    return a;
  }

  /** {@code a} after one batch (its ops apply in sequence). */
  public static Anchor through(Anchor a, List<Op> ops) {
    for (Op op : ops) {
      a = through(a, op);
    }
    return a;
  }

  /** {@code a} after one op. */
  public static Anchor through(Anchor a, Op op) {
    if (!a.live() || !op.coll().equals(a.coll()) || !op.id().equals(a.id())) {
      return a;
    }
    if (op instanceof Op.Delete || op instanceof Op.Create c && c.replace()) {
      // the entity is gone (a replacing create, which only a client's transform makes, is a new one)
      return a.dead();
    }
    if (op instanceof Op.Text t && !a.onEntity() && t.field().equals(a.field())) {
      return through(a, t.edit());
    }
    if (op instanceof Op.Set set && a.onEntity() && set.field().equals(AnchorCheck.titleField(a.coll()))) {
      // an entity's quote is its title: it follows renames
      String title = set.value() instanceof String v ? v : "";
      return Anchor.entity(a.coll(), a.id(), title);
    }
    return a;
  }

  /** A live passage after one text edit of its field. */
  static Anchor through(Anchor a, TextOperation edit) {
    int start = a.start();
    int end = a.end();
    // each end's new offset: the kept characters before it, plus the inserts before it; an
    // insert exactly at the start counts before the start (it stays outside), one exactly at
    // the end does not count before the end (outside too)
    int newStart = 0;
    int newEnd = 0;
    int pos = 0; // offset in the text before the edit
    StringBuilder quote = new StringBuilder(); // what the passage holds after the edit
    for (int i = 0; i < edit.size(); i++) {
      int n = edit.length(i);
      if (edit.isInsert(i)) {
        if (pos <= start) newStart += n;
        if (pos < end) newEnd += n;
        if (start < pos && pos < end) quote.append(edit.insertedText(i));
      } else {
        if (edit.isRetain(i)) {
          newStart += overlap(pos, pos + n, start);
          newEnd += overlap(pos, pos + n, end);
          int from = Math.max(pos, start);
          int to = Math.min(pos + n, end);
          if (from < to) quote.append(a.quote(), from - start, to - start);
        }
        pos += n;
      }
    }
    if (newEnd <= newStart) {
      return a.dead();
    }
    return Anchor.passage(a.coll(), a.id(), a.field(), newStart, newEnd, quote.toString());
  }

  /** How many of the units {@code [from, to)} are before {@code limit}. */
  private static int overlap(int from, int to, int limit) {
    return Math.max(0, Math.min(to, limit) - from);
  }
}
