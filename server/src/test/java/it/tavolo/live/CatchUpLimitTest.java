package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.testing.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Reconnecting with since": a client at most TAVOLO_WS_CATCH_UP_BATCHES
 * (20 000) batches behind gets exactly the batches it missed, from the op log when the tail
 * no longer has them; one further behind gets a snapshot. Here the limit is 50 and the tail
 * 10, so both sides of the limit are reached with 70 batches.
 */
class CatchUpLimitTest {
  private static final int LIMIT = 50;
  private static final int BATCHES = 70;
  private static App app;

  @BeforeAll
  static void start() {
    app = TestServer.startDemoAppWith(Map.of("TAVOLO_WS_CATCH_UP_BATCHES", Integer.toString(LIMIT),
        "TAVOLO_WS_TAIL_BATCHES", "10"));
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  /** A document of its own in a new tavolo of {@code app}, with the demo accounts as members. */
  static UUID ownDocument(App app) {
    UUID tavolo = UUID.randomUUID();
    UUID doc = UUID.randomUUID();
    io.vertx.sqlclient.Pool db = app.context().pool();
    LiveFixtures.sql(db, "insert into tavoli (id, title) values ($1, 'Limiti')", io.vertx.sqlclient.Tuple.of(tavolo));
    for (it.tavolo.demo.DemoSeed.Account a : it.tavolo.demo.DemoSeed.ACCOUNTS) {
      LiveFixtures.sql(db, "insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3)",
          io.vertx.sqlclient.Tuple.of(tavolo, a.id(), a.role()));
    }
    LiveFixtures.sql(db, "insert into documents (id, tavolo_id, title) values ($1, $2, 'Limiti')",
        io.vertx.sqlclient.Tuple.of(doc, tavolo));
    return doc;
  }

  @Test
  void aClientMoreThanTheLimitBehindGetsASnapshotAndOneWithinItExactlyWhatItMissed() {
    UUID doc = ownDocument(app);
    int port = app.port();
    String snapshot;
    try (LiveClient writer = LiveClient.join(port, LiveClient.login(port, "ets2"), doc, "catch-writer", null)) {
      writer.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"m\","
          + "\"title\":\"T\",\"body\":\"\"}}]");
      long seq = writer.next("ack").path("seq").asLong();
      for (int i = 2; i <= BATCHES; i++) {
        writer.submit(i, seq, "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\","
            + "\"edit\":[" + (i == 2 ? "" : (i - 2) + ",") + "\"B\"]}]");
        seq = writer.next("ack").path("seq").asLong();
      }
      assertEquals(BATCHES, seq);
    }
    try (LiveClient look = LiveClient.join(port, LiveClient.login(port, "pa"), doc, "catch-look", null)) {
      snapshot = look.welcome.path("snapshot").toString();
    }
    String token = LiveClient.login(port, "ets1");
    // exactly at the limit, and just inside it: every batch after since, in order, from the log
    for (long since : new long[] {BATCHES - LIMIT, BATCHES - LIMIT + 1, BATCHES - 11}) {
      try (LiveClient back = LiveClient.join(port, token, doc, "catch-" + since, since)) {
        JsonNode w = back.welcome;
        assertFalse(w.has("snapshot"), "since " + since + " (" + (BATCHES - since) + " behind): no snapshot");
        JsonNode ops = w.path("ops");
        assertEquals(BATCHES - since, ops.size(), "since " + since + ": exactly the batches it missed");
        for (int i = 0; i < ops.size(); i++) {
          assertEquals(since + 1 + i, ops.get(i).path("seq").asLong());
          assertEquals("catch-writer", ops.get(i).path("client").asText());
        }
      }
    }
    // beyond the limit: a snapshot (the document as it is), no batches
    for (long since : new long[] {BATCHES - LIMIT - 1, 0}) {
      try (LiveClient far = LiveClient.join(port, token, doc, "catch-far-" + since, since)) {
        JsonNode w = far.welcome;
        assertFalse(w.has("ops"), "since " + since + " (" + (BATCHES - since) + " behind): no batches");
        assertEquals(snapshot, w.path("snapshot").toString(), "since " + since + ": the snapshot");
        assertEquals(BATCHES, w.path("seq").asLong());
      }
    }
    assertTrue(snapshot.contains("\"body\":\"" + "B".repeat(BATCHES - 1) + "\""), snapshot);
  }
}
