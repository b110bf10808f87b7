package it.tavolo.live;

import it.tavolo.live.document.DocumentOwners;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Slow connections": presence is dropped for a slow connection (the next
 * one supersedes it), while its batches are kept and sent once it reads again. A server of
 * its own with a 16 KiB write queue and a long grace, so the reader is held back, not dropped.
 */
class SlowPresenceTest {
  private static App app;

  @BeforeAll
  static void start() {
    app = TestServer.startDemoAppWith(Map.of(
        "TAVOLO_WS_WRITE_QUEUE_BYTES", "16384",
        "TAVOLO_WS_SLOW_SECONDS", "60",
        "TAVOLO_WS_PING_SECONDS", "60"));
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static String focus(String id) {
    return "{\"type\":\"presence\",\"focus\":{\"coll\":\"sections\",\"id\":\"" + id + "\",\"field\":\"title\"}}";
  }

  private static boolean isFocus(JsonNode m, String id) {
    return m.path("type").asText().equals("presence") && m.path("focus").path("id").asText().equals(id);
  }

  @Test
  void aSlowConnectionMissesTheCursorMovesOfItsBacklogButNoBatchAndSeesTheNextMove() throws Exception {
    UUID doc = CatchUpLimitTest.ownDocument(app);
    int port = app.port();
    DocumentOwners owners = app.live().owners();
    try (RawWsClient slow = new RawWsClient(port);
         LiveClient writer = LiveClient.join(port, LiveClient.login(port, "coordinatore"), doc, "sp-writer", null);
         LiveClient pointer = LiveClient.join(port, LiveClient.login(port, "ets2"), doc, "sp-pointer", null)) {
      slow.sendText("{\"type\":\"hello\",\"token\":\"" + LiveClient.login(port, "ets1") + "\",\"doc\":\"" + doc
          + "\",\"client\":\"sp-slow\",\"since\":null}");
      slow.readUntil("welcome");
      long start = writer.welcome.path("seq").asLong();
      // big batches until the server holds batches back from the reader that does not read
      String body = "x".repeat(90_000);
      long seq = start;
      for (int i = 1; owners.lagging() < 1; i++) {
        assertTrue(i <= 400, "the reader never fell behind");
        writer.submit(i, seq, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"b" + i + "\",\"fields\":{\"order\":\"z" + i
            + "\",\"title\":\"t\",\"body\":\"" + body + "\"}}]");
        seq = writer.next("ack").path("seq").asLong();
      }
      // cursor moves while it is behind: dropped for it (each a little apart: one per 50 ms gets through)
      for (int k = 1; k <= 8; k++) {
        pointer.sendText(focus("behind-" + k));
        Thread.sleep(80);
      }
      assertEquals(1, owners.lagging(), "still behind: it has not read");
      // it reads again: every batch, in order
      long deadline = System.currentTimeMillis() + 60_000;
      while (slow.opsSeqs().isEmpty() || slow.opsSeqs().get(slow.opsSeqs().size() - 1) < seq) {
        assertTrue(System.currentTimeMillis() < deadline, "no catch-up to " + seq + ": " + slow.opsSeqs().size());
        assertTrue(slow.readMessage(), "dropped although it reads again");
      }
      List<Long> expected = new ArrayList<>();
      for (long s = start + 1; s <= seq; s++) {
        expected.add(s);
      }
      assertEquals(expected, slow.opsSeqs(), "every batch exactly once, in seq order");
      // caught up: the next move reaches it, and none of those made while it was behind ever did
      long caughtUp = System.currentTimeMillis() + 10_000;
      while (owners.lagging() > 0) {
        assertTrue(System.currentTimeMillis() < caughtUp, "still counted as lagging");
        Thread.sleep(20);
      }
      pointer.sendText(focus("after"));
      long seen = System.currentTimeMillis() + 10_000;
      while (slow.messages.stream().noneMatch(m -> isFocus(m, "after"))) {
        assertTrue(System.currentTimeMillis() < seen, "the move made after it caught up never came");
        assertTrue(slow.readMessage(), "closed");
      }
      for (JsonNode m : slow.messages) {
        assertTrue(!(m.path("type").asText().equals("presence") && m.path("focus").path("id").asText().startsWith("behind-")),
            "a move made while it was behind reached it: " + m);
      }
      // the others, reading all along, saw the moves made meanwhile
      assertTrue(writer.drain("presence", 0).stream().anyMatch(m -> m.path("focus").path("id").asText().startsWith("behind-"))
          || writer.skipped.stream().anyMatch(m -> isFocus(m, "behind-8")), "the writer saw the moves");
    }
  }
}
