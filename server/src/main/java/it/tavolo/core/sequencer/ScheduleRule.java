package it.tavolo.core.sequencer;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.Op;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An activity's end is not before its start (dates {@code YYYY-MM-DD} compare as text). Checked
 * on a submitted batch as a whole, after it applied, for the activities it created or whose
 * dates it set: a batch may move both dates and pass through an inverted pair on its way.
 * Never on replay, so a document that held such a pair before the rule still loads.
 *
 * <p>Stateless.
 */
public final class ScheduleRule {
  private ScheduleRule() {}

  /** Throws {@link Refusal#END_BEFORE_START} for the first activity {@code ops} leave inverted. */
  public static void check(DocumentState state, List<Op> ops) {
    Set<String> touched = new LinkedHashSet<>();
    for (Op op : ops) {
      if (op instanceof Op.Create c && Schema.ACTIVITIES.equals(c.coll())) touched.add(c.id());
      if (op instanceof Op.Set s && Schema.ACTIVITIES.equals(s.coll())
          && ("start".equals(s.field()) || "end".equals(s.field()))) {
        touched.add(s.id());
      }
    }
    for (String id : touched) {
      if (!state.exists(Schema.ACTIVITIES, id)) continue;
      String start = (String) state.value(Schema.ACTIVITIES, id, "start");
      String end = (String) state.value(Schema.ACTIVITIES, id, "end");
      if (start != null && end != null && end.compareTo(start) < 0) {
        throw Refusal.invalid(
            Refusal.END_BEFORE_START,
            "activity " + id + " ends (" + end + ") before it starts (" + start + ")");
      }
    }
  }
}
