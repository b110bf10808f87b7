package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Tuple;
import it.tavolo.db.OpLogStore;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acks follow commits; failed and conflicting commits; group commit. */
class CommitPathTest {
  private static String createSection(String id) {
    return "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + id
        + "\",\"fields\":{\"order\":\"m\",\"title\":\"" + id + "\",\"body\":\"\"}}]";
  }

  @Test
  void noAckAndNoBroadcastBeforeTheCommit() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient a = LiveClient.join("ets1", doc, "wait-a");
         LiveClient b = LiveClient.join("ets2", doc, "wait-b")) {
      try (OpLogLock lock = new OpLogLock()) {
        a.submit(1, 0, createSection("s1"));
        lock.waitingInsert();
        assertTrue(a.drain("ack", 400).isEmpty(), "ack before commit");
        assertTrue(b.drain("ops", 10).isEmpty(), "broadcast before commit");
      }
      assertEquals(1, a.next("ack").path("seq").asLong());
      assertEquals(1, b.next("ops").path("seq").asLong());
    }
  }

  @Test
  void aFailedCommitIsNotAckedAndItsResendLandsExactlyOnce() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient a = LiveClient.join("ets1", doc, "fail-a");
         LiveClient b = LiveClient.join("ets2", doc, "fail-b")) {
      try (OpLogLock lock = new OpLogLock()) {
        a.submit(1, 0, createSection("s1"));
        OpLogLock.terminate(lock.waitingInsert()); // the database connection dies mid-commit
        JsonNode e = a.error("unavailable");
        assertEquals(1, e.path("clientSeq").asLong());
      }
      assertTrue(b.drain("ops", 200).isEmpty(), "nothing uncommitted is broadcast");
      assertEquals(0, LiveFixtures.opLogRows(doc));
      // the owner reloaded from the log; the same batch again lands once
      a.submit(1, 0, createSection("s1"));
      assertEquals(1, a.next("ack").path("seq").asLong());
      assertEquals(1, b.next("ops").path("seq").asLong());
      a.submit(1, 0, createSection("s1"));
      assertEquals(1, a.next("ack").path("seq").asLong(), "a further resend is only acked");
      assertEquals(1, LiveFixtures.opLogRows(doc));
      a.submit(2, 1, createSection("s2"));
      assertEquals(2, a.next("ack").path("seq").asLong());
      assertTrue(b.drain("ops", 200).stream().allMatch(o -> o.path("seq").asLong() == 2));
    }
  }

  @Test
  void anotherProcessCommittingTheSameSeqIsCaughtUpAndTheBatchSequencedAfterIt() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient a = LiveClient.join("ets1", doc, "race-a");
         LiveClient b = LiveClient.join("ets2", doc, "race-b")) {
      a.submit(1, 0, createSection("s1"));
      assertEquals(1, a.next("ack").path("seq").asLong());
      b.next("ops");
      // a second server process commits seq 2 behind this one's back
      LiveFixtures.sql("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) values ($1, 2, $2, "
          + "'other-process', 1, $3::text::jsonb)", Tuple.of(doc, DemoSeed.PA_MEMBER.id(),
          "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"title\",\"value\":\"dall'altro server\"}]"));
      a.submit(2, 1, "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"title\",\"value\":\"da qui\"}]");
      JsonNode foreign = a.next("ops");
      assertEquals(2, foreign.path("seq").asLong());
      assertEquals("other-process", foreign.path("client").asText());
      assertEquals(3, a.next("ack").path("seq").asLong(), "sequenced again after the other process's batch");
      assertEquals(2, b.next("ops").path("seq").asLong());
      assertEquals(3, b.next("ops").path("seq").asLong());
    }
    try (LiveClient c = LiveClient.join("coordinatore", doc, "race-check")) {
      assertEquals(3, c.welcome.path("seq").asLong());
      assertEquals("da qui", c.welcome.path("snapshot").path("collections").path("sections").path("s1").path("title").asText());
    }
  }

  @Test
  void concurrentSubmittersAreCommittedInFewerTransactionsThanBatches() throws Exception {
    UUID doc = LiveFixtures.emptyDocument();
    OpLogStore store = TestServer.app().live().store();
    long tx0 = store.appendTransactions();
    long rows0 = store.appendedBatches();
    int clients = 16;
    int each = 15;
    String[] who = {"coordinatore", "pa", "ets1", "ets2"};
    List<LiveClient> conns = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      conns.add(LiveClient.join(who[i % who.length], doc, "group-" + i));
    }
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      LiveClient c = conns.get(i);
      int n = i;
      runs.add(CompletableFuture.runAsync(() -> {
        for (int k = 1; k <= each; k++) {
          // baseSeq 0: each batch creates its own section, transformed past all the others
          c.submit(k, 0, createSection("s-" + n + "-" + k));
          c.next("ack");
        }
      }));
    }
    CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get();
    conns.forEach(LiveClient::close);
    long batches = clients * each;
    assertEquals(batches, LiveFixtures.opLogRows(doc));
    long transactions = LiveFixtures.sql("select count(distinct committed_at) as n from op_log where doc_id = $1",
        Tuple.of(doc)).get(0).getLong("n");
    System.out.printf("group commit: %d batches in %d transactions (store counted %d in %d)%n", batches, transactions,
        store.appendedBatches() - rows0, store.appendTransactions() - tx0);
    assertTrue(transactions < batches * 3 / 4, batches + " batches took " + transactions + " transactions");
    String metrics = TestServer.get("/metrics").body();
    for (String name : new String[] {"tavolo_oplog_batches_total", "tavolo_oplog_commits_total",
        "tavolo_live_connections", "tavolo_live_documents", "tavolo_live_lagging"}) {
      assertTrue(metrics.contains(name), name + " in /metrics");
    }
    // the timers have seen these batches: their 99th percentile is a positive duration
    for (String timer : new String[] {"tavolo_oplog_commit_seconds", "tavolo_live_ack_seconds"}) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "(?m)^" + timer + "\\{quantile=\"0\\.99\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
      assertTrue(m.find(), timer + " p99 in /metrics");
      assertTrue(Double.parseDouble(m.group(1)) > 0, timer + " p99 is " + m.group(1));
    }
  }
}
