package it.tavolo.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.sequencer.SubmitResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientDocumentTest {
  private static List<Op> ops(String json) {
    return OpCodec.decodeBatch(json.replace('\'', '"'));
  }

  private static List<Op> type(int at, String s, int after) {
    return ops("[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[" + (at > 0 ? at + "," : "") + "'" + s + "'" + (after > 0 ? "," + after : "") + "]}]");
  }

  /** A server with section s1 "" and a client that has seen it. */
  private static Sequencer server() {
    Sequencer s = new Sequencer();
    s.submit(new it.tavolo.core.sequencer.Submission("u0", Role.MEMBER, "setup", 1, 0,
        ops("[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','body':'ab'}}]")), 0);
    return s;
  }

  private static ClientDocument client(Sequencer s, String id) {
    return new ClientDocument(id, "user-" + id, s.state().copy(), s.head(), 0);
  }

  private static CommittedBatch send(Sequencer s, ClientDocument c, Outgoing out) {
    SubmitResult r = s.submit(out.toSubmission(c.user(), Role.MEMBER, c.clientId()), 0);
    return ((SubmitResult.Accepted) r).batch();
  }

  @Test
  void oneBatchInFlightLaterTypingIsComposedIntoOneBufferedOp() {
    Sequencer s = server();
    ClientDocument c = client(s, "c");
    c.edit(type(2, "x", 0));
    Outgoing first = c.nextToSend().orElseThrow();
    c.edit(type(3, "y", 0));
    c.edit(type(4, "z", 0));
    assertTrue(c.nextToSend().isEmpty(), "one batch in flight");
    c.onAck(first.clientSeq(), send(s, c, first).seq());
    Outgoing second = c.nextToSend().orElseThrow();
    assertEquals(1, second.ops().size(), "buffered keystrokes composed");
    assertEquals(first.clientSeq() + 1, second.clientSeq());
    c.onAck(second.clientSeq(), send(s, c, second).seq());
    assertEquals("abxyz", s.state().value("sections", "s1", "body"));
    assertTrue(c.isSettled());
  }

  @Test
  void incomingBatchIsTransformedAgainstInflightAndBuffered() {
    Sequencer s = server();
    ClientDocument a = client(s, "a");
    ClientDocument b = client(s, "b");
    a.edit(type(1, "A", 1));
    Outgoing ao = a.nextToSend().orElseThrow();
    a.edit(type(0, "<", 3));
    b.edit(type(1, "B", 1));
    CommittedBatch bb = send(s, b, b.nextToSend().orElseThrow());
    a.onBatch(bb.seq(), bb.author(), bb.clientId(), bb.clientSeq(), bb.ops());
    CommittedBatch ab = send(s, a, ao);
    a.onAck(ao.clientSeq(), ab.seq());
    CommittedBatch ab2 = send(s, a, a.nextToSend().orElseThrow());
    a.onAck(ab2.clientSeq(), ab2.seq());
    assertEquals(s.state().value("sections", "s1", "body"), a.document().value("sections", "s1", "body"));
    assertEquals("<aABb", s.state().value("sections", "s1", "body"));
  }

  @Test
  void ownBatchSeenInCatchUpCountsAsItsAckAndAResendIsADuplicate() {
    Sequencer s = server();
    ClientDocument c = client(s, "c");
    c.edit(type(2, "x", 0));
    Outgoing out = c.nextToSend().orElseThrow();
    CommittedBatch committed = send(s, c, out); // the ack is lost with the connection
    Outgoing again = c.resend().orElseThrow();
    assertEquals(out.clientSeq(), again.clientSeq(), "a resend keeps its clientSeq");
    assertEquals(new SubmitResult.Duplicate(out.clientSeq(), committed.seq()),
        s.submit(again.toSubmission(c.user(), Role.MEMBER, c.clientId()), 1));
    c.onBatch(committed.seq(), committed.author(), committed.clientId(), committed.clientSeq(), committed.ops());
    assertTrue(c.isSettled());
    assertEquals(committed.seq(), c.seq());
    c.onAck(out.clientSeq(), committed.seq()); // the duplicate's ack arrives too: ignored
    assertEquals(committed.seq(), c.seq());
  }

  @Test
  void anInvalidLocalEditThrowsAndChangesNothing() {
    ClientDocument c = new ClientDocument("c", "u", new DocumentState(), 0, 0);
    assertThrows(Refusal.class, () -> c.edit(ops(
        "[{'op':'create','coll':'sections','id':'s1','fields':{'order':'a'}},{'op':'delete','coll':'sections','id':'nope'}]")));
    assertFalse(c.document().exists("sections", "s1"));
    assertTrue(c.isSettled());
  }
}
