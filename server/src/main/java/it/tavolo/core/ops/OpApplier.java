package it.tavolo.core.ops;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import java.util.ArrayList;
import java.util.List;

/** Applies a list of operations to a document all or nothing. */
public final class OpApplier {
  private OpApplier() {}

  /**
   * Applies {@code ops} in order, each to the result of those before it, attributing changes
   * to {@code author} at {@code seq}. If one refuses, everything already applied is undone and
   * the {@link Refusal} is rethrown with the op's index; the state is then unchanged.
   */
  public static void applyAll(DocumentState state, List<Op> ops, String author, long seq) {
    applyAll(state, ops, author, seq, null, null);
  }

  /** A rule checked before each op, on the document as the ops before it left it: it throws to refuse. */
  @FunctionalInterface
  public interface Check {
    void before(DocumentState state, Op op);
  }

  /**
   * As {@link #applyAll(DocumentState, List, String, long)}, with {@code check} (null: none)
   * before each op, then {@code whole} (null: none) on the result: rules on the batch as a
   * whole, e.g. an activity's end not before its start, which a batch may pass through on its
   * way. If either throws, the whole batch is undone.
   */
  public static void applyAll(DocumentState state, List<Op> ops, String author, long seq, Check check,
      Runnable whole) {
    List<DocumentState.Undo> undo = new ArrayList<>(ops.size());
    int i = 0;
    try {
      for (; i < ops.size(); i++) {
        if (check != null) check.before(state, ops.get(i));
        undo.add(apply(state, ops.get(i), author, seq));
      }
      if (whole != null) {
        i = -1;
        whole.run();
      }
    } catch (Refusal e) {
      if (i < 0) {
        for (int k = undo.size() - 1; k >= 0; k--) undo.get(k).undo();
        throw e;
      }
      for (int k = undo.size() - 1; k >= 0; k--) undo.get(k).undo();
      throw ops.size() == 1 ? e : e.prefixed("op " + i + ": ");
    } catch (RuntimeException e) {
      for (int k = undo.size() - 1; k >= 0; k--) undo.get(k).undo();
      throw e;
    }
  }

  public static DocumentState.Undo apply(DocumentState state, Op op, String author, long seq) {
    // Java 17: no pattern switch
    if (op instanceof Op.Create c) return state.create(c.coll(), c.id(), c.fields(), c.replace(), author, seq);
    if (op instanceof Op.Delete d) return state.delete(d.coll(), d.id());
    if (op instanceof Op.Set s) return state.set(s.coll(), s.id(), s.field(), s.value(), author, seq);
    if (op instanceof Op.Text t) return state.editText(t.coll(), t.id(), t.field(), t.edit(), author);
    Op.Move m = (Op.Move) op;
    return state.move(m.coll(), m.id(), m.order(), author, seq);
  }
}
