package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lost connections: what a client missed, and batches whose ack never arrived. */
class ResendTest {
  private static String createSection(String id) {
    return "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + id
        + "\",\"fields\":{\"order\":\"m\",\"title\":\"" + id + "\",\"body\":\"\"}}]";
  }

  private static long rowsOf(UUID doc, String client, long clientSeq) {
    return LiveFixtures.sql("select count(*) as n from op_log where doc_id = $1 and client_id = $2 and client_seq = $3",
        Tuple.of(doc, client, clientSeq)).get(0).getLong("n");
  }

  @Test
  void aBatchWhoseAckWasLostIsAckedOnResendAndLandsOnce() {
    UUID doc = LiveFixtures.emptyDocument();
    LiveClient first = LiveClient.join("ets1", doc, "lost-ack");
    try (OpLogLock lock = new OpLogLock()) {
      first.submit(1, 0, createSection("s1"));
      lock.waitingInsert();
      first.drop(); // gone before the commit, so before any ack
    }
    // the commit went through after the lock; the resend on a new connection is recognised
    try (LiveClient again = LiveClient.join("ets1", doc, "lost-ack")) {
      assertEquals(1, again.welcome.path("seq").asLong());
      again.submit(1, 0, createSection("s1"));
      JsonNode ack = again.next("ack");
      assertEquals(1, ack.path("clientSeq").asLong());
      assertEquals(1, ack.path("seq").asLong());
      assertEquals(1, rowsOf(doc, "lost-ack", 1));
      assertEquals(1, LiveFixtures.opLogRows(doc));
      assertTrue(again.drain("error", 200).isEmpty());
    }
  }

  @Test
  void aReconnectDuringThePendingCommitIsWelcomedRightAfterItAndItsResendIsAckedOnce() {
    UUID doc = LiveFixtures.emptyDocument();
    LiveClient first = LiveClient.join("ets1", doc, "early-resend");
    LiveClient again;
    try (OpLogLock lock = new OpLogLock()) {
      first.submit(1, 0, createSection("s1"));
      lock.waitingInsert();
      first.drop();
      again = LiveClient.connect();
      again.hello(LiveClient.token("ets1"), doc, "early-resend", 0L);
      // the engine is ahead of the log while the group commits: nobody is welcomed into that
      assertTrue(again.drain("welcome", 300).isEmpty(), "no welcome before the commit");
    }
    JsonNode w = again.next("welcome");
    assertEquals(1, w.path("seq").asLong());
    assertEquals("early-resend", w.path("ops").get(0).path("client").asText(), "its own batch, i.e. its ack");
    again.submit(1, 0, createSection("s1"));
    assertEquals(1, again.next("ack").path("seq").asLong());
    assertTrue(again.drain("ack", 300).isEmpty(), "exactly one ack");
    assertEquals(1, rowsOf(doc, "early-resend", 1));
    again.close();
  }

  @Test
  void aReconnectWithSinceGetsExactlyTheBatchesItMissed() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient writer = LiveClient.join("pa", doc, "since-writer")) {
      LiveClient reader = LiveClient.join("ets2", doc, "since-reader");
      writer.submit(1, 0, createSection("s1"));
      writer.next("ack");
      assertEquals(1, reader.next("ops").path("seq").asLong());
      reader.drop();
      for (int k = 2; k <= 4; k++) {
        writer.submit(k, k - 1, createSection("s" + k));
        assertEquals(k, writer.next("ack").path("seq").asLong());
      }
      try (LiveClient back = LiveClient.join(it.tavolo.testing.TestServer.port(), LiveClient.token("ets2"), doc,
          "since-reader", 1L)) {
        JsonNode w = back.welcome;
        assertEquals(4, w.path("seq").asLong());
        assertFalse(w.has("snapshot"), "ops, not a snapshot");
        List<Long> seqs = new ArrayList<>();
        w.path("ops").forEach(b -> seqs.add(b.path("seq").asLong()));
        assertEquals(List.of(2L, 3L, 4L), seqs);
        assertEquals("since-writer", w.path("ops").get(0).path("client").asText());
        assertEquals(2, w.path("ops").get(0).path("clientSeq").asLong());
        assertEquals("s2", w.path("ops").get(0).path("ops").get(0).path("id").asText());
        // and from there on the stream continues without a gap
        writer.submit(5, 4, createSection("s5"));
        assertEquals(5, back.next("ops").path("seq").asLong());
      }
      try (LiveClient upToDate = LiveClient.join(it.tavolo.testing.TestServer.port(), LiveClient.token("ets2"), doc,
          "since-current", 5L)) {
        assertEquals(0, upToDate.welcome.path("ops").size());
      }
      try (LiveClient ahead = LiveClient.join(it.tavolo.testing.TestServer.port(), LiveClient.token("ets2"), doc,
          "since-ahead", 99L)) {
        assertEquals(5, ahead.welcome.path("snapshot").path("seq").asLong(), "unknown seq: a snapshot");
      }
    }
  }

  @Test
  void aTypistWhoseConnectionDropsMidEditCatchesUpResendsAndConverges() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient setup = LiveClient.join("coordinatore", doc, "mid-setup")) {
      setup.submit(1, 0, createSection("s1"));
      setup.next("ack");
    }
    try (TypingClient a = TypingClient.join("ets1", doc, "mid-a");
         TypingClient b = TypingClient.join("ets2", doc, "mid-b")) {
      for (int i = 0; i < 20; i++) {
        int len = a.doc.document().textLength("sections", "s1", "body");
        a.edit(List.of(new it.tavolo.core.ops.Op.Text("sections", "s1", "body",
            it.tavolo.core.text.TextOperation.builder().retain(len).insert("a").build())));
        int lenB = b.doc.document().textLength("sections", "s1", "body");
        b.edit(List.of(new it.tavolo.core.ops.Op.Text("sections", "s1", "body",
            it.tavolo.core.text.TextOperation.builder().insert("B").retain(lenB).build())));
        if (i % 5 == 2) {
          a.reconnect(LiveClient.token("ets1"), doc.toString()); // possibly with a batch in flight
        }
        a.pump(1);
        b.pump(1);
      }
      long head = 0;
      for (int round = 0; round < 5; round++) {
        head = Math.max(head, Math.max(a.doc.seq(), b.doc.seq()));
        a.settle(head);
        b.settle(head);
      }
      String text = (String) a.doc.document().value("sections", "s1", "body");
      assertEquals(text, b.doc.document().value("sections", "s1", "body"));
      // every keystroke exactly once; where the first "a" and the first "B" both went at position
      // 0 of the empty text, their order is whichever reached the owner first (the connections
      // run on different event loops), so the text is not always B*20 + a*20
      assertEquals(20, text.chars().filter(ch -> ch == 'B').count(), text);
      assertEquals(20, text.chars().filter(ch -> ch == 'a').count(), text);
      assertEquals(LiveFixtures.opLogRows(doc), LiveFixtures.sql(
          "select count(distinct (client_id, client_seq)) as n from op_log where doc_id = $1", Tuple.of(doc))
          .get(0).getLong("n"));
    }
  }
}
