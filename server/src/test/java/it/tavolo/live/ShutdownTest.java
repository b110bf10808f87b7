package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that stops finishes the commit in flight, acks it, then sends everyone away. */
class ShutdownTest {
  @Test
  void stoppingFinishesTheCommitInFlightAcksItThenClosesWithGoingAway() throws Exception {
    App app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DEMO", "true", "TAVOLO_SHUTDOWN_GRACE", "5s")));
    int port = app.port();
    LiveClient a = LiveClient.join(port, LiveClient.login(port, "ets1"), DemoSeed.DOCUMENT_ID, "stop-a", null);
    LiveClient b = LiveClient.join(port, LiveClient.login(port, "pa"), DemoSeed.DOCUMENT_ID, "stop-b", null);
    long seq = a.welcome.path("seq").asLong();
    CompletableFuture<Void> stop;
    try (OpLogLock lock = new OpLogLock(app.context().pool(), false)) {
      a.submit(1, seq, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s-stop\",\"fields\":{\"order\":\"z\","
          + "\"title\":\"Ultima\",\"body\":\"\"}}]");
      lock.waitingInsert();
      // a connection that has not joined a document goes at once when the server starts
      // stopping (the same shutdown signal that has the documents refuse new batches): its
      // close is the sign that the stop has begun, however long the stop takes to start
      LiveClient watcher = LiveClient.connect(port, null);
      stop = CompletableFuture.runAsync(app::stop);
      watcher.awaitClosed(1001);
      b.submit(1, seq, "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s-stop\",\"field\":\"title\",\"value\":\"x\"}]");
      assertEquals(1, b.error("unavailable").path("clientSeq").asLong(), "nothing new once stopping");
      assertTrue(a.drain("ack", 100).isEmpty());
    }
    JsonNode ack = a.next("ack");
    assertEquals(seq + 1, ack.path("seq").asLong(), "the batch in flight was committed and acked");
    assertEquals("going_away", a.next("error").path("code").asText());
    a.awaitClosed(1001);
    b.awaitClosed(1001);
    stop.get();
  }
}
