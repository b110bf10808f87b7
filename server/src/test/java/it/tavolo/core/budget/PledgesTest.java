package it.tavolo.core.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import it.tavolo.core.model.Limits;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.sequencer.Submission;
import it.tavolo.core.sequencer.SubmitResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The budget lines' ownership (issue 15), as the core's sequencer applies it. */
class PledgesTest {
  static final String SDS = "00000000-0000-4000-8000-0000000005d5";
  static final String ETS = "00000000-0000-4000-8000-0000000000e7";

  private static Submission by(String org, Role role, String client, long clientSeq, long base, String ops) {
    return Submission.of("u-" + client, org, role, client, clientSeq, base, OpCodec.decodeBatch(ops.replace('\'', '"')));
  }

  private static String line(String id, String org, long amount) {
    return "{'op':'create','coll':'budget','id':'" + id + "','fields':{'order':'" + id + "','contributor':'" + org
        + "','amount':" + amount + "}}";
  }

  private static CommittedBatch accepted(SubmitResult r) {
    return assertInstanceOf(SubmitResult.Accepted.class, r, r.toString()).batch();
  }

  private static void refused(SubmitResult r) {
    assertEquals(Pledges.NOT_YOUR_PLEDGE, assertInstanceOf(SubmitResult.Rejected.class, r, r.toString()).code());
  }

  /** The SdS's line b1 at seq 1. */
  private static Sequencer withSdsLine() {
    Sequencer s = new Sequencer();
    accepted(s.submit(by(SDS, Role.MEMBER, "sds", 1, 0, "[" + line("b1", SDS, 16530000) + "]"), 1));
    return s;
  }

  @Test
  void aMemberOfAnotherOrganisationCannotChangeDeleteOrMoveTheLine() {
    Sequencer s = withSdsLine();
    String before = s.serialise();
    refused(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1, "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':1}]"), 2));
    refused(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1, "[{'op':'delete','coll':'budget','id':'b1'}]"), 2));
    refused(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1,
        "[{'op':'text','coll':'budget','id':'b1','field':'description','edit':['x']}]"), 2));
    refused(s.submit(by(null, Role.MEMBER, "none", 1, 1, "[{'op':'delete','coll':'budget','id':'b1'}]"), 2));
    assertEquals(before, s.serialise(), "the document is unchanged");
  }

  @Test
  void coordinatorsAreHeldToItToo() {
    Sequencer s = withSdsLine();
    refused(s.submit(by(ETS, Role.COORDINATOR, "coord", 1, 1,
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':1}]"), 2));
    assertEquals(16530000L, s.state().value("budget", "b1", "amount"));
  }

  @Test
  void noOneCreatesALineForAnotherContributorNorMovesOneThere() {
    Sequencer s = withSdsLine();
    refused(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1, "[" + line("b2", SDS, 1) + "]"), 2));
    refused(s.submit(by(SDS, Role.MEMBER, "sds", 2, 1,
        "[{'op':'set','coll':'budget','id':'b1','field':'contributor','value':'" + ETS + "'}]"), 2));
    assertEquals(SDS, s.state().value("budget", "b1", "contributor"));
    assertEquals(1, s.head());
  }

  @Test
  void nothingElseInARefusedBatchIsApplied() {
    Sequencer s = withSdsLine();
    String before = s.serialise();
    refused(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1, "[" + line("e1", ETS, 500) + ","
        + "{'op':'set','coll':'budget','id':'b1','field':'amount','value':1}]"), 2));
    assertEquals(before, s.serialise());
    assertEquals(List.of("b1"), s.state().ids("budget"));
  }

  @Test
  void theOwnersMembersCreateChangeAndDeleteTheirLinesAndAnyoneReorders() {
    Sequencer s = withSdsLine();
    accepted(s.submit(by(SDS, Role.MEMBER, "sds", 2, 1,
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':30871654}," + line("b2", SDS, 5172600) + "]"), 2));
    accepted(s.submit(by(ETS, Role.MEMBER, "ets", 1, 2, "[" + line("e1", ETS, 7849663) + ","
        + "{'op':'move','coll':'budget','id':'b1','order':'z'}]"), 3));
    accepted(s.submit(by(SDS, Role.MEMBER, "sds", 3, 3, "[{'op':'delete','coll':'budget','id':'b2'}]"), 4));
    assertEquals(Set.of("e1", "b1"), Set.copyOf(s.state().ids("budget")));
    assertEquals("z", s.state().value("budget", "b1", "order"));
  }

  @Test
  void theServersOwnBatchesAndReplaysAreNotChecked() {
    Sequencer s = withSdsLine();
    Submission accepted = new Submission("u-ets", Role.COORDINATOR, "integration:x", 1, 1,
        OpCodec.decodeBatch("[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"b1\",\"field\":\"amount\",\"value\":3}]"),
        true, true, ETS);
    CommittedBatch b = accepted(s.submit(accepted, 2));
    assertEquals(3L, s.state().value("budget", "b1", "amount"));

    // a document whose history has lines written before the rule (by anyone) still loads
    CommittedBatch old = new CommittedBatch(1, "u-ets", "ets", 1, 1,
        OpCodec.decodeBatch("[" + line("b1", SDS, 10).replace('\'', '"') + "]"), List.of());
    Sequencer reloaded = Sequencer.restore(null, List.of(old), Limits.DEFAULT);
    assertEquals(10L, reloaded.state().value("budget", "b1", "amount"));
    reloaded.applyCommitted(new CommittedBatch(2, b.author(), b.clientId(), b.clientSeq(), 2, b.ops(), List.of()));
    assertEquals(3L, reloaded.state().value("budget", "b1", "amount"));
  }

  @Test
  void aProposalNeedsTheConfirmationOfEveryOrganisationWhoseLinesItTouches() {
    Sequencer s = withSdsLine();
    accepted(s.submit(by(ETS, Role.MEMBER, "ets", 1, 1, "[" + line("e1", ETS, 100) + "]"), 2));
    assertEquals(Set.of(SDS), Pledges.owners(OpCodec.decodeBatch(
        "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"b1\",\"field\":\"amount\",\"value\":1}]"), s.state()));
    assertEquals(Set.of(ETS, SDS), Pledges.owners(OpCodec.decodeBatch(
        "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"e1\",\"field\":\"contributor\",\"value\":\"" + SDS + "\"}]"), s.state()));
    assertEquals(Set.of(), Pledges.owners(OpCodec.decodeBatch(
        "[{\"op\":\"move\",\"coll\":\"budget\",\"id\":\"e1\",\"order\":\"0\"}]"), s.state()));
    assertEquals(List.of(), Pledges.linesOf(s.state(), "nobody"));
    assertEquals(1, Pledges.linesOf(s.state(), SDS).size());
  }
}
