package it.tavolo.core.sequencer;

import it.tavolo.core.Role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.ops.TransformNote;
import it.tavolo.core.text.AuthorRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequencerTest {
  private static final String CREATE_S1 =
      "[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','body':'ab'}}]";

  private static Submission sub(String client, long clientSeq, long base, String opsJson) {
    return sub(client, Role.MEMBER, clientSeq, base, opsJson);
  }

  private static Submission sub(String client, Role role, long clientSeq, long base, String opsJson) {
    return new Submission("u-" + client, role, client, clientSeq, base, OpCodec.decodeBatch(opsJson.replace('\'', '"')));
  }

  private static String text(int pos, String ins, int after) {
    return "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[" + (pos > 0 ? pos + "," : "") + "'" + ins + "'"
        + (after > 0 ? "," + after : "") + "]}]";
  }

  private static CommittedBatch accepted(SubmitResult r) {
    return assertInstanceOf(SubmitResult.Accepted.class, r, r.toString()).batch();
  }

  private static Sequencer withSection() {
    Sequencer s = new Sequencer();
    accepted(s.submit(sub("a", 1, 0, CREATE_S1), 1));
    return s;
  }

  @Test
  void concurrentTypingIsTransformedAgainstEverythingAfterBaseSeq() {
    Sequencer s = withSection();
    CommittedBatch b2 = accepted(s.submit(sub("a", 2, 1, text(1, "A", 1)), 2));
    assertEquals(2, b2.seq());
    CommittedBatch b3 = accepted(s.submit(sub("b", 1, 1, text(1, "B", 1)), 3));
    assertEquals(3, b3.seq());
    assertEquals("[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[1,\"B\",2]}]", OpCodec.toJson(b3.ops()));
    assertEquals("aBAb", s.state().value("sections", "s1", "body"));
    assertEquals(List.of(new AuthorRuns.Run(1, "u-a"), new AuthorRuns.Run(1, "u-b"), new AuthorRuns.Run(2, "u-a")),
        s.state().authorRuns("sections", "s1", "body").runs());
    assertEquals(3, b3.time());
    assertEquals("b", b3.clientId());
  }

  @Test
  void resendOfTheLatestBatchIsADuplicateWithItsSeqAndOlderOnesAskTheLog() {
    Sequencer s = withSection();
    accepted(s.submit(sub("b", 1, 1, text(2, "x", 0)), 2));
    accepted(s.submit(sub("b", 2, 2, text(3, "y", 0)), 3));
    assertEquals(new SubmitResult.Duplicate(2, 3), s.submit(sub("b", 2, 1, text(2, "x", 0)), 4));
    SubmitResult older = s.submit(sub("b", 1, 1, text(2, "x", 0)), 5);
    assertEquals(new SubmitResult.Duplicate(1, SubmitResult.Duplicate.UNKNOWN_SEQ), older);
    assertEquals("abxy", s.state().value("sections", "s1", "body"));
    assertEquals(3, s.head());
  }

  @Test
  void observersAreForbiddenLockedDocumentsRefuseEveryoneAndProposalModeOnlyCoordinators() {
    Sequencer s = withSection();
    assertEquals("forbidden", ((SubmitResult.Rejected) s.submit(sub("o", Role.OBSERVER, 1, 1, text(2, "x", 0)), 2)).code());
    s.setLocked(true);
    assertEquals("locked", ((SubmitResult.Rejected) s.submit(sub("c", Role.COORDINATOR, 1, 1, text(2, "x", 0)), 2)).code());
    s.setLocked(false);
    s.setMode(Mode.PROPOSAL);
    assertEquals("forbidden", ((SubmitResult.Rejected) s.submit(sub("m", Role.MEMBER, 1, 1, text(2, "x", 0)), 2)).code());
    accepted(s.submit(sub("c", Role.COORDINATOR, 1, 1, text(2, "x", 0)), 2));
    assertEquals(2, s.head());
  }

  @Test
  void refusedBatchesChangeNothingAndUseNoSeq() {
    Sequencer s = withSection();
    String before = s.serialise();
    SubmitResult r = s.submit(sub("a", 2, 1,
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'ok']},{'op':'delete','coll':'sections','id':'nope'}]"), 2);
    assertEquals("invalid_op", ((SubmitResult.Rejected) r).code());
    assertTrue(((SubmitResult.Rejected) r).message().contains("op 1"), r.toString());
    assertEquals("bad_base_seq", ((SubmitResult.Rejected) s.submit(sub("a", 2, 5, text(2, "x", 0)), 2)).code());
    assertEquals("bad_base_seq", ((SubmitResult.Rejected) s.submit(sub("a", 2, -1, text(2, "x", 0)), 2)).code());
    assertEquals("invalid_op", ((SubmitResult.Rejected) s.submit(sub("a", 2, 1,
        "[{'op':'create','coll':'sections','id':'s9','fields':{'order':'a'},'replace':true}]"), 2)).code());
    assertEquals("invalid_op", ((SubmitResult.Rejected) s.submit(sub("a", 2, 0, text(2, "x", 0)), 2)).code(),
        "an edit made for a text that did not exist yet");
    List<Op> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) many.add(new Op.Move("sections", "s1", "k" + i));
    SubmitResult big = s.submit(new Submission("u-a", Role.MEMBER, "a", 2, 1, many), 2);
    assertEquals("too_large", ((SubmitResult.Rejected) big).code());
    assertEquals(before, s.serialise());
    assertEquals(1, s.head());
    // the refused clientSeq is not remembered: the client may use it again
    accepted(s.submit(sub("a", 2, 1, text(2, "x", 0)), 3));
  }

  @Test
  void opsOnAnEntityDeletedConcurrentlyAreDroppedAndReportedNeverLosingTheBatch() {
    Sequencer s = withSection();
    accepted(s.submit(sub("a", 2, 1, "[{'op':'delete','coll':'sections','id':'s1'}]"), 2));
    CommittedBatch b = accepted(s.submit(sub("b", 1, 1,
        text(2, "late", 0).replace("]}]", "]},{'op':'create','coll':'sections','id':'s2','fields':{'order':'b'}}]")), 3));
    assertEquals(1, b.ops().size());
    assertEquals(List.of(new TransformNote(0, b.notes().get(0).original(), TransformNote.Reason.ENTITY_DELETED)), b.notes());
    assertEquals(b.notes(), b.skipped());
    assertTrue(s.state().exists("sections", "s2"));
  }

  @Test
  void anEmptyBatchIsCommittedSoItsSenderGetsAnAck() {
    Sequencer s = withSection();
    assertEquals(2, accepted(s.submit(sub("a", 2, 1, "[]"), 2)).seq());
  }

  @Test
  void aBatchOlderThanTheKeptTailAsksForHistoryAndLandsWithIt() {
    Sequencer s = Sequencer.restore(null, List.of(), Limits.DEFAULT, 3);
    List<CommittedBatch> log = new ArrayList<>();
    log.add(accepted(s.submit(sub("a", 1, 0, CREATE_S1), 1)));
    for (int i = 0; i < 6; i++) log.add(accepted(s.submit(sub("a", 2 + i, s.head(), "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[" + (2 + i) + ",'x']}]"), 2)));
    assertEquals(5, s.oldestRetainedSeq());
    assertTrue(s.batchesAfter(1).isEmpty());
    assertEquals(3, s.batchesAfter(4).orElseThrow().size());
    Submission late = sub("offline", 1, 1, "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':['<',2]}]");
    assertEquals(new SubmitResult.NeedsHistory(1, 4), s.submit(late, 3));
    assertEquals(new SubmitResult.NeedsHistory(1, 4), s.submit(late, 3, log.subList(2, 4)), "a gap is noticed");
    CommittedBatch b = accepted(s.submit(late, 3, log.subList(1, 4)));
    assertEquals(8, b.seq());
    assertEquals("<abxxxxxx", s.state().value("sections", "s1", "body"));
  }

  @Test
  void submissionsMayNameOnlyKnownOrganisationsButReplaysTrustTheLog() {
    String org = "00000000-0000-4000-8000-00000000000a";
    String other = "00000000-0000-4000-8000-00000000000b";
    String line = "[{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'" + org + "'}}]";
    Sequencer s = new Sequencer();
    s.setKnownOrganisation(org::equals);
    CommittedBatch created = accepted(s.submit(Submission.of("u-a", org, Role.MEMBER, "a", 1, 0,
        OpCodec.decodeBatch(line.replace('\'', '"'))), 1));
    SubmitResult elsewhere = s.submit(Submission.of("u-a", org, Role.MEMBER, "a", 2, 1, OpCodec.decodeBatch(
        "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"b1\",\"field\":\"contributor\",\"value\":\"" + other + "\"}]")), 2);
    assertEquals("invalid_op", ((SubmitResult.Rejected) elsewhere).code());
    assertEquals(org, s.state().value("budget", "b1", "contributor"));

    // the organisation has since left the table: its committed line still loads
    Sequencer reloaded = Sequencer.restore(null, List.of(created), Limits.DEFAULT);
    reloaded.setKnownOrganisation(other::equals);
    Sequencer follower = new Sequencer();
    follower.setKnownOrganisation(other::equals);
    follower.applyCommitted(created);
    assertEquals(org, reloaded.state().value("budget", "b1", "contributor"));
    assertEquals(org, follower.state().value("budget", "b1", "contributor"));
    assertEquals("invalid_op", ((SubmitResult.Rejected) reloaded.submit(sub("a", 2, 1, line.replace("b1", "b2")), 2)).code());
  }

  @Test
  void theResendMemoryForgetsTheLongestIdleClientsAndThenSaysWhenTheLogMustBeAsked() {
    Sequencer s = new Sequencer();
    s.setMaxClients(2);
    accepted(s.submit(sub("a", 1, 0, CREATE_S1), 1));
    accepted(s.submit(sub("b", 1, 1, text(2, "b", 0)), 2));
    assertTrue(s.knowsClient("anyone"), "nothing forgotten yet: an unknown client is a new one");
    accepted(s.submit(sub("c", 1, 2, text(3, "c", 0)), 3)); // the memory is full: a is forgotten
    assertTrue(!s.knowsClient("a") && !s.knowsClient("new"), "now unknown may mean forgotten");
    assertTrue(s.knowsClient("b") && s.knowsClient("c"));
    // the caller asks the log, which says a's batch 1 is seq 1: its resend is a duplicate again
    s.rememberClient("a", 1, 1, "u-a");
    assertEquals(new SubmitResult.Duplicate(1, 1), s.submit(sub("a", 1, 0, CREATE_S1), 4));
    assertEquals("abbc", s.state().value("sections", "s1", "body"), "nothing applied twice");
    Sequencer restored = Sequencer.restore(s.serialise(), List.of(), Limits.DEFAULT);
    assertTrue(!restored.knowsClient("new"), "a snapshot remembers that clients were forgotten");
  }

  @Test
  void refusesClientIdOfAnotherUserBeforeAnsweringItAsAResend() {
    Sequencer s = withSection(); // u-a committed clientSeq 1 under "a"
    // another user with the same id: neither the owner's ack (clientSeq 1) nor a place in its sequence (2, 9)
    for (long clientSeq : new long[] {1, 2, 9}) {
      SubmitResult r = s.submit(new Submission("u-luca", Role.MEMBER, "a", clientSeq, 1, List.of()), 2);
      assertEquals(Sequencer.CLIENT_TAKEN, assertInstanceOf(SubmitResult.Rejected.class, r).code());
    }
    assertEquals(1, s.head(), "nothing committed for the other user");
    assertEquals(1, s.lastClientSeq("a"), "the owner's resend state is untouched");
    assertEquals("u-a", s.clientOwner("a"));
    // the owner goes on as if nothing happened: its resend is a duplicate, its next batch applies
    assertEquals(new SubmitResult.Duplicate(1, 1), s.submit(sub("a", 1, 0, CREATE_S1), 3));
    accepted(s.submit(sub("a", 2, 1, text(2, "!", 0)), 4));
    assertEquals("ab!", s.state().value("sections", "s1", "body"));
  }

  @Test
  void theOwnerOfAClientIdSurvivesSnapshotsReplaysAndTheMemoryForgettingIt() throws Exception {
    Sequencer s = withSection();
    Sequencer fromSnapshot = Sequencer.restore(s.serialise(), List.of(), Limits.DEFAULT);
    CommittedBatch first = new CommittedBatch(1, "u-a", "a", 1, 1, OpCodec.decodeBatch(CREATE_S1.replace('\'', '"')));
    Sequencer fromLog = Sequencer.restore(null, List.of(first), Limits.DEFAULT);
    for (Sequencer r : List.of(fromSnapshot, fromLog)) {
      assertEquals("u-a", r.clientOwner("a"));
      assertEquals(Sequencer.CLIENT_TAKEN, assertInstanceOf(SubmitResult.Rejected.class,
          r.submit(new Submission("u-luca", Role.MEMBER, "a", 2, 1, List.of()), 2)).code());
    }
    // a snapshot from before owners were kept: the op log is asked, then the owner is known
    com.fasterxml.jackson.databind.node.ObjectNode snap =
        (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.serialise());
    ((com.fasterxml.jackson.databind.node.ArrayNode) snap.path("clients").path("a")).remove(2);
    String old = snap.toString();
    Sequencer legacy = Sequencer.restore(old, List.of(), Limits.DEFAULT);
    assertTrue(!legacy.knowsClient("a"), "an id without its owner must be looked up");
    legacy.rememberClient("a", 1, 1, "u-a");
    assertTrue(legacy.knowsClient("a"));
    assertEquals(Sequencer.CLIENT_TAKEN, assertInstanceOf(SubmitResult.Rejected.class,
        legacy.submit(new Submission("u-luca", Role.MEMBER, "a", 2, 1, List.of()), 2)).code());
    // forgotten by a full memory, then remembered from the log: still the owner's
    Sequencer full = withSection();
    full.setMaxClients(1);
    accepted(full.submit(sub("b", 1, 1, text(2, "b", 0)), 2));
    assertTrue(!full.knowsClient("a"));
    full.rememberClient("a", 1, 1, "u-a");
    assertEquals(Sequencer.CLIENT_TAKEN, assertInstanceOf(SubmitResult.Rejected.class,
        full.submit(new Submission("u-luca", Role.MEMBER, "a", 5, 2, List.of()), 3)).code());
  }

  @Test
  void theServersOwnBatchesKeepTheirIdWhoeverTheyAreWrittenFor() {
    Sequencer s = withSection();
    // a restored version is written under one id for whichever coordinator asks
    accepted(s.submit(new Submission("u-giulia", Role.COORDINATOR, "restore:1", 1, 1, List.of(), true, true), 2));
    accepted(s.submit(new Submission("u-marco", Role.COORDINATOR, "restore:1", 2, 2, List.of(), true, true), 3));
    assertEquals("u-marco", s.clientOwner("restore:1"));
  }

  @Test
  void restartFromASnapshotAndTheLogAfterItGivesTheSameStateAuthorshipAndResendMemory() {
    Seeds.forEach(60_000, 200, seed -> {
      Random r = new Random(seed);
      Sequencer live = new Sequencer();
      live.setPledgeOwnership(false); // random edits name random contributors: ownership is PledgesTest's
      List<CommittedBatch> log = new ArrayList<>();
      String snapshot = null;
      long snapshotSeq = 0;
      List<RandomEdits> users = List.of(new RandomEdits(r, "e", 6), new RandomEdits(r, "e", 6));
      for (int i = 0; i < 30; i++) {
        int u = r.nextInt(2);
        long base = Math.max(0, live.head() - r.nextInt(3));
        DocumentState view = stateAt(log, base);
        List<Op> ops = users.get(u).batch(view, 3, "u" + u, -1);
        SubmitResult res = live.submit(new Submission("u" + u, Role.MEMBER, "c" + u, i + 1, base, ops), i);
        CommittedBatch b = accepted(res);
        log.add(new CommittedBatch(b.seq(), b.author(), b.clientId(), b.clientSeq(), b.time(),
            OpCodec.decodeBatch(OpCodec.toJson(b.ops())))); // as read back from the database
        if (r.nextInt(8) == 0) {
          snapshot = live.serialise();
          snapshotSeq = live.head();
        }
      }
      Sequencer restored = Sequencer.restore(snapshot, log.subList((int) snapshotSeq, log.size()), Limits.DEFAULT);
      assertEquals(StateCodec.stateJson(live.state()), StateCodec.stateJson(restored.state()));
      assertEquals(live.serialise(), restored.serialise());
      assertEquals(live.head(), restored.head());
      CommittedBatch last = log.get(log.size() - 1);
      assertEquals(new SubmitResult.Duplicate(last.clientSeq(), last.seq()),
          restored.submit(new Submission(last.author(), Role.MEMBER, last.clientId(), last.clientSeq(), 0, List.of()), 99));
    });
  }

  /** The document at {@code seq}, replayed from the log. */
  private static DocumentState stateAt(List<CommittedBatch> log, long seq) {
    return Sequencer.restore(null, log.subList(0, (int) seq), Limits.DEFAULT).state().copy();
  }

  @Test
  void aStrictBatchIsRefusedWithIntegrationConflictWhenTransformationWouldDropOrChangeItsOps() {
    Sequencer s = withSection();
    accepted(s.submit(sub("a", 2, 1, "[{'op':'delete','coll':'sections','id':'s1'}]"), 2));
    String before = s.serialise();
    Submission strict = new Submission("u-p", Role.COORDINATOR, "integration:x", 1, 1,
        OpCodec.decodeBatch(text(1, "P", 1).replace('\'', '"')), true);
    SubmitResult r = s.submit(strict, 3);
    assertEquals(Sequencer.CONFLICT, assertInstanceOf(SubmitResult.Rejected.class, r).code());
    assertEquals(before, s.serialise(), "nothing applied");
    assertEquals(2, s.head());
    // the same batch, not strict, is accepted as a reported no-op
    Submission loose = new Submission("u-p", Role.COORDINATOR, "c", 1, 1,
        OpCodec.decodeBatch(text(1, "P", 1).replace('\'', '"')));
    assertEquals(1, accepted(s.submit(loose, 4)).skipped().size());
  }

  @Test
  void aStrictBatchMergesWithConcurrentTextEdits() {
    Sequencer s = withSection();
    accepted(s.submit(sub("a", 2, 1, text(0, "X", 2)), 2));
    Submission strict = new Submission("u-p", Role.COORDINATOR, "integration:y", 1, 1,
        OpCodec.decodeBatch(text(2, "P", 0).replace('\'', '"')), true);
    accepted(s.submit(strict, 3));
    assertEquals("XabP", s.state().value("sections", "s1", "body"));
  }
}
