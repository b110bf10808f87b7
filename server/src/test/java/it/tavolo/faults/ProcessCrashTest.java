package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.model.DocumentState;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.ExternalPostgres;
import it.tavolo.testing.SpawnedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL at random moments while people type, again and
 * again, and started again on the same database. After every kill the database alone is
 * checked (no server running): each acknowledged batch is in the log at its seq, exactly
 * once, and no batch is half there. At the end every client has reconnected, resent what was
 * unacknowledged, and holds exactly the server's document.
 *
 * <p>CI runs {@link #ROUNDS} kills (no fewer than 3); locally {@code -Dtavolo.faults.rounds=30}.
 */
@Tag(FaultsTaggedTest.TAG)
class ProcessCrashTest {
  /** CI's number of kills (docs/reliability.md); {@code -Dtavolo.faults.rounds} runs more. */
  static final int ROUNDS = 10;
  private static final UUID DOC = DemoSeed.DOCUMENT_ID;

  @Test
  void sigkillAtRandomMomentsLosesNoAcknowledgedBatchAndHalfAppliesNothing() throws Exception {
    int rounds = FaultRun.knob("rounds", ROUNDS, 3);
    long seed = FaultRun.seed("ProcessCrashTest", rounds + " kills");
    Random rnd = new Random(seed);
    try (ExternalPostgres pg = ExternalPostgres.start();
         SpawnedServer server = SpawnedServer.start(Map.of("DATABASE_URL", pg.url(), "TAVOLO_DEMO", "true",
             "LOG_LEVEL", "WARN"))) {
      List<Typist> typists = new ArrayList<>();
      String[] who = {"pa", "ets1", "ets2"};
      for (int i = 0; i < who.length; i++) {
        String token = FaultRun.login(server.port(), who[i]);
        typists.add(new Typist("k" + (char) ('a' + i), DOC, token, server::port, rnd.nextLong()).start());
      }
      try {
        for (int round = 1; round <= rounds; round++) {
          long killAfter = 200 + rnd.nextInt(1300);
          CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> {
            WsPeer.sleep(killAfter);
            server.kill();
          });
          while (!kill.isDone()) {
            type(typists, rnd);
          }
          kill.get(60, TimeUnit.SECONDS);
          // the clients notice, keep typing offline and fail to reconnect for a moment
          long until = System.currentTimeMillis() + rnd.nextInt(300);
          while (System.currentTimeMillis() < until) {
            type(typists, rnd);
          }
          checkDatabaseAlone(pg, typists, "after kill " + round + " (seed " + seed + ")");
          server.restart();
        }
        long head = FaultRun.settle(typists, 120_000);
        OpLog log = OpLog.read(pg, DOC);
        try (WsPeer fresh = WsPeer.join(server.port(), FaultRun.login(server.port(), "osservatore"), DOC,
            "check-" + UUID.randomUUID(), null)) {
          FaultRun.assertConverged(log, typists, fresh.welcome);
        }
        int acked = typists.stream().mapToInt(t -> t.acked.size()).sum();
        System.out.println("ProcessCrashTest: " + rounds + " kills, head " + head + ", " + acked
            + " batches acked, reconnects " + typists.stream().mapToInt(t -> t.reconnects).sum());
        assertTrue(acked > rounds * 3, "the typists got work done between kills: " + acked);
        assertEquals(rounds + 1, server.starts(), "the server was killed and started again " + rounds + " times");
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n--- server log\n" + server.tail(30), e);
      } finally {
        typists.forEach(Typist::close);
      }
    }
  }

  private static void type(List<Typist> typists, Random rnd) {
    for (Typist t : typists) {
      if (rnd.nextInt(3) == 0) {
        t.step();
      }
      t.pump(rnd.nextInt(3));
    }
  }

  /**
   * With no server running, the log alone: seqs contiguous; every ack a client received is in
   * it at that seq; each client's batches are 1..n once; its markers are 1..j with
   * acked ≤ j ≤ made, each batch whole.
   */
  private static void checkDatabaseAlone(ExternalPostgres pg, List<Typist> typists, String when) {
    OpLog log = OpLog.read(pg, DOC);
    log.assertContiguous();
    DocumentState state = log.replay();
    for (Typist t : typists) {
      FaultRun.assertAcksInLog(log, t);
      int j = OpLog.markersIn(state, t);
      assertTrue(j >= t.markersAcked, when + ": " + t + " had marker " + t.markersAcked + " acked but the log has " + j);
      assertTrue(j <= t.markersMade, when + ": " + t + " the log has marker " + j + " it never made");
    }
  }
}
