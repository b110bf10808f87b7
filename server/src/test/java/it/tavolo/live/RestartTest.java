package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.text.TextOperation;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server and starting it on the same data: the same document, the same authorship. */
class RestartTest {
  @Test
  void aRestartReloadsTheSameStateAndAuthorshipFromSnapshotPlusLog() {
    Path data = TestServer.tempDir("tavolo-restart");
    Map<String, String> env = Map.of("TAVOLO_DATA_DIR", data.toString(), "TAVOLO_DEMO", "true");
    String doc = DemoSeed.DOCUMENT_ID.toString();
    JsonNode before;
    App first = startWithSnapshotsEvery(3, env);
    try {
      int port = first.port();
      try (TypingClient a = new TypingClient(LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "r-a", null), "r-a");
           TypingClient b = new TypingClient(LiveClient.join(port, LiveClient.login(port, "pa"), doc, "r-b", null), "r-b")) {
        String section = a.doc.document().ids("sections").get(0);
        for (int i = 0; i < 8; i++) {
          for (TypingClient c : new TypingClient[] {a, b}) {
            int len = c.doc.document().textLength("sections", section, "body");
            c.edit(List.of(new Op.Text("sections", section, "body",
                TextOperation.builder().retain(len).insert(c == a ? "a" : "B").build())));
            c.settle(c.doc.seq()); // one batch per keystroke
          }
        }
        b.edit(List.of(new Op.Set("sections", section, "title", "Titolo scelto da Marco")));
        for (int round = 0; round < 3; round++) {
          long head = Math.max(a.doc.seq(), b.doc.seq());
          a.settle(head);
          b.settle(head);
        }
      }
      try (LiveClient check = LiveClient.join(port, LiveClient.login(port, "coordinatore"), doc, "r-check", null)) {
        before = check.welcome;
      }
    } finally {
      first.stop();
    }
    App second = TestServer.startApp(TestServer.config(env));
    try {
      int port = second.port();
      long snapshots = LiveFixtures.sql(second.context().pool(),
          "select count(*) as n from snapshots where doc_id = $1", Tuple.of(DemoSeed.DOCUMENT_ID)).get(0).getLong("n");
      assertTrue(snapshots >= 2, "snapshots were written every 3 batches: " + snapshots);
      try (LiveClient check = LiveClient.join(port, LiveClient.login(port, "coordinatore"), doc, "r-check2", null)) {
        JsonNode after = check.welcome;
        assertTrue(before.path("seq").asLong() >= 17, "seed + 16 keystrokes + a title");
        assertEquals(before.path("seq"), after.path("seq"));
        assertEquals(before.path("snapshot"), after.path("snapshot"));
        assertEquals(before.path("authors"), after.path("authors"));
        assertEquals(StateCodec.snapshotJson(TypingClient.stateOf(before)), StateCodec.snapshotJson(TypingClient.stateOf(after)));
      }
      // the resend memory survived too: an old batch of r-b is acked with its original seq
      long seqOfFirst = LiveFixtures.sql(second.context().pool(),
          "select seq from op_log where doc_id = $1 and client_id = 'r-b' and client_seq = 1",
          Tuple.of(DemoSeed.DOCUMENT_ID)).get(0).getLong("seq");
      try (LiveClient b = LiveClient.join(port, LiveClient.login(port, "pa"), doc, "r-b", null)) {
        b.submit(1, 1, "[]");
        JsonNode ack = b.next("ack");
        assertEquals(seqOfFirst, ack.path("seq").asLong());
      }
    } finally {
      second.stop();
    }
  }

  /** An App of this test's own with a small snapshot interval (the live layer reads it at start). */
  static App startWithSnapshotsEvery(int n, Map<String, String> env) {
    return TestServer.startAppWith(Map.of("TAVOLO_SNAPSHOT_EVERY", String.valueOf(n)), env);
  }
}
