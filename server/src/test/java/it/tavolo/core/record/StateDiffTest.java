package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.text.AuthorRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateDiffTest {
  private static List<Op> ops(String json) {
    return OpCodec.decodeBatch(json.replace('\'', '"'));
  }

  @Test
  void textChangesCarryWhoWroteTheInsertedAndTheDeletedWords() {
    DocumentState a = new DocumentState();
    OpApplier.applyAll(a, ops("[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','body':'alla pari'}},"
        + "{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'00000000-0000-4000-8000-000000000001','amount':100}}]"), "anna", 1);
    a.setSeq(1);
    DocumentState b = a.copy();
    List<Op> second = ops("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[5,'sempre ',-4,'insieme']},"
        + "{'op':'set','coll':'budget','id':'b1','field':'amount','value':250},"
        + "{'op':'create','coll':'sections','id':'s2','fields':{'order':'b','title':'Nuova'}}]");
    OpApplier.applyAll(b, second, "bruno", 2);
    b.setSeq(2);
    StateDiff.Result d = StateDiff.between(a, b, List.of(new CommittedBatch(2, "bruno", "c", 1, 0, second)));
    assertEquals(3, d.changes().size());
    StateDiff.EntityChange budget = d.changes().get(2);
    assertEquals("budget", budget.coll());
    assertEquals("changed", budget.change());
    StateDiff.FieldChange amount = budget.fields().get(0);
    assertEquals(100L, amount.before());
    assertEquals(250L, amount.after());
    assertEquals("bruno", amount.setBy().author());
    assertEquals(List.of(new StateDiff.Touch(2, "bruno")), amount.touchedBy());
    StateDiff.EntityChange s1 = d.changes().get(0);
    List<StateDiff.TextPart> parts = s1.fields().get(0).text();
    assertEquals(new StateDiff.TextPart("equal", "alla ", List.of(new AuthorRuns.Run(5, "anna"))), parts.get(0));
    assertEquals(new StateDiff.TextPart("delete", "pari", List.of(new AuthorRuns.Run(4, "anna"))), parts.get(1));
    assertEquals(new StateDiff.TextPart("insert", "sempre insieme", List.of(new AuthorRuns.Run(14, "bruno"))), parts.get(2));
    assertEquals("added", d.changes().get(1).change());
    assertEquals("s2", d.changes().get(1).id());
  }
}
