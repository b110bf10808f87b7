package it.tavolo.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.StateCodec;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every pair of op kinds, on one entity and on different ones; each also checked for convergence. */
class OpTransformTest {
  static final String ORG = "00000000-0000-4000-8000-000000000001";

  /** s1 "hello"; objectives o1, o2 (parent o1); activity a1 (objective o1); budget b1 (activity a1). */
  static DocumentState base() {
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, OpCodec.decodeBatch(("["
        + "{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','title':'T','body':'hello'}},"
        + "{'op':'create','coll':'sections','id':'s2','fields':{'order':'b','body':'x'}},"
        + "{'op':'create','coll':'objectives','id':'o1','fields':{'order':'a','kind':'generale'}},"
        + "{'op':'create','coll':'objectives','id':'o2','fields':{'order':'b','parent':'o1'}},"
        + "{'op':'create','coll':'activities','id':'a1','fields':{'order':'a','objective':'o1'}},"
        + "{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'" + ORG + "','amount':100,'activity':'a1'}}"
        + "]").replace('\'', '"')), "base", 1);
    d.setSeq(1);
    return d;
  }

  /** Transforms, checks both orders converge (state and authorship), returns the result. */
  static OpTransform.Result check(String later, String earlier) {
    List<Op> l = ops(later);
    List<Op> e = ops(earlier);
    OpTransform.Result r = OpTransform.transform(l, e);
    DocumentState a = base();
    OpApplier.applyAll(a, e, "E", 2);
    OpApplier.applyAll(a, r.later(), "L", 3);
    DocumentState b = base();
    OpApplier.applyAll(b, l, "L", 3);
    OpApplier.applyAll(b, r.earlier(), "E", 2);
    assertEquals(StateCodec.snapshotJson(a), StateCodec.snapshotJson(b), "both orders converge");
    assertEquals(StateCodec.authorshipJson(a), StateCodec.authorshipJson(b), "authorship converges");
    return r;
  }

  static List<Op> ops(String json) {
    return OpCodec.decodeBatch(json.replace('\'', '"'));
  }

  static String json(List<Op> ops) {
    return OpCodec.toJson(ops).replace('"', '\'');
  }

  static String notes(OpTransform.Result r) {
    return r.notes().stream().map(n -> n.index() + ":" + n.reason().code()).collect(Collectors.joining(","));
  }

  static final String TEXT_S1_L = "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[5,'!']}]";

  // ---- text ----

  @Test
  void textVsTextOnOneFieldTransformsLikeOtJsWithLaterFirstOnTie() {
    OpTransform.Result r = check(
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'L',3]}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'E',-3]}]");
    assertEquals("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'L',1]}]", json(r.later()));
    assertEquals("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[3,'E',-3]}]", json(r.earlier()));
  }

  @Test
  void textOnDifferentFieldsOrEntitiesPassesUnchanged() {
    String l = "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[5,'!']}]";
    String e = "[{'op':'text','coll':'sections','id':'s2','field':'body','edit':['?',1]}]";
    OpTransform.Result r = check(l, e);
    assertEquals(l, json(r.later()));
    assertEquals(e, json(r.earlier()));
  }

  @Test
  void textVsSetMoveCreateOfOtherThingsPassUnchanged() {
    for (String e : List.of(
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'U'}]",
        "[{'op':'move','coll':'sections','id':'s1','order':'z'}]",
        "[{'op':'create','coll':'sections','id':'s9','fields':{'order':'c'}}]")) {
      OpTransform.Result r = check(TEXT_S1_L, e);
      assertEquals(TEXT_S1_L, json(r.later()));
      assertEquals(e, json(r.earlier()));
      r = check(e, TEXT_S1_L);
      assertEquals(e, json(r.later()));
      assertEquals(TEXT_S1_L, json(r.earlier()));
    }
  }

  @Test
  void textOnAnEntityDeletedEarlierIsDroppedAndReported() {
    OpTransform.Result r = check(TEXT_S1_L, "[{'op':'delete','coll':'sections','id':'s1'}]");
    assertEquals("[]", json(r.later()));
    assertEquals("0:entity_deleted", notes(r));
    assertEquals("[{'op':'delete','coll':'sections','id':'s1'}]", json(r.earlier()));
  }

  @Test
  void textEarlierOnAnEntityDeletedLaterIsDroppedFromEarlierPrime() {
    OpTransform.Result r = check("[{'op':'delete','coll':'sections','id':'s1'}]", TEXT_S1_L);
    assertEquals("[{'op':'delete','coll':'sections','id':'s1'}]", json(r.later()));
    assertEquals("[]", json(r.earlier()));
    assertEquals("", notes(r));
  }

  // ---- set ----

  @Test
  void setVsSetOnOneFieldLaterWins() {
    OpTransform.Result r = check(
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'E'}]");
    assertEquals("[{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]", json(r.later()));
    assertEquals("[]", json(r.earlier()));
  }

  @Test
  void setVsSetOnDifferentFieldsBothApply() {
    OpTransform.Result r = check(
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':5}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'nature','value':'in_kind'}]");
    assertEquals(1, r.later().size());
    assertEquals(1, r.earlier().size());
  }

  @Test
  void setVsMoveAndMoveVsSetOfOneEntityBothApply() {
    String s = "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]";
    String m = "[{'op':'move','coll':'sections','id':'s1','order':'q'}]";
    assertEquals(s, json(check(s, m).later()));
    assertEquals(m, json(check(m, s).later()));
  }

  @Test
  void setOnAnEntityDeletedEarlierIsDropped() {
    OpTransform.Result r = check(
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':5}]",
        "[{'op':'delete','coll':'budget','id':'b1'}]");
    assertEquals("[]", json(r.later()));
    assertEquals("0:entity_deleted", notes(r));
  }

  @Test
  void setEarlierOnAnEntityDeletedLaterIsDroppedFromEarlierPrime() {
    OpTransform.Result r = check(
        "[{'op':'delete','coll':'budget','id':'b1'}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':5}]");
    assertEquals("[]", json(r.earlier()));
  }

  @Test
  void setOfAReferenceToAnEntityDeletedEarlierBecomesNullAndIsReported() {
    OpTransform.Result r = check(
        "[{'op':'set','coll':'activities','id':'a1','field':'objective','value':'o2'}]",
        "[{'op':'delete','coll':'objectives','id':'o2'}]");
    assertEquals("[{'op':'set','coll':'activities','id':'a1','field':'objective','value':null}]", json(r.later()));
    assertEquals("0:reference_cleared", notes(r));
  }

  @Test
  void earlierSetOfAReferenceToAnEntityDeletedLaterBecomesNull() {
    OpTransform.Result r = check(
        "[{'op':'delete','coll':'objectives','id':'o2'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'objective','value':'o2'}]");
    assertEquals("[{'op':'set','coll':'activities','id':'a1','field':'objective','value':null}]", json(r.earlier()));
  }

  // ---- move ----

  @Test
  void moveVsMoveOfOneEntityLaterWins() {
    OpTransform.Result r = check(
        "[{'op':'move','coll':'sections','id':'s1','order':'L'}]",
        "[{'op':'move','coll':'sections','id':'s1','order':'E'}]");
    assertEquals("[{'op':'move','coll':'sections','id':'s1','order':'L'}]", json(r.later()));
    assertEquals("[]", json(r.earlier()));
  }

  @Test
  void moveOfDifferentEntitiesBothApply() {
    OpTransform.Result r = check(
        "[{'op':'move','coll':'sections','id':'s1','order':'L'}]",
        "[{'op':'move','coll':'sections','id':'s2','order':'E'}]");
    assertEquals(1, r.earlier().size());
  }

  @Test
  void moveOfAnEntityDeletedEarlierIsDroppedAndDeleteWinsOverEarlierMove() {
    OpTransform.Result r = check(
        "[{'op':'move','coll':'sections','id':'s1','order':'L'}]",
        "[{'op':'delete','coll':'sections','id':'s1'}]");
    assertEquals("[]", json(r.later()));
    assertEquals("0:entity_deleted", notes(r));
    r = check("[{'op':'delete','coll':'sections','id':'s1'}]", "[{'op':'move','coll':'sections','id':'s1','order':'E'}]");
    assertEquals("[]", json(r.earlier()));
  }

  // ---- delete ----

  @Test
  void deleteVsDeleteOfOneEntityLeavesNothingToDoOnEitherSide() {
    OpTransform.Result r = check(
        "[{'op':'delete','coll':'sections','id':'s1'}]", "[{'op':'delete','coll':'sections','id':'s1'}]");
    assertEquals("[]", json(r.later()));
    assertEquals("[]", json(r.earlier()));
    assertEquals("0:entity_deleted", notes(r));
  }

  @Test
  void deleteOfAReferencedEntityClearsReferencesInBothOrders() {
    OpTransform.Result r = check(
        "[{'op':'delete','coll':'objectives','id':'o1'}]", "[{'op':'delete','coll':'activities','id':'a1'}]");
    assertEquals(1, r.later().size());
    DocumentState d = base();
    OpApplier.applyAll(d, ops("[{'op':'delete','coll':'objectives','id':'o1'}]"), "L", 2);
    assertEquals(null, d.value("objectives", "o2", "parent"));
    assertEquals(null, d.value("activities", "a1", "objective"));
  }

  // ---- create ----

  @Test
  void createsOfDifferentIdsBothApply() {
    OpTransform.Result r = check(
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'c'}}]",
        "[{'op':'create','coll':'sections','id':'n2','fields':{'order':'c'}}]");
    assertEquals(1, r.later().size());
    assertEquals(1, r.earlier().size());
  }

  @Test
  void createOfAnIdTakenEarlierIsDroppedWithItsFollowingOpsAndEarlierReplacesIt() {
    OpTransform.Result r = check(
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'L','body':'mine'}},"
            + "{'op':'text','coll':'sections','id':'n1','field':'body','edit':[4,'!']},"
            + "{'op':'set','coll':'sections','id':'n1','field':'title','value':'L'},"
            + "{'op':'move','coll':'sections','id':'n1','order':'M'}]",
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'E','body':'theirs'}}]");
    assertEquals("[]", json(r.later()));
    assertEquals("0:id_taken,1:entity_replaced,2:entity_replaced,3:entity_replaced", notes(r));
    assertEquals("[{'op':'create','coll':'sections','id':'n1','fields':{'order':'E','body':'theirs'},'replace':true}]",
        json(r.earlier()));
  }

  @Test
  void laterDeleteOfItsOwnCollidingEntityStandsSoReferencesClearedByItStayCleared() {
    OpTransform.Result r = check(
        "[{'op':'create','coll':'objectives','id':'n1','fields':{'order':'L'}},"
            + "{'op':'create','coll':'activities','id':'n2','fields':{'order':'L','objective':'n1'}},"
            + "{'op':'delete','coll':'objectives','id':'n1'}]",
        "[{'op':'create','coll':'objectives','id':'n1','fields':{'order':'E'}}]");
    assertEquals("[]", json(r.earlier()));
  }

  @Test
  void createWithAReferenceToAnEntityDeletedEarlierGetsNull() {
    OpTransform.Result r = check(
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG + "','activity':'a1'}}]",
        "[{'op':'delete','coll':'activities','id':'a1'}]");
    assertEquals("[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG
        + "','activity':null}}]", json(r.later()));
    assertEquals("0:reference_cleared", notes(r));
  }

  @Test
  void earlierCreateWithAReferenceToAnEntityDeletedLaterGetsNull() {
    OpTransform.Result r = check(
        "[{'op':'delete','coll':'activities','id':'a1'}]",
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG + "','activity':'a1'}}]");
    assertEquals("[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG
        + "','activity':null}}]", json(r.earlier()));
  }

  @Test
  void createVsDeleteSetTextMoveOfOtherEntitiesPassUnchanged() {
    String c = "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'c'}}]";
    for (String other : List.of(
        "[{'op':'delete','coll':'sections','id':'s2'}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'U'}]",
        TEXT_S1_L,
        "[{'op':'move','coll':'sections','id':'s1','order':'z'}]")) {
      assertEquals(c, json(check(c, other).later()));
      assertEquals(c, json(check(other, c).earlier()));
    }
  }

  @Test
  void opsOnAnEntityCreatedInTheSameBatchSurviveAConcurrentDeleteOfAnother() {
    OpTransform.Result r = check(
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'c'}},"
            + "{'op':'text','coll':'sections','id':'n1','field':'body','edit':['new']}]",
        "[{'op':'delete','coll':'sections','id':'s1'}]");
    assertEquals(2, r.later().size());
    assertEquals("", notes(r));
  }
}
