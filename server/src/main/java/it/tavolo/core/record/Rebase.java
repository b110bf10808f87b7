package it.tavolo.core.record;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpTransform;
import it.tavolo.core.ops.TransformNote;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a proposal (ops written against the document at its baseSeq) onto the current head,
 * as the sequencer would, but refuses instead of degrading: an integration is applied exactly
 * as its proposer meant it or not at all. It conflicts when transformation would drop or
 * change any of its ops (their entity was deleted or replaced, an id was taken, a reference
 * now points at a deleted entity) or when the rebased ops no longer apply to the head (a value
 * the head refuses). Text edits on text changed meanwhile merge and do not conflict; a scalar
 * set meanwhile is overwritten: not a conflict, but {@link Overwrites} lists it with both
 * values, and the integration's check shows it to the decider before accepting.
 */
public final class Rebase {
  private Rebase() {}

  /** Why one op of the proposal cannot be applied; {@code index} is its position in the proposal. */
  public record Conflict(int index, Target target, String reason, String message) {}

  /** {@code ops} apply to the head; {@code conflicts} is empty exactly when it is applicable. */
  public record Result(List<Op> ops, List<Conflict> conflicts) {
    public boolean applicable() {
      return conflicts.isEmpty();
    }
  }

  /**
   * @param proposal the proposal's ops, as they apply to the document at its baseSeq
   * @param concurrent every op committed after the baseSeq, in seq order
   * @param head the document now (not changed: the check runs on a copy)
   */
  public static Result onto(List<Op> proposal, List<Op> concurrent, DocumentState head) {
    List<Conflict> conflicts = new ArrayList<>();
    List<Op> ops = proposal;
    if (!concurrent.isEmpty()) {
      OpTransform.Result r;
      try {
        r = OpTransform.transform(proposal, concurrent);
      } catch (Refusal e) {
        return new Result(List.of(), List.of(new Conflict(-1, null, "invalid", e.getMessage())));
      }
      for (TransformNote n : r.notes()) {
        conflicts.add(new Conflict(n.index(), Target.of(n.original()), n.reason().code(), describe(n)));
      }
      ops = r.later();
    }
    if (conflicts.isEmpty()) {
      try {
        OpApplier.applyAll(head.copy(), ops, "check", head.seq() + 1);
      } catch (Refusal e) {
        conflicts.add(new Conflict(indexOf(e), null, "invalid", e.getMessage()));
      }
    }
    return new Result(conflicts.isEmpty() ? List.copyOf(ops) : List.of(), List.copyOf(conflicts));
  }

  /** Checks that a proposal applies to the document it was written against (its baseSeq). */
  public static void checkAppliesTo(List<Op> proposal, DocumentState atBase) {
    DocumentState copy = atBase.copy();
    // as a submission: the batch as a whole may not leave an activity ending before it starts
    OpApplier.applyAll(copy, proposal, "check", atBase.seq() + 1, null,
        () -> it.tavolo.core.sequencer.ScheduleRule.check(copy, proposal));
  }

  private static String describe(TransformNote n) {
    Target t = Target.of(n.original());
    String what = t.coll() + "/" + t.id() + (t.field() == null ? "" : "." + t.field());
    return switch (n.reason()) {
      case ENTITY_DELETED -> what + " was deleted after the proposal was written";
      case ID_TAKEN -> t.coll() + "/" + t.id() + " was created by someone else meanwhile";
      case ENTITY_REPLACED -> what + " was replaced meanwhile";
      case REFERENCE_CLEARED -> what + " refers to an entity deleted meanwhile";
    };
  }

  private static int indexOf(Refusal e) {
    String m = e.getMessage();
    if (m != null && m.startsWith("op ")) {
      int end = m.indexOf(':');
      try {
        return Integer.parseInt(m.substring(3, end));
      } catch (RuntimeException ignored) {
        // fall through
      }
    }
    return -1;
  }
}
