package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Limits and settings": TAVOLO_WS_FANOUT_MILLIS paces others' batches (at
 * most one fan-out per interval; the first after a quiet spell at once) and 0 sends every one
 * at once. Two batches committed back to back reach a reader: with an interval of 1 s the
 * second is held until the interval is over (a lower bound a timer guarantees), with 0 it
 * comes as soon as it is committed — far sooner than the 1 s interval, even on a loaded machine.
 * Cursor moves with no batch to go with them are paced five times more slowly (issue 21).
 */
class FanOutSettingTest {
  private static final long PACED_MS = 1000;

  /** The gaps, at the reader, between the first and second of two back-to-back batches (several rounds). */
  private static List<Long> gaps(App app, int rounds) throws InterruptedException {
    UUID doc = CatchUpLimitTest.ownDocument(app);
    int port = app.port();
    List<Long> gaps = new ArrayList<>();
    try (LiveClient writer = LiveClient.join(port, LiveClient.login(port, "ets2"), doc, "fan-writer", null);
         LiveClient reader = LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "fan-reader", null, true)) {
      long seq = 0;
      int clientSeq = 0;
      for (int r = 0; r < rounds; r++) {
        Thread.sleep(PACED_MS + 200); // a quiet spell: the first batch goes out at once
        long t1 = 0;
        for (int k = 0; k < 2; k++) {
          clientSeq++;
          writer.submit(clientSeq, seq, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"f" + clientSeq
              + "\",\"fields\":{\"order\":\"m" + clientSeq + "\",\"title\":\"T\",\"body\":\"\"}}]");
          seq = writer.next("ack").path("seq").asLong();
          assertEquals(seq, reader.next("ops", 10_000).path("seq").asLong(), "in seq order, none missed");
          long now = System.nanoTime();
          if (k == 0) {
            t1 = now;
          } else {
            gaps.add((now - t1) / 1_000_000);
          }
        }
      }
    }
    return gaps;
  }

  @Test
  void zeroSendsEveryBatchAtOnceWhereAnIntervalHoldsTheNextOneBack() throws Exception {
    App paced = TestServer.startDemoAppWith(Map.of("TAVOLO_WS_FANOUT_MILLIS", Long.toString(PACED_MS)));
    List<Long> pacedGaps;
    try {
      pacedGaps = gaps(paced, 2);
    } finally {
      paced.stop();
    }
    App atOnce = TestServer.startDemoAppWith(Map.of("TAVOLO_WS_FANOUT_MILLIS", "0"));
    List<Long> atOnceGaps;
    try {
      atOnceGaps = gaps(atOnce, 5);
    } finally {
      atOnce.stop();
    }
    System.out.println("fan-out gaps: 1000 ms interval " + pacedGaps + " ms, 0 " + atOnceGaps + " ms");
    for (long g : pacedGaps) {
      assertTrue(g >= PACED_MS - 100, "with a 1 s interval the second batch waits for it: " + pacedGaps);
    }
    for (long g : atOnceGaps) {
      assertTrue(g < PACED_MS / 2, "with 0 the second batch is not held back: " + atOnceGaps);
    }
  }

  @Test
  void aCursorMoveAloneWaitsFiveIntervalsAfterTheLastFanOut() throws Exception {
    long intervalMs = 200;
    App app = TestServer.startDemoAppWith(Map.of("TAVOLO_WS_FANOUT_MILLIS", Long.toString(intervalMs)));
    List<Long> gaps = new ArrayList<>();
    try {
      UUID doc = CatchUpLimitTest.ownDocument(app);
      int port = app.port();
      try (LiveClient pointer = LiveClient.join(port, LiveClient.login(port, "ets2"), doc, "cur-pointer", null);
           LiveClient reader = LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "cur-reader", null, true)) {
        for (int r = 0; r < 2; r++) {
          Thread.sleep(5 * intervalMs + 300); // a quiet spell: the first move goes out at once
          long t1 = 0;
          for (int k = 0; k < 2; k++) {
            String id = "c" + r + "-" + k;
            pointer.sendText("{\"type\":\"presence\",\"focus\":{\"coll\":\"sections\",\"id\":\"" + id
                + "\",\"field\":\"title\"}}");
            JsonNode m;
            do {
              m = reader.next("presence", 10_000);
            } while (!m.path("focus").path("id").asText().equals(id));
            long now = System.nanoTime();
            if (k == 0) {
              t1 = now;
              Thread.sleep(intervalMs + 100); // past one interval, within five
            } else {
              gaps.add((now - t1) / 1_000_000);
            }
          }
        }
      }
    } finally {
      app.stop();
    }
    System.out.println("cursor-alone gaps with a 200 ms interval: " + gaps + " ms");
    for (long g : gaps) {
      assertTrue(g >= 5 * intervalMs - 100, "the second move waits five intervals, not one: " + gaps);
    }
  }
}
