package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.ExternalPostgres;
import it.tavolo.testing.SpawnedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped for some seconds while people type, then started again. Meanwhile the
 * server acknowledges nothing (an ack means committed), {@code /health} says 503, and nobody
 * restarts anything: the server recovers by itself, the clients reconnect, resend, and end
 * with every edit exactly once and the same document as the server.
 *
 * <p>CI: {@link #OUTAGES} outages of {@link #OUTAGE_MS} ms (no fewer than 1 of 2000 ms); locally e.g.
 * {@code -Dtavolo.faults.outages=5 -Dtavolo.faults.outageMs=10000}.
 */
@Tag(FaultsTaggedTest.TAG)
class DatabaseOutageTest {
  /** CI's outages and their length (docs/reliability.md); {@code -Dtavolo.faults.outages/outageMs} run more. */
  static final int OUTAGES = 3;
  static final int OUTAGE_MS = 3000;
  private static final UUID DOC = DemoSeed.DOCUMENT_ID;

  private record Health(long at, int status) {}

  @Test
  void whileTheDatabaseIsDownNothingIsAcknowledgedHealthIs503AndEverythingResumesAfterwards() throws Exception {
    int outages = FaultRun.knob("outages", OUTAGES, 1);
    int outageMs = FaultRun.knob("outageMs", OUTAGE_MS, 2000);
    long seed = FaultRun.seed("DatabaseOutageTest", outages + " outages of " + outageMs + " ms");
    Random rnd = new Random(seed);
    try (ExternalPostgres pg = ExternalPostgres.start();
         SpawnedServer server = SpawnedServer.start(Map.of("DATABASE_URL", pg.url(), "TAVOLO_DEMO", "true",
             "LOG_LEVEL", "WARN"))) {
      // the durability production has (db.EmbeddedDatabase), or an ack could outrun its commit
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        assertEquals("on", pg.setting(setting), setting);
      }
      List<Typist> typists = new ArrayList<>();
      String[] who = {"pa", "ets1", "ets2"};
      for (int i = 0; i < who.length; i++) {
        typists.add(new Typist("d" + (char) ('a' + i), DOC, FaultRun.login(server.port(), who[i]), server::port,
            rnd.nextLong()).start());
      }
      ConcurrentLinkedQueue<Health> health = new ConcurrentLinkedQueue<>();
      AtomicBoolean watching = new AtomicBoolean(true);
      Thread watcher = new Thread(() -> {
        while (watching.get()) {
          health.add(new Health(System.currentTimeMillis(), server.health()));
          WsPeer.sleep(100);
        }
      }, "health-watcher");
      watcher.start();
      try {
        typeFor(typists, rnd, 800);
        for (int o = 1; o <= outages; o++) {
          pg.stop();
          long down = System.currentTimeMillis();
          int ackedAtStop = acks(typists);
          // answers already on the wire when the database went away may still arrive
          typeFor(typists, rnd, 500);
          int ackedSettled = acks(typists);
          typeFor(typists, rnd, Math.max(0, outageMs - 500));
          assertEquals(ackedSettled, acks(typists), "acks while the database was down (outage " + o + ")");
          long up = System.currentTimeMillis();
          pg.startAgain();
          System.out.println("DatabaseOutageTest: outage " + o + " of " + (up - down) + " ms; acked before "
              + ackedAtStop + ", during " + (ackedSettled - ackedAtStop));
          long recovered = awaitHealthy(server, health, up, 30_000);
          System.out.println("DatabaseOutageTest: /health 200 again " + (recovered - up) + " ms after the restart");
          List<Health> during = health.stream().filter(h -> h.at() > down + 300 && h.at() < up).toList();
          assertTrue(!during.isEmpty(), "/health was asked during the outage");
          assertTrue(during.stream().allMatch(h -> h.status() == 503), "/health during the outage: " + during);
          typeFor(typists, rnd, 800);
        }
        long head = FaultRun.settle(typists, 120_000);
        OpLog log = OpLog.read(pg, DOC);
        try (WsPeer fresh = WsPeer.join(server.port(), FaultRun.login(server.port(), "osservatore"), DOC,
            "check-" + UUID.randomUUID(), null)) {
          FaultRun.assertConverged(log, typists, fresh.welcome);
        }
        assertTrue(server.alive(), "the server kept running through the outage");
        assertEquals(1, server.starts(), "nobody restarted the server");
        System.out.println("DatabaseOutageTest: head " + head + ", transient errors "
            + typists.stream().mapToInt(t -> t.transientErrors).sum() + ", reconnects "
            + typists.stream().mapToInt(t -> t.reconnects).sum());
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n--- server log\n" + server.tail(30), e);
      } finally {
        watching.set(false);
        watcher.join(10_000);
        typists.forEach(Typist::close);
      }
    }
  }

  private static int acks(List<Typist> typists) {
    return typists.stream().mapToInt(t -> t.acked.size()).sum();
  }

  private static void typeFor(List<Typist> typists, Random rnd, long ms) {
    long until = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < until) {
      for (Typist t : typists) {
        if (rnd.nextInt(3) == 0) {
          t.step();
        }
        t.pump(rnd.nextInt(3));
      }
    }
  }

  private static long awaitHealthy(SpawnedServer server, ConcurrentLinkedQueue<Health> health, long since, long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < deadline) {
      for (Health h : health) {
        if (h.at() > since && h.status() == 200) {
          return h.at();
        }
      }
      WsPeer.sleep(50);
    }
    throw new AssertionError("/health did not recover within " + ms + " ms of the database's restart");
  }
}
