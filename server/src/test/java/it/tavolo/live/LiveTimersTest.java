package it.tavolo.live;

import it.tavolo.live.document.DocumentOwners;
import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What open connections are watched for, on a server of this test's own with short timers
 * and a small write queue: a slow client is brought up to date from the tail when it
 * drains, in coalesced frames; one that stays stuck, or goes silent, is dropped; a member
 * whose role changes is sent away, and a lock set meanwhile reaches everyone; with a tail
 * of 100 batches, older history (for a late batch, or a reconnect) comes from the op log; idle documents are unloaded.
 */
class LiveTimersTest {
  static App app;
  @BeforeAll
  static void start() {
    app = TestServer.startDemoAppWith(Map.of(
        "TAVOLO_WS_IDLE_SECONDS", "10",
        "TAVOLO_WS_PING_SECONDS", "1",
        "TAVOLO_WS_SLOW_SECONDS", "6",
        "TAVOLO_WS_WRITE_QUEUE_BYTES", "16384",
        "TAVOLO_WS_RECHECK_SECONDS", "1",
        "TAVOLO_WS_TAIL_BATCHES", "100",
        "TAVOLO_WS_OWNER_IDLE_SECONDS", "1",
        "TAVOLO_RESEND_CLIENTS", "3")); // every test here outgrows it: forgotten clients are looked up
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  /** A bare-socket client that joined the demo document (announcing the batch extension). */
  static RawWsClient reader(String who, String client) throws Exception {
    return reader(who, client, DemoSeed.DOCUMENT_ID);
  }

  static RawWsClient reader(String who, String client, java.util.UUID doc) throws Exception {
    RawWsClient c = new RawWsClient(app.port());
    c.sendText("{\"type\":\"hello\",\"token\":\"" + LiveClient.login(app.port(), who) + "\",\"doc\":\""
        + doc + "\",\"client\":\"" + client + "\",\"since\":null,\"features\":[\"batch\"]}");
    c.readUntil("welcome");
    return c;
  }

  /**
   * A writer creating sections whose body is ~90 KB each, until the server holds batches back
   * from {@code readers} connections. How much a socket absorbs first is the kernel's choice:
   * the send buffer grows to net.ipv4.tcp_wmem's maximum (4 MB here), so a fixed amount is
   * sometimes not enough to back a socket up.
   */
  static long floodUntilLagging(LiveClient writer, long baseSeq, int readers, String prefix) {
    DocumentOwners owners = app.live().owners();
    String body = "x".repeat(90_000);
    long seq = baseSeq;
    for (int i = 1; owners.lagging() < readers; i++) {
      assertTrue(i <= 400, "no reader fell behind after 36 MB: " + owners.lagging() + " of " + readers);
      writer.submit(i, seq, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + prefix + i
          + "\",\"fields\":{\"order\":\"z" + prefix + i + "\",\"title\":\"t\",\"body\":\"" + body + "\"}}]");
      seq = writer.next("ack").path("seq").asLong();
    }
    return seq;
  }

  @Test
  void aSlowClientCatchesUpInOrderOnceItReadsAgainAndAStuckOneIsDropped() throws Exception {
    // a document of its own: the flood adds several MB, which would weigh on every later welcome
    java.util.UUID doc = ownDocument();
    try (RawWsClient slow = reader("ets1", "slow-reader", doc);
         RawWsClient stuck = reader("ets2", "stuck-reader", doc);
         LiveClient writer = LiveClient.join(app.port(), LiveClient.login(app.port(), "coordinatore"),
             doc, "flood-writer", null)) {
      long start = writer.welcome.path("seq").asLong();
      // neither reads while batches are committed, until both sockets are full
      long head = floodUntilLagging(writer, start, 2, "f");
      // Bounded even while pings come: a lost batch would otherwise be waited for forever.
      slow.deadline = System.currentTimeMillis() + 60_000;
      while (slow.opsSeqs().isEmpty() || slow.opsSeqs().get(slow.opsSeqs().size() - 1) < head) {
        assertTrue(slow.readMessage(), "the slow reader was dropped although it reads again");
      }
      List<Long> expected = new ArrayList<>();
      for (long s = start + 1; s <= head; s++) {
        expected.add(s);
      }
      assertEquals(expected, slow.opsSeqs(), "every batch exactly once, in seq order");
      assertTrue(slow.batchFrames > 0, "the catch-up came in coalesced frames");
      // the stuck one never read: once the grace period is over it is dropped, whatever it still finds
      Thread.sleep(7_000);
      // what was queued before the drop; pings are answered, so a connection never dropped would read
      // on forever (see aReaderWhoseSocketHoldsEverythingIsNeverDroppedSoWaitingForItsDropMustBeBounded)
      stuck.deadline = System.currentTimeMillis() + 30_000;
      while (stuck.readMessage()) {
        // the messages queued before the drop
      }
      assertEquals(4410, stuck.closeCode, "closed as slow_consumer");
      JsonNode last = stuck.messages.get(stuck.messages.size() - 1);
      assertEquals("slow_consumer", last.path("code").asText());
      assertTrue(stuck.opsSeqs().size() < expected.size());
    }
  }

  /**
   * With TAVOLO_WS_IDLE_SECONDS=10: a connection that answers no ping and sends nothing is
   * dropped with {@code idle_timeout} and close 4408 (docs/protocol.md, "Liveness") — not
   * before 10 s have passed since the last thing heard from it (its hello), while one that
   * answers pings stays.
   */
  @Test
  void aConnectionThatAnswersNothingIsDropped() throws Exception {
    long idleMs = 10_000;
    long helloSent = System.currentTimeMillis();
    try (RawWsClient silent = reader("pa", "silent-reader");
         LiveClient watcher = LiveClient.join(app.port(), LiveClient.login(app.port(), "osservatore"),
             DemoSeed.DOCUMENT_ID, "watcher", null)) {
      // silent never reads again: no pongs, no messages
      long deadline = System.currentTimeMillis() + idleMs + 20_000;
      while (true) {
        JsonNode m = watcher.next("members", idleMs + 20_000);
        if (!m.path("members").toString().contains("silent-reader")) {
          break;
        }
        assertTrue(System.currentTimeMillis() < deadline, "the silent connection is still a member");
      }
      long gone = System.currentTimeMillis() - helloSent;
      assertTrue(gone >= idleMs, "dropped after " + gone + " ms, before the idle timeout of " + idleMs + " ms");
      // what the server said to it on the way out, still in its socket: idle_timeout, then 4408
      while (silent.readMessage()) {
        // the members and pings it never read
      }
      assertEquals(4408, silent.closeCode, "closed as idle_timeout (4408); messages: " + silent.messages);
      JsonNode last = silent.messages.get(silent.messages.size() - 1);
      assertEquals("error", last.path("type").asText(), "the last message: " + last);
      assertEquals("idle_timeout", last.path("code").asText(), "the last message: " + last);
      assertTrue(!watcher.closed, "the responsive client stays");
    }
  }

  @Test
  void aMemberDemotedWhileConnectedIsSentAwayAndALockReachesEveryone() {
    java.util.UUID tavolo = java.util.UUID.randomUUID();
    java.util.UUID doc = java.util.UUID.randomUUID();
    io.vertx.sqlclient.Pool db = app.context().pool();
    LiveFixtures.sql(db, "insert into tavoli (id, title) values ($1, 'Ruoli')", io.vertx.sqlclient.Tuple.of(tavolo));
    for (DemoSeed.Account a : List.of(DemoSeed.COORDINATOR, DemoSeed.ETS1)) {
      LiveFixtures.sql(db, "insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3)",
          io.vertx.sqlclient.Tuple.of(tavolo, a.id(), a.role()));
    }
    LiveFixtures.sql(db, "insert into documents (id, tavolo_id, title) values ($1, $2, 'Ruoli')",
        io.vertx.sqlclient.Tuple.of(doc, tavolo));
    try (LiveClient sara = LiveClient.join(app.port(), LiveClient.login(app.port(), "ets1"), doc, "role-sara", null);
         LiveClient giulia = LiveClient.join(app.port(), LiveClient.login(app.port(), "coordinatore"), doc, "role-giulia", null)) {
      LiveFixtures.sql(db, "update tavolo_members set role = 'observer' where tavolo_id = $1 and user_id = $2",
          io.vertx.sqlclient.Tuple.of(tavolo, DemoSeed.ETS1.id()));
      sara.error("role_changed");
      sara.awaitClosed(4403);
      LiveFixtures.sql(db, "update documents set locked = true where id = $1", io.vertx.sqlclient.Tuple.of(doc));
      JsonNode change = giulia.next("doc");
      assertTrue(change.path("locked").asBoolean());
      assertEquals("live", change.path("mode").asText());
      giulia.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"m\","
          + "\"title\":\"T\",\"body\":\"\"}}]");
      giulia.error("locked");
    }
  }

