package it.tavolo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.tavolo.core.Refusal;
import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.AuthorRuns;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentStateTest {
  static final String ORG = "00000000-0000-4000-8000-000000000001";

  private static DocumentState doc() {
    DocumentState d = new DocumentState(new Limits(20, 10, 3, 10, 8));
    apply(d, "[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','body':'hi'}},"
        + "{'op':'create','coll':'objectives','id':'o1','fields':{'order':'a'}},"
        + "{'op':'create','coll':'activities','id':'a1','fields':{'order':'a','objective':'o1'}},"
        + "{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'" + ORG + "'}}]");
    return d;
  }

  private static void apply(DocumentState d, String json) {
    OpApplier.applyAll(d, OpCodec.decodeBatch(json.replace('\'', '"')), "u1", 1);
  }

  private static String refused(DocumentState d, String json) {
    String before = StateCodec.stateJson(d);
    Refusal e = assertThrows(Refusal.class, () -> apply(d, json), json);
    assertEquals(before, StateCodec.stateJson(d), "a refused batch changes nothing: " + json);
    return e.code();
  }

  @Test
  void everyFieldTypeRefusesBadValuesAndChangesNothing() {
    DocumentState d = doc();
    for (String bad : List.of(
        "[{'op':'create','coll':'nope','id':'x','fields':{'order':'a'}}]",
        "[{'op':'create','coll':'sections','id':'has space','fields':{'order':'a'}}]",
        "[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a'}}]",
        "[{'op':'create','coll':'sections','id':'s2','fields':{}}]",
        "[{'op':'create','coll':'sections','id':'s2','fields':{'order':'a','colour':'red'}}]",
        "[{'op':'create','coll':'sections','id':'s2','fields':{'order':'a','body':5}}]",
        "[{'op':'create','coll':'budget','id':'b2','fields':{'order':'a'}}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':5}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':null}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'body','value':'x'}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'order','value':'b'}]",
        "[{'op':'set','coll':'sections','id':'zz','field':'title','value':'x'}]",
        "[{'op':'set','coll':'objectives','id':'o1','field':'kind','value':'other'}]",
        "[{'op':'set','coll':'objectives','id':'o1','field':'parent','value':'o1'}]",
        "[{'op':'set','coll':'objectives','id':'o1','field':'parent','value':'missing'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'objective','value':'s1'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'start','value':'2025-02-30'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'start','value':'25-02-03'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'lead','value':'not-a-uuid'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'lead','value':'AAAAAAAA-0000-4000-8000-00000000000A'}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':-1}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':10000000000001}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':'5'}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'contributor','value':null}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'nature','value':'cash'}]",
        "[{'op':'move','coll':'sections','id':'s1','order':''}]",
        "[{'op':'move','coll':'sections','id':'s1','order':'with space'}]",
        "[{'op':'delete','coll':'sections','id':'zz'}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'title','edit':[1]}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[3]}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'\\ud83d']}]",
        // all or nothing: a valid first op is undone when the second fails
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'!']},{'op':'delete','coll':'sections','id':'zz'}]",
        "[{'op':'delete','coll':'objectives','id':'o1'},{'op':'set','coll':'budget','id':'b1','field':'amount','value':-5}]",
        "[{'op':'create','coll':'sections','id':'s2','fields':{'order':'b'}},{'op':'create','coll':'sections','id':'s2','fields':{'order':'b'}}]")) {
      assertEquals("invalid_op", refused(d, bad), bad);
    }
  }

  @Test
  void textHoldingNulIsRefusedBecausePostgresCannotStoreIt() {
    DocumentState d = doc();
    for (String bad : List.of(
        "[{'op':'create','coll':'sections','id':'s2','fields':{'order':'b','title':'a\\u0000b'}}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'\\u0000'}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':['\\u0000',2]}]")) {
      assertEquals("invalid_op", refused(d, bad), bad);
    }
  }

  @Test
  void limitsAreRefusedAsTooLarge() {
    DocumentState d = doc();
    assertEquals("too_large", refused(d, "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'0123456789012345678']}]"));
    assertEquals("too_large", refused(d, "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'01234567890'}]"));
    apply(d, "[{'op':'create','coll':'sections','id':'s2','fields':{'order':'b'}},{'op':'create','coll':'sections','id':'s3','fields':{'order':'c'}}]");
    assertEquals("too_large", refused(d, "[{'op':'create','coll':'sections','id':'s4','fields':{'order':'d'}}]"));
  }

  @Test
  void knownOrganisationsCanBeRestricted() {
    DocumentState d = doc();
    d.setKnownOrganisation(ORG::equals);
    apply(d, "[{'op':'set','coll':'activities','id':'a1','field':'lead','value':'" + ORG + "'}]");
    assertEquals("invalid_op", refused(d, "[{'op':'set','coll':'activities','id':'a1','field':'lead','value':'00000000-0000-4000-8000-000000000009'}]"));
  }

  @Test
  void deletingAnEntityClearsReferencesToItButKeepsWhoSetThem() {
    DocumentState d = doc();
    OpApplier.applyAll(d, List.of(new Op.Set("activities", "a1", "objective", "o1")), "u2", 2);
    OpApplier.applyAll(d, List.of(new Op.Delete("objectives", "o1")), "u3", 3);
    assertNull(d.value("activities", "a1", "objective"));
    assertEquals(new SetBy("u2", 2), d.setBy("activities", "a1", "objective"));
  }

  @Test
  void textAndScalarAuthorshipIsKept() {
    DocumentState d = doc();
    OpApplier.applyAll(d, OpCodec.decodeBatch("[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[1,\"EY\",1]}]"), "u2", 2);
    assertEquals("hEYi", d.value("sections", "s1", "body"));
    assertEquals(List.of(new AuthorRuns.Run(1, "u1"), new AuthorRuns.Run(2, "u2"), new AuthorRuns.Run(1, "u1")),
        d.authorRuns("sections", "s1", "body").runs());
    OpApplier.applyAll(d, List.of(new Op.Set("sections", "s1", "title", "T")), "u3", 3);
    assertEquals(new SetBy("u3", 3), d.setBy("sections", "s1", "title"));
    assertEquals(new SetBy("u1", 1), d.setBy("sections", "s1", "order"));
  }

  @Test
  void snapshotHasEveryFieldAndTextAsPlainStrings() {
    DocumentState d = doc();
    d.setSeq(7);
    String snap = StateCodec.snapshotJson(d);
    assertEquals(true, snap.startsWith("{\"seq\":7,\"collections\":{\"sections\":{\"s1\":{\"order\":\"a\",\"title\":\"\",\"body\":\"hi\"}}"), snap);
    assertEquals(true, snap.contains("\"budget\":{\"b1\":{\"order\":\"a\",\"contributor\":\"" + ORG
        + "\",\"nature\":\"monetary\",\"category\":\"altro\",\"description\":\"\",\"amount\":0,\"activity\":null}}"), snap);
    String auth = StateCodec.authorshipJson(d);
    assertEquals(true, auth.contains("\"body\":[[2,\"u1\"]]"), auth);
    assertEquals(true, auth.contains("\"title\":{\"by\":\"u1\",\"seq\":1}"), auth);
  }

  @Test
  void aClientRebuildsTheDocumentFromTheWireSnapshotAndAuthorship() {
    Seeds.forEach(45_000, 100, seed -> {
      DocumentState d = new RandomEdits(new Random(seed), "e", 8).randomDocument(5);
      DocumentState back = StateCodec.readSnapshot(StateCodec.snapshot(d), StateCodec.authorship(d), Limits.DEFAULT);
      assertEquals(StateCodec.stateJson(d), StateCodec.stateJson(back));
      DocumentState anonymous = StateCodec.readSnapshot(StateCodec.snapshot(d), null, Limits.DEFAULT);
      assertEquals(StateCodec.snapshotJson(d), StateCodec.snapshotJson(anonymous));
    });
  }

  @Test
  void serialisedStateRoundTripsLosslessly() {
    Seeds.forEach(40_000, 300, seed -> {
      RandomEdits gen = new RandomEdits(new Random(seed), "e", 8);
      DocumentState d = gen.randomDocument(6);
      String json = StateCodec.stateJson(d);
      DocumentState back = StateCodec.readState(json, Limits.DEFAULT);
      assertEquals(json, StateCodec.stateJson(back));
      assertEquals(StateCodec.snapshotJson(d), StateCodec.snapshotJson(back));
    });
  }
}
