package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import it.tavolo.core.record.Contributions.Confirmed;
import it.tavolo.core.record.Contributions.Status;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A contribution's figures, its lines' fingerprint, and whether a confirmation holds for a version. */
class ContributionsTest {
  private static final String SDS = "00000000-0000-4000-8000-0000000005d5";

  private static DocumentState budget(String ops) {
    DocumentState s = new DocumentState();
    OpApplier.applyAll(s, OpCodec.decodeBatch(ops.replace('\'', '"')), "u", 1);
    return s;
  }

  private static final String SDS_LINES = "[{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'" + SDS
      + "','nature':'monetary','amount':30871654}},{'op':'create','coll':'budget','id':'b2','fields':{'order':'b','contributor':'"
      + SDS + "','nature':'in_kind','amount':5172600}}]";

  @Test
  void figuresAreExactCentsByNatureAndTheFingerprintIgnoresOrderOnly() {
    DocumentState s = budget(SDS_LINES);
    Contributions.Figures f = Contributions.of(s).get(SDS);
    assertEquals(30871654L, f.monetary());
    assertEquals(5172600L, f.inKind());
    assertEquals(36044254L, f.total());
    OpApplier.applyAll(s, OpCodec.decodeBatch("[{\"op\":\"move\",\"coll\":\"budget\",\"id\":\"b1\",\"order\":\"z\"}]"), "u", 2);
    assertEquals(f.linesSha256(), Contributions.linesSha256(s, SDS), "reordering is not a change of the pledge");
    OpApplier.applyAll(s, OpCodec.decodeBatch("[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"b1\",\"field\":\"description\",\"value\":\"x\"}]"), "u", 3);
    assertNotEquals(f.linesSha256(), Contributions.linesSha256(s, SDS), "a description is part of it");
    assertEquals(Map.of(), Contributions.of(new DocumentState()));
  }

  @Test
  void aConfirmationHoldsForItsVersionAlwaysAndForLaterOnesWhileTheLinesAreTheSame() {
    List<Confirmed> at2 = List.of(new Confirmed(2, "aaa"));
    assertEquals(Status.CONFIRMED, Contributions.status(2, "changed", at2), "never stale for the version confirmed");
    assertEquals(Status.CARRIED, Contributions.status(3, "aaa", at2));
    assertEquals(Status.STALE, Contributions.status(3, "bbb", at2));
    assertEquals(Status.UNCONFIRMED, Contributions.status(1, "aaa", at2), "a later confirmation says nothing of earlier versions");
    assertEquals(Status.UNCONFIRMED, Contributions.status(3, "aaa", List.of()));
    // the latest earlier confirmation decides
    assertEquals(Status.CARRIED, Contributions.status(5, "ccc", List.of(new Confirmed(2, "aaa"), new Confirmed(4, "ccc"))));
    assertEquals(Status.STALE, Contributions.status(5, "aaa", List.of(new Confirmed(2, "aaa"), new Confirmed(4, "ccc"))));
  }
}
