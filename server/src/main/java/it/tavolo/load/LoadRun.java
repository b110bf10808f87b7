package it.tavolo.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import it.tavolo.core.ops.Op;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link LoadScenario} against a server: setup through the HTTP API, every
 * connection joined, heap per connection, typing for the warm-up and the measured window,
 * then settling and the convergence check (every client's document equals a fresh welcome
 * snapshot of the server's).
 */
final class LoadRun {
  private final LoadScenario sc;
  private final ServerProcess server;
  private final PrintStream out;
  private final String coordinatorEmail;
  private final String coordinatorPassword;
  private final int loaderThreads;
  private java.nio.file.Path profile;
  /** The share of each tavolo's clients that read everything (the rest are light: see {@link LoadClient#light}). */
  private double sampleFraction = 0.05;
  private int sampleMin = 10;

  LoadRun(LoadScenario sc, ServerProcess server, PrintStream out, String coordinatorEmail, String coordinatorPassword,
          int loaderThreads) {
    this.sc = sc;
    this.server = server;
    this.out = out;
    this.coordinatorEmail = coordinatorEmail;
    this.coordinatorPassword = coordinatorPassword;
    this.loaderThreads = loaderThreads;
  }

  /**
   * Each tavolo's sample: {@code fraction} of its clients and at least {@code min} read and
   * check everything and measure latencies; the others only count frames and keep their
   * sequence numbers. {@code 1, 0} makes every client a full one (the generator before issue 21).
   */
  LoadRun sample(double fraction, int min) {
    this.sampleFraction = fraction;
    this.sampleMin = min;
    return this;
  }

  /** Whether the {@code j}th of a tavolo's {@code n} clients is in its sample: {@code k} of them, evenly spread. */
  static boolean inSample(int j, int n, double fraction, int min) {
    int k = Math.min(n, Math.max(min, (int) Math.ceil(fraction * n)));
    return (long) j * k % n < k;
  }

  /** Profiles the server during the measured window into {@code file} (JFR). */
  LoadRun profile(java.nio.file.Path file) {
    this.profile = file;
    return this;
  }

  /**
   * One context on each of {@code n} event loops. Not {@code vertx.getOrCreateContext()}: from
   * a thread outside Vert.x it returns the same context every time (it sticks to the calling
   * thread), which ran every client on one event loop and made the generator one core.
   */
  static List<io.vertx.core.Context> eventLoopContexts(Vertx vertx, int n) {
    List<io.vertx.core.Context> contexts = java.util.Collections.synchronizedList(new ArrayList<>());
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public io.vertx.core.Future<?> start() {
        contexts.add(context);
        return io.vertx.core.Future.succeededFuture();
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(n)).await();
    return List.copyOf(contexts);
  }

  /** Runs the scenario; returns the lines of its report (also printed as they come). */
  Map<String, String> run() throws Exception {
    Map<String, String> report = new LinkedHashMap<>();
    out.println("== " + sc);
    String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    LoadSetup.Population pop = new LoadSetup(new LoadHttp(server.baseUrl), out)
        .create(runId, coordinatorEmail, coordinatorPassword, sc.tavoli(), sc.perTable());

    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loaderThreads)).build();
    // kept for the whole run: an unreferenced client can be collected mid-handshake
    WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(100_000).setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024)
        .setConnectTimeout(30_000));
    LoadStats stats = new LoadStats();
    Map<String, LoadClient> directory = new ConcurrentHashMap<>();
    List<LoadClient> clients = new ArrayList<>();
    try {
      int perTable = sc.perTable();
      List<String> ownSections = new ArrayList<>();
      for (int j = 0; j < Math.min(sc.typists(), perTable); j++) {
        if (!inSample(j, perTable, sampleFraction, sampleMin)) {
          ownSections.add("load-own-" + j);
        }
      }
      LoadSetup.createSections(vertx, wsClient, server, pop, sc.sections(), ownSections, stats);
      long heapBefore = server.heapAfterGc();
      long t0 = System.nanoTime();
      List<io.vertx.core.Context> loops = eventLoopContexts(vertx, loaderThreads);
      for (int t = 0; t < sc.tavoli(); t++) {
        for (int j = 0; j < sc.perTable() && clients.size() < sc.connections(); j++) {
          LoadClient c = new LoadClient("load-" + t + "-" + j, pop.tables().get(t), pop.users().get(j),
              loops.get(clients.size() % loops.size()), stats, directory);
          if (!inSample(j, perTable, sampleFraction, sampleMin)) {
            c.light();
          }
          directory.put(c.clientId, c);
          clients.add(c);
        }
      }
      LoadSetup.inParallel(clients.size(), 64, i -> clients.get(i).open(wsClient, server.wsHost(), server.wsPort())
          .orTimeout(60, TimeUnit.SECONDS));
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("  %,d connections joined in %.1f s%n", clients.size(), connectSeconds);
      ServerProcess.sleep(1000);
      long heapAfter = server.heapAfterGc();
      if (heapBefore > 0 && heapAfter > 0) {
        String perConn = String.format("%.1f KB per joined connection (heap after full GC: %.1f MB before, %.1f MB after "
                + "%,d connections, %d documents loaded)", (heapAfter - heapBefore) / 1024.0 / clients.size(),
            heapBefore / 1048576.0, heapAfter / 1048576.0, clients.size(), sc.tavoli());
        put(report, "heap per connection", perConn);
      }

      List<Typist> typists = new ArrayList<>();
      int fullClients = 0;
      int fullTypists = 0;
      for (LoadClient c : clients) {
        int j = Integer.parseInt(c.clientId.substring(c.clientId.lastIndexOf('-') + 1));
        if (j < sc.typists()) {
          // the sample's typists share the scenario's sections (their batches are transformed
          // against each other); a light one has a section of its own, since it never reads others' text
          String section = c.isLight() ? "load-own-" + j : "load-sec-" + (fullTypists++ % sc.sections());
          c.typist = new Typist(c, section, sc.rate(), sc.seed() * 1_000_003L + c.clientId.hashCode());
          typists.add(c.typist);
        }
        if (!c.isLight()) {
          fullClients++;
        }
      }
      put(report, "generator", String.format("%,d of %,d clients read every message and measure latencies "
          + "(%.0f %% and at least %d per tavolo); the others count frames and check sequence numbers",
          fullClients, clients.size(), 100 * sampleFraction, sampleMin));
      // the "threads" scenario: the watcher comments and mentions the typist meanwhile
      Commenter commenter = sc.name().equals("threads") && pop.users().size() > 1
          ? new Commenter(new LoadHttp(server.baseUrl), pop.tables().get(0), pop.users().get(1), pop.users().get(0)) : null;
      if (!typists.isEmpty()) {
        typists.forEach(Typist::start);
        if (commenter != null) {
          commenter.start();
        }
        if (sc.warmup() > 0) {
          out.printf("  warming up for %d s%n", sc.warmup());
          ServerProcess.sleep(sc.warmup() * 1000L);
        }
        double jvm0 = server.jvmCpuSeconds();
        double pg0 = server.postgresCpuSeconds();
        double self0 = ProcStats.cpuSeconds(ProcessHandle.current().pid());
        GeneratorThreads threads0 = GeneratorThreads.snapshot();
        long w0 = System.nanoTime();
        if (profile != null) {
          server.startProfile();
        }
        stats.startRecording();
        long commentWrites0 = commenter == null ? 0 : commenter.writes.sum();
        long commentReads0 = commenter == null ? 0 : commenter.reads.sum();
        if (commenter != null) {
          commenter.writeLatency.reset();
          commenter.record(true);
        }
        out.printf("  measuring for %d s%n", sc.seconds());
        long rssMax = 0;
        long pgMax = 0;
        for (int s = 0; s < sc.seconds(); s++) {
          ServerProcess.sleep(1000);
          rssMax = Math.max(rssMax, server.jvmRssBytes());
          if (s % 5 == 4) {
            pgMax = Math.max(pgMax, server.postgresPssBytes());
          }
        }
        stats.stopRecording();
        double wall = (System.nanoTime() - w0) / 1e9;
        if (commenter != null) {
          commenter.stop();
        }
        if (profile != null) {
          server.stopProfile(profile);
        }
        double jvmCpu = server.jvmCpuSeconds() - jvm0;
        double pgCpu = server.postgresCpuSeconds() - pg0;
        double selfCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid()) - self0;
        String selfThreads = GeneratorThreads.snapshot().since(threads0, wall);
        typists.forEach(Typist::stop);

        put(report, "ack latency", LoadStats.percentiles(stats.ack));
        if (commenter != null) {
          put(report, "comments", commenter.describe(wall, commentWrites0, commentReads0));
        }
        put(report, "broadcast latency", LoadStats.percentiles(stats.broadcast));
        put(report, "keystrokes", String.format("%,.0f/s typed, %,.0f submits/s", stats.keystrokes.sum() / wall,
            stats.submits.sum() / wall));
        put(report, "server side", ServerTimers.describe(server.baseUrl));
        put(report, "batches committed", String.format("%,.0f/s (acks received)", stats.acks.sum() / wall));
        put(report, "delivered", String.format("%,.0f messages/s (%,.0f ops, %,.0f presence) in %,.0f frames/s, %.1f MB/s",
            stats.messages.sum() / wall, stats.opsMessages.sum() / wall, stats.presenceMessages.sum() / wall,
            stats.frames.sum() / wall, stats.bytesIn.sum() / wall / 1e6));
        put(report, "server CPU", String.format("JVM %.0f%% + PostgreSQL %.0f%% of one core (load generator: %.0f%%; "
            + "machine: %d cores)", 100 * jvmCpu / wall, 100 * pgCpu / wall, 100 * selfCpu / wall,
            Runtime.getRuntime().availableProcessors()));
        double serverCpu = jvmCpu + pgCpu;
        put(report, "generator CPU", String.format("%.0f%% of one core, %.2f of the server's (JVM + PostgreSQL): %s",
            100 * selfCpu / wall, serverCpu > 0 ? selfCpu / serverCpu : 0,
            serverCpu <= 0 ? "server CPU not measured" : selfCpu < serverCpu / 4 ? "under a quarter"
                : selfCpu < 0.1 * wall ? "not under a quarter, but under 10 % of one core: too little to bound the figures"
                : "NOT under a quarter: the generator shares the cores enough to bound the figures")
            + " (" + selfThreads + ")");
        put(report, "machine load", ProcStats.loadAverage());
        put(report, "storage", FsyncProbe.measure(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), 2000));
        if (sc.name().equals("single-typist") && server.dataDir() != null) {
          put(report, "commit floor", CommitProbe.measure(server.dataDir().resolve("pg"), sc.seconds()));
        }
        put(report, "server memory", String.format("JVM RSS %.0f MB (max), PostgreSQL PSS %.0f MB", rssMax / 1048576.0,
            pgMax / 1048576.0));
      }
      put(report, "errors", stats.errorCount() == 0 ? "none" : stats.errorSummary().toString());
      put(report, "convergence", new ConvergenceCheck(server, out).verify(vertx, wsClient, pop, clients, stats));
      if (stats.errorCount() > 0) {
        put(report, "errors after settling", stats.errorSummary().toString());
      }
    } finally {
      List<Future<Void>> closing = new ArrayList<>();
      clients.forEach(c -> closing.add(c.close()));
      Future.join(closing).await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    return report;
  }

  private void put(Map<String, String> report, String key, String value) {
    report.put(key, value);
    out.printf("  %-18s %s%n", key + ":", value);
  }

  /** Completes when {@code condition} (evaluated on the client's event loop) holds; fails after {@code seconds}. */
  static CompletableFuture<Void> until(LoadClient c, java.util.function.BooleanSupplier condition, int seconds) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Context ctx = c.ctx;
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        done.complete(null);
      } else if (System.nanoTime() > deadline) {
        done.completeExceptionally(new IllegalStateException(c.clientId + " timed out"));
      } else {
        ctx.owner().setTimer(20, t -> check[0].run());
      }
    };
    ctx.runOnContext(v -> check[0].run());
    return done;
  }
}
