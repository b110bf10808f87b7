package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.db.OpLogStore;
import it.tavolo.testing.TestServer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server figures for docs/benchmarks.md ("Server"): a single typist's ack latency, and the
 * durable commit rate with many concurrent submitters. A program that prints, not a test:
 *
 * <pre>
 * ./mvnw -q -B -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd server && java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) it.tavolo.live.LiveBench [keystrokes] [submitters] [seconds] [batch]
 * </pre>
 *
 * The server runs in this JVM (embedded PostgreSQL with fsync and synchronous_commit on),
 * with the per-connection rate limit lifted: these clients type as fast as acks come.
 */
public final class LiveBench {
  /** Whether the submitters announce the batch extension (one frame per commit group). */
  static boolean batchFrames;

  private LiveBench() {
  }

  public static void main(String[] args) throws Exception {
    int keystrokes = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int submitters = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    batchFrames = args.length > 3 && args[3].equals("batch");
    System.setProperty("TAVOLO_WS_RATE_PER_SECOND", "100000");
    System.setProperty("TAVOLO_WS_RATE_BURST", "100000");
    App app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DEMO", "true", "LOG_LEVEL", "WARN")));
    try {
      int port = app.port();
      UUID tavolo = it.tavolo.demo.DemoSeed.TAVOLO_ID;
      singleTypist(app, port, newDocument(app, tavolo), keystrokes);
      manySubmitters(app, port, newDocument(app, tavolo), submitters, seconds);
    } catch (Throwable t) {
      t.printStackTrace();
    } finally {
      app.stop();
      System.exit(0);
    }
  }

  static UUID newDocument(App app, UUID tavolo) {
    UUID doc = UUID.randomUUID();
    LiveFixtures.sql(app.context().pool(), "insert into documents (id, tavolo_id, title) values ($1, $2, 'bench')",
        io.vertx.sqlclient.Tuple.of(doc, tavolo));
    return doc;
  }

  static String section(String id) {
    return "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + id
        + "\",\"fields\":{\"order\":\"m\",\"title\":\"" + id + "\",\"body\":\"\"}}]";
  }

  /** One person typing one character per batch, each sent when the previous one is acked. */
  static void singleTypist(App app, int port, UUID doc, int keystrokes) {
    try (LiveClient c = LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "bench-typist", null)) {
      c.submit(1, 0, section("s1"));
      long seq = c.next("ack").path("seq").asLong();
      // warm-up, not measured
      for (int k = 2; k <= 500; k++) {
        c.submit(k, seq, "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":["
            + (k - 2 == 0 ? "" : (k - 2) + ",") + "\"w\"]}]");
        seq = c.next("ack").path("seq").asLong();
      }
      long[] nanos = new long[keystrokes];
      int len = 499;
      long t0 = System.nanoTime();
      for (int i = 0; i < keystrokes; i++) {
        long clientSeq = 501 + i;
        String edit = "[" + len + ",\"" + (char) ('a' + i % 26) + "\"]";
        long start = System.nanoTime();
        c.submit(clientSeq, seq, "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":" + edit + "}]");
        JsonNode ack = c.next("ack");
        nanos[i] = System.nanoTime() - start;
        seq = ack.path("seq").asLong();
        len++;
      }
      double total = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(nanos);
      System.out.printf("single typist: %d keystrokes, one batch each, sent on the previous ack%n", keystrokes);
      System.out.printf("  ack latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f acks/s%n",
          pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos[nanos.length - 1] / 1e6, keystrokes / total);
    }
  }

  /** Many connections, each with one batch in flight, for a fixed time. */
  static void manySubmitters(App app, int port, UUID doc, int submitters, int seconds) throws Exception {
    OpLogStore store = app.live().store();
    String[] who = {"coordinatore", "pa", "ets1", "ets2"};
    String[] tokens = new String[who.length];
    for (int i = 0; i < who.length; i++) {
      tokens[i] = LiveClient.login(port, who[i]);
    }
    // one budget line per submitter's organisation: a line is its contributor's pledge (issue 15)
    UUID[] orgOf = {it.tavolo.demo.DemoSeed.SDS.id(), it.tavolo.demo.DemoSeed.SDS.id(),
        it.tavolo.demo.DemoSeed.COOPERATIVA.id(), it.tavolo.demo.DemoSeed.CONSORZIO.id()};
    long setupHead = 0;
    for (int i = 0; i < who.length; i++) {
      try (LiveClient setup = LiveClient.join(port, tokens[i], doc, "bench-setup-" + i, null)) {
        setup.submit(1, setupHead, "[{\"op\":\"create\",\"coll\":\"budget\",\"id\":\"b" + i + "\",\"fields\":{\"order\":\"m" + i + "\","
            + "\"contributor\":\"" + orgOf[i] + "\",\"nature\":\"monetary\",\"category\":\"personale\","
            + "\"description\":\"Educatori\",\"amount\":0}}]");
        setupHead = setup.next("ack").path("seq").asLong();
      }
    }
    long firstBase = setupHead;
    List<LiveClient> conns = new ArrayList<>();
    for (int i = 0; i < submitters; i++) {
      LiveClient c = LiveClient.join(port, tokens[i % who.length], doc, "bench-" + i, null, batchFrames);
      c.ignoreOps = true; // the server still serialises and sends every batch to every connection
      conns.add(c);
    }
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    AtomicLong acks = new AtomicLong();
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (int i = 0; i < submitters; i++) {
      LiveClient c = conns.get(i);
      int n = i;
      runs.add(CompletableFuture.runAsync(() -> {
        long k = 0;
        long base = firstBase;
        while (!stop.get()) {
          k++;
          // everyone of an organisation sets its same amount: last writer wins, never refused, the document stays small
          c.submit(k, base, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"b" + (n % who.length) + "\",\"field\":\"amount\",\"value\":"
              + (n * 1_000_000L + k) + "}]");
          base = c.next("ack", 30_000).path("seq").asLong();
          if (measuring.get()) {
            acks.incrementAndGet();
          }
          c.skipped.clear();
        }
      }));
    }
    Thread.sleep(2000); // warm-up
    long tx0 = store.appendTransactions();
    long rows0 = store.appendedBatches();
    long t0 = System.nanoTime();
    measuring.set(true);
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long tx = store.appendTransactions() - tx0;
    long rows = store.appendedBatches() - rows0;
    stop.set(true);
    CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get();
    conns.forEach(LiveClient::close);
    System.out.printf("%d concurrent submitters, one batch in flight each, %d s%s:%n", submitters, seconds,
        batchFrames ? ", batch frames" : "");
    System.out.printf("  %.0f batches/s committed durably (acked), in %.0f transactions/s (%.1f batches per commit)%n",
        rows / elapsed, tx / elapsed, (double) rows / Math.max(1, tx));
    System.out.printf("  %d acks seen by the clients in the window%n", acks.get());
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
  }
}