  /** A document of its own in a new tavolo of this app, with the demo accounts as members. */
  static java.util.UUID ownDocument() {
    java.util.UUID tavolo = java.util.UUID.randomUUID();
    java.util.UUID doc = java.util.UUID.randomUUID();
    io.vertx.sqlclient.Pool db = app.context().pool();
    LiveFixtures.sql(db, "insert into tavoli (id, title) values ($1, 'Storia')", io.vertx.sqlclient.Tuple.of(tavolo));
    for (DemoSeed.Account a : DemoSeed.ACCOUNTS) {
      LiveFixtures.sql(db, "insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3)",
          io.vertx.sqlclient.Tuple.of(tavolo, a.id(), a.role()));
    }
    LiveFixtures.sql(db, "insert into documents (id, tavolo_id, title) values ($1, $2, 'Storia')",
        io.vertx.sqlclient.Tuple.of(doc, tavolo));
    return doc;
  }

  @Test
  void aBatchOlderThanTheTailIsTransformedWithHistoryFromTheLogAndAnOldSinceGetsWhatItMissedFromTheLog() {
    java.util.UUID doc = ownDocument();
    int port = app.port();
    try (LiveClient writer = LiveClient.join(port, LiveClient.login(port, "ets2"), doc, "hist-writer", null)) {
      writer.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"m\","
          + "\"title\":\"T\",\"body\":\"\"}}]");
      long seq = writer.next("ack").path("seq").asLong();
      long stale = seq;
      // 120 batches, each appending "B": the tail keeps only the last 100
      for (int i = 0; i < 120; i++) {
        writer.submit(2 + i, seq, "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\","
            + "\"edit\":[" + (i == 0 ? "" : i + ",") + "\"B\"]}]");
        seq = writer.next("ack").path("seq").asLong();
      }
      try (LiveClient late = LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "hist-late", null)) {
        // a batch made on the document as it was 120 batches ago: "a" at the start of an empty body
        late.submit(1, stale, "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\","
            + "\"edit\":[\"a\"]}]");
        assertEquals(seq + 1, late.next("ack").path("seq").asLong());
      }
      // back from before the tail: the batches it missed, from the op log, so it keeps its unsent edits
      try (LiveClient old = LiveClient.join(port, LiveClient.login(port, "pa"), doc, "hist-old", stale)) {
        assertTrue(!old.welcome.has("snapshot"), "no snapshot: " + old.welcome.toString().substring(0, 200));
        JsonNode ops = old.welcome.path("ops");
        assertEquals(121, ops.size());
        for (int i = 0; i < ops.size(); i++) {
          assertEquals(stale + 1 + i, ops.get(i).path("seq").asLong());
        }
        assertEquals("hist-late", ops.get(120).path("client").asText());
      }
    }
  }

  @Test
  void aClientTheResendMemoryForgotIsLookedUpInTheLogAndItsResendIsNotAppliedTwice() {
    java.util.UUID doc = ownDocument();
    int port = app.port();
    String token = LiveClient.login(port, "ets1");
    long firstSeq = -1;
    long head = 0;
    for (int i = 1; i <= 4; i++) { // four tabs; the memory keeps three
      try (LiveClient c = LiveClient.join(port, token, doc, "tab-" + i, null)) {
        c.submit(1, head, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s" + i + "\",\"fields\":{\"order\":\"m" + i
            + "\",\"title\":\"T\",\"body\":\"\"}}]");
        head = c.next("ack").path("seq").asLong();
        if (i == 1) {
          firstSeq = head;
        }
      }
    }
    // tab-1 never heard its ack and sends the batch again, from where it was
    try (LiveClient again = LiveClient.join(port, token, doc, "tab-1", null)) {
      again.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"m1\","
          + "\"title\":\"T\",\"body\":\"\"}}]");
      assertEquals(firstSeq, again.next("ack").path("seq").asLong(), "answered with its original seq");
      again.submit(2, head, "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"title\",\"value\":\"U\"}]");
      assertEquals(head + 1, again.next("ack").path("seq").asLong(), "and its next batch lands");
    }
    assertEquals(head + 1, LiveFixtures.sql(app.context().pool(), "select count(*) as n from op_log where doc_id = $1",
        io.vertx.sqlclient.Tuple.of(doc)).get(0).getLong("n"), "nothing applied twice");
  }

  @Test
  void aDocumentNobodyIsInIsUnloadedAndComesBackTheSame() throws Exception {
    java.util.UUID doc = ownDocument();
    int port = app.port();
    DocumentOwners owners = app.live().owners();
    JsonNode before;
    try (LiveClient c = LiveClient.join(port, LiveClient.login(port, "pa"), doc, "idle-1", null)) {
      c.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"m\","
          + "\"title\":\"Resto\",\"body\":\"qui\"}}]");
      c.next("ack");
      assertTrue(owners.committedSeq(doc) >= 1, "loaded while someone is in it");
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (owners.committedSeq(doc) != -1) {
      assertTrue(System.currentTimeMillis() < deadline, "not unloaded");
      Thread.sleep(50);
    }
    try (LiveClient c = LiveClient.join(port, LiveClient.login(port, "pa"), doc, "idle-2", null)) {
      assertEquals(1, c.welcome.path("seq").asLong());
      assertEquals("qui", c.welcome.path("snapshot").path("collections").path("sections").path("s1").path("body").asText());
    }
  }

  /**
   * The cause of the hang once blamed on "a race in the paced fan-out" (a CI run hung in this
   * class; at the time the flood was a fixed 6 MB and the wait for the stuck reader's drop was
   * an unbounded read loop): a reader that never reads is only slow once the server has to
   * hold something back. When its socket absorbs everything sent (the kernel's buffers grow to
   * several MB), nothing is held back, the server rightly never drops it, and a loop waiting
   * for the drop reads pings forever. Shown here with a few small batches, which always fit.
   * Hence the flood until the server reports both readers lagging, and reads with a deadline.
   */
  @Test
  void aReaderWhoseSocketHoldsEverythingIsNeverDroppedSoWaitingForItsDropMustBeBounded() throws Exception {
    java.util.UUID doc = ownDocument();
    DocumentOwners owners = app.live().owners();
    try (RawWsClient stuck = reader("ets2", "fits-reader", doc);
         LiveClient writer = LiveClient.join(app.port(), LiveClient.login(app.port(), "pa"), doc, "fits-writer", null)) {
      long seq = 0;
      for (int i = 1; i <= 3; i++) {
        writer.submit(i, seq, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"fit" + i
            + "\",\"fields\":{\"order\":\"m" + i + "\",\"title\":\"t\",\"body\":\"" + "y".repeat(2_000) + "\"}}]");
        seq = writer.next("ack").path("seq").asLong();
      }
      Thread.sleep(7_000); // past the slow-consumer grace (6 s here), without reading
      assertEquals(0, owners.lagging(), "nothing was held back from it");
      stuck.deadline = System.currentTimeMillis() + 3_000;
      List<Long> seen = new ArrayList<>();
      try {
        while (stuck.readMessage()) {
          seen = stuck.opsSeqs();
        }
        throw new AssertionError("the reader was dropped (close " + stuck.closeCode + ")");
      } catch (java.net.SocketTimeoutException pingsOnly) {
        // still open, answering pings, with nothing more to read: never dropped
      }
      assertEquals(List.of(1L, 2L, 3L), seen, "it got every batch and was never dropped");
      assertEquals(null, stuck.closeCode);
    }
  }

  /**
   * The interleavings the paced fan-out could get wrong, driven in order (the fan-out held
   * by the test, not by luck): batches held by the pacing reach a lagging reader through its
   * catch-up from the tail; the fan-out of those same batches afterwards is not sent again;
   * what was committed after the catch-up comes with that fan-out. Each batch exactly once,
   * in seq order.
   */
  @Test
  void aCatchUpFromTheTailAndAPacedFanOutOfTheSameBatchesGiveEachBatchOnceInOrder() throws Exception {
    java.util.UUID doc = ownDocument();
    DocumentOwners owners = app.live().owners();
    try (RawWsClient slow = reader("ets1", "paced-reader", doc);
         LiveClient writer = LiveClient.join(app.port(), LiveClient.login(app.port(), "coordinatore"), doc,
             "paced-writer", null)) {
      long head = floodUntilLagging(writer, 0, 1, "p");
      long x;
      long y;
      try {
        owners.holdFanOut();
        // committed while the reader lags and the fan-out is held: only in the owner's tail
        writer.submit(head + 1, head, "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"p1\",\"field\":\"title\",\"value\":\"X\"}]");
        x = writer.next("ack").path("seq").asLong();
        slow.deadline = System.currentTimeMillis() + 60_000;
        while (slow.opsSeqs().isEmpty() || slow.opsSeqs().get(slow.opsSeqs().size() - 1) < x) {
          assertTrue(slow.readMessage(), "the slow reader was dropped although it reads again");
        }
        long until = System.currentTimeMillis() + 10_000;
        while (owners.lagging() > 0) {
          assertTrue(System.currentTimeMillis() < until, "the reader still counts as lagging after its catch-up");
          Thread.sleep(10);
        }
        // committed after the catch-up, still held: only the fan-out brings it
        writer.submit(head + 2, x, "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"p1\",\"field\":\"title\",\"value\":\"Y\"}]");
        y = writer.next("ack").path("seq").asLong();
      } finally {
        owners.releaseFanOut(); // the held batches, x among them, go out now
      }
      while (slow.opsSeqs().get(slow.opsSeqs().size() - 1) < y) {
        assertTrue(slow.readMessage(), "the reader was dropped");
      }
      List<Long> expected = new ArrayList<>();
      for (long s = 1; s <= y; s++) {
        expected.add(s);
      }
      assertEquals(expected, slow.opsSeqs(), "every batch exactly once, in seq order");
    }
  }
}
