package it.tavolo.core.budget;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.Op;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A budget line is its contributor's pledge (issue 15): only that organisation's members
 * create, change or delete it in a live batch, and nobody moves it to another contributor.
 * Everyone else changes it through an integration that the owning organisation confirms
 * ({@link #owners}). Reordering a line (a {@code move}) is layout, not the pledge: anyone
 * who may edit may reorder. A line without a contributor (none can be created so) is no one's.
 *
 * <p>Stateless; the checks read the document as it is before each op of the batch, so a line
 * created earlier in the same batch counts with the contributor it was created with.
 */
public final class Pledges {
  /** The wire code of a refusal: the batch touches another organisation's budget line. */
  public static final String NOT_YOUR_PLEDGE = "not_your_pledge";
  public static final String CONTRIBUTOR = "contributor";

  private Pledges() {}

  /**
   * Refuses {@code op} (with {@link #NOT_YOUR_PLEDGE}) if an author of organisation {@code
   * authorOrg} (null: none) may not apply it to {@code state} live. {@code named} says
   * whether an organisation id may be named at all: an id it refuses is left to the state's
   * own check (unknown organisation), so that refusal keeps its reason.
   */
  public static void check(DocumentState state, Op op, String authorOrg, java.util.function.Predicate<String> named) {
    if (!Schema.BUDGET.equals(op.coll()) || op instanceof Op.Move) return;
    if (op instanceof Op.Create c) {
      if (c.replace() && state.exists(c.coll(), c.id())) ownLine(state, c.id(), authorOrg);
      Object to = c.fields().get(CONTRIBUTOR);
      if (to instanceof String s && !s.equals(authorOrg) && named.test(s)) {
        throw refused("a budget line is created by its contributor's members only: name your own organisation,"
            + " or propose an integration");
      }
      return;
    }
    String id = op instanceof Op.Delete d ? d.id() : op instanceof Op.Set s ? s.id() : ((Op.Text) op).id();
    if (!state.exists(op.coll(), id)) return; // the state's own check refuses it with its reason
    ownLine(state, id, authorOrg);
    if (op instanceof Op.Set s && CONTRIBUTOR.equals(s.field()) && s.value() instanceof String to
        && !to.equals(authorOrg) && named.test(to)) {
      throw refused("a budget line cannot be moved to another contributor");
    }
  }

  private static void ownLine(DocumentState state, String id, String authorOrg) {
    Object owner = state.value(Schema.BUDGET, id, CONTRIBUTOR);
    if (owner instanceof String o && !o.equals(authorOrg)) {
      throw refused("budget line " + id + " is the pledge of another organisation: propose an integration,"
          + " which that organisation confirms");
    }
  }

  private static Refusal refused(String message) {
    return Refusal.invalid(NOT_YOUR_PLEDGE, message);
  }

  /**
   * The organisations whose budget lines {@code ops} (a proposal written against {@code
   * base}) create, change, delete or move a line to, in order of first mention: each must
   * confirm it (a member of the proposer's own organisation counts as its confirmation).
   * Ops that do not apply are skipped here (the proposal's own validation refuses them).
   */
  public static Set<String> owners(List<Op> ops, DocumentState base) {
    Set<String> out = new LinkedHashSet<>();
    DocumentState s = base.copy();
    for (Op op : ops) {
      if (Schema.BUDGET.equals(op.coll()) && !(op instanceof Op.Move)) {
        String id = lineId(op);
        if (s.exists(Schema.BUDGET, id) && s.value(Schema.BUDGET, id, CONTRIBUTOR) instanceof String o) out.add(o);
        if (op instanceof Op.Create c && c.fields().get(CONTRIBUTOR) instanceof String to) out.add(to);
        if (op instanceof Op.Set st && CONTRIBUTOR.equals(st.field()) && st.value() instanceof String to) out.add(to);
      }
      try {
        it.tavolo.core.ops.OpApplier.apply(s, op, "owners", s.seq() + 1);
      } catch (Refusal e) {
        // not applicable as written: nothing more to learn from it
      }
    }
    return out;
  }

  private static String lineId(Op op) {
    if (op instanceof Op.Create c) return c.id();
    if (op instanceof Op.Delete d) return d.id();
    if (op instanceof Op.Set s) return s.id();
    if (op instanceof Op.Text t) return t.id();
    return ((Op.Move) op).id();
  }

  /** The budget lines of {@code organisation} in {@code state}, by id (for the confirmations' fingerprint). */
  public static List<Map<String, Object>> linesOf(DocumentState state, String organisation) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : state.ids(Schema.BUDGET)) {
      if (organisation.equals(state.value(Schema.BUDGET, id, CONTRIBUTOR))) {
        Map<String, Object> line = new java.util.TreeMap<>(state.fields(Schema.BUDGET, id));
        line.remove("order"); // reordering is not a change of the pledge
        line.put("id", id);
        out.add(line);
      }
    }
    return out;
  }
}
