package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.testing.OtherProcesses;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one database (as in the live layer's ClosuresAcrossProcessesTest:
 * two Apps of this JVM sharing nothing but the database): a decision taken on one reaches the
 * proposer's connection on the other as a {@code notification}, and the document's
 * connections there as an {@code integration} message, through the cluster's NOTIFY.
 */
class NotificationsAcrossProcessesTest {
  private static App first;
  private static App other;

  @BeforeAll
  static void startTwoProcesses() {
    first = OtherProcesses.start();
    other = OtherProcesses.start();
  }

  @AfterAll
  static void stop() {
    OtherProcesses.stop(first, other);
  }

  @Test
  void aDecisionOnOneProcessReachesTheProposerConnectedToTheOther() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Api onFirst = new Api(first.port());
    Api onOther = new Api(other.port());
    try (Ws sara = onOther.join("ets1", t.documentId())) {
      String id = onFirst.propose("ets1", t.documentId(), "Da un altro processo.");
      assertEquals("open", sara.next("integration", m -> id.equals(m.getString("integration"))).getString("status"));
      long t0 = System.nanoTime();
      onFirst.ok(200, "coordinatore", "POST", "/api/documents/" + t.documentId() + "/integrations/" + id + "/reject",
          new JsonObject().put("reason", "Non ora."));
      JsonObject n = sara.next("notification", m -> id.equals(m.getJsonObject("notification").getJsonObject("payload")
          .getString("integration")));
      // no poll carries these messages (only the NOTIFY does), so arriving at all within next()'s
      // 10 s is the proof; a tighter figure would only fail on a loaded machine: printed, not asserted
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("integration_rejected", n.getJsonObject("notification").getString("kind"));
      assertTrue(n.getLong("unread") >= 1);
      System.out.println("NotificationsAcrossProcessesTest: the notification crossed processes in " + ms + " ms");
    }
  }
}
