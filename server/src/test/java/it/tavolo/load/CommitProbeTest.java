package it.tavolo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.App;
import it.tavolo.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md, "What is printed": the single-typist report's commit floor times the
 * server's own embedded PostgreSQL (found through its data directory) for the three kinds of
 * statement, and leaves no scratch table behind in the server's database.
 */
class CommitProbeTest {
  @Test
  void timesTheThreeKindsOnTheServersOwnPostgresAndDropsItsScratchTable() throws Exception {
    Path data = TestServer.tempDir("commit-probe");
    App app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DATA_DIR", data.toString())));
    try {
      String floor = CommitProbe.measure(data.resolve("pg"), 1);
      System.out.println("commit floor: " + floor);
      for (String kind : new String[] {"SELECT 1 p50 ", "insert + durable commit p50 ", "insert, synchronous_commit off p50 "}) {
        assertTrue(floor.contains(kind), kind + " measured: " + floor);
      }
      // one second at one statement per 50 ms, the three kinds in turn: 20 ticks, 6 or 7 each
      assertTrue(floor.matches(".*\\((6|7)\\);.*\\((6|7)\\);.*\\((6|7)\\)$"), "samples of each kind: " + floor);
      Object left = app.context().pool().query("select to_regclass('tavolo_commit_probe')::text as t").execute()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getValue("t");
      assertEquals(null, left, "the scratch table is dropped");
    } finally {
      app.stop();
    }
  }

  @Test
  void saysWhyWhenThereIsNoPostgresToProbe() {
    String floor = CommitProbe.measure(TestServer.tempDir("no-pg"), 1);
    assertTrue(floor.startsWith("not measured"), floor);
  }
}
