package it.tavolo.core.record;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.SetBy;
import it.tavolo.core.ops.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scalar fields a proposal sets that someone else set after its baseSeq. Accepting still
 * applies the proposal (its value overwrites theirs: the coordinator decides), so these are not
 * conflicts; they are what the decider must see before choosing, with both values and who set
 * the current one. A field set meanwhile to the very value proposed is not listed: nothing of
 * theirs would be lost.
 */
public final class Overwrites {
  private Overwrites() {}

  /** {@code current} was set by {@code author} in {@code seq}; accepting would make it {@code proposed}. */
  public record Overwrite(String coll, String id, String field, Object current, Object proposed, String author, long seq) {}

  /**
   * @param proposal the proposal's ops, as written at {@code baseSeq}
   * @param head the document now, with who set each scalar field last
   */
  public static List<Overwrite> of(List<Op> proposal, long baseSeq, DocumentState head) {
    // the proposal's last word on each field is what accepting writes
    Map<List<String>, Op.Set> sets = new LinkedHashMap<>();
    for (Op op : proposal) {
      if (op instanceof Op.Set s) sets.put(List.of(s.coll(), s.id(), s.field()), s);
    }
    List<Overwrite> out = new ArrayList<>();
    for (Op.Set s : sets.values()) {
      // gone, or created by the proposal itself: nobody else's value to lose (Rebase reports deletions)
      if (!head.exists(s.coll(), s.id())) continue;
      SetBy by;
      try {
        by = head.setBy(s.coll(), s.id(), s.field());
      } catch (IllegalArgumentException unknownField) {
        continue; // Rebase reports a proposal the head refuses
      }
      if (by == null || by.author() == null || by.seq() <= baseSeq) continue;
      Object current = head.value(s.coll(), s.id(), s.field());
      if (Objects.equals(current, s.value())) continue;
      out.add(new Overwrite(s.coll(), s.id(), s.field(), current, s.value(), by.author(), by.seq()));
    }
    return out;
  }
}
