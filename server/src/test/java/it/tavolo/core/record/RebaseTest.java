package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebaseTest {
  private static List<Op> ops(String json) {
    return OpCodec.decodeBatch(json.replace('\'', '"'));
  }

  private static DocumentState base() {
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, ops("[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','body':'abc'}},"
        + "{'op':'create','coll':'activities','id':'a1','fields':{'order':'a'}}]"), "u", 1);
    d.setSeq(1);
    return d;
  }

  @Test
  void aProposalOnTextChangedMeanwhileMergesAndIsApplicable() {
    DocumentState head = base();
    List<Op> concurrent = ops("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':['X',3]}]");
    OpApplier.applyAll(head, concurrent, "v", 2);
    head.setSeq(2);
    Rebase.Result r = Rebase.onto(ops("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[3,'P']}]"), concurrent, head);
    assertTrue(r.applicable());
    assertEquals("[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[4,\"P\"]}]", OpCodec.toJson(r.ops()));
  }

  @Test
  void aProposalWhoseTargetWasDeletedConflictsAndNamesTheTarget() {
    DocumentState head = base();
    List<Op> concurrent = ops("[{'op':'delete','coll':'sections','id':'s1'}]");
    OpApplier.applyAll(head, concurrent, "v", 2);
    Rebase.Result r = Rebase.onto(ops("[{'op':'set','coll':'activities','id':'a1','field':'title','value':'T'},"
        + "{'op':'text','coll':'sections','id':'s1','field':'body','edit':[3,'P']}]"), concurrent, head);
    assertFalse(r.applicable());
    assertEquals(1, r.conflicts().size());
    Rebase.Conflict c = r.conflicts().get(0);
    assertEquals(1, c.index());
    assertEquals("entity_deleted", c.reason());
    assertEquals(new Target("text", "sections", "s1", "body"), c.target());
    assertTrue(r.ops().isEmpty(), "nothing to apply half-way");
  }

  @Test
  void aReferenceToAnEntityDeletedMeanwhileConflicts() {
    DocumentState head = base();
    List<Op> concurrent = ops("[{'op':'delete','coll':'activities','id':'a1'}]");
    OpApplier.applyAll(head, concurrent, "v", 2);
    Rebase.Result r = Rebase.onto(ops("[{'op':'create','coll':'budget','id':'b1','fields':{'order':'a',"
        + "'contributor':'00000000-0000-4000-8000-000000000001','activity':'a1'}}]"), concurrent, head);
    assertEquals("reference_cleared", r.conflicts().get(0).reason());
  }
}
