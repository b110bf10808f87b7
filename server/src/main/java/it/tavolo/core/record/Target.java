package it.tavolo.core.record;

import it.tavolo.core.ops.Op;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one op of a proposal touches, so a UI can show the proposal next to that text:
 * {@code field} is null for a whole entity (create, delete) and {@code "order"} for a move.
 */
public record Target(String op, String coll, String id, String field) {

  public static Target of(Op op) {
    if (op instanceof Op.Create c) return new Target("create", c.coll(), c.id(), null);
    if (op instanceof Op.Delete d) return new Target("delete", d.coll(), d.id(), null);
    if (op instanceof Op.Set s) return new Target("set", s.coll(), s.id(), s.field());
    if (op instanceof Op.Text t) return new Target("text", t.coll(), t.id(), t.field());
    Op.Move m = (Op.Move) op;
    return new Target("move", m.coll(), m.id(), "order");
  }

  /** Each distinct target of a batch, in the order of first appearance. */
  public static List<Target> of(List<Op> ops) {
    Set<Target> out = new LinkedHashSet<>();
    for (Op op : ops) out.add(of(op));
    return new ArrayList<>(out);
  }
}
