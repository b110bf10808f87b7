package it.tavolo.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import it.tavolo.core.ops.Op;
import it.tavolo.core.text.TextOperation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Types a real editing trace into one section of a fresh tavolo through the running server,
 * as a real client sends it: every patch is one local edit, at most one batch is in flight,
 * and the edits made meanwhile are composed into the next batch (the core's client engine).
 * The typist never waits for the server; the run ends when the last batch is acked (every
 * ack follows a durable commit), and the server's text must then equal the trace's end.
 */
final class TraceReplay {
  private static final String SECTION = "load-sec-0";

  private final Path file;
  private final ServerProcess server;
  private final PrintStream out;
  private final String coordinatorEmail;
  private final String coordinatorPassword;
  private final int runs;

  TraceReplay(Path file, ServerProcess server, PrintStream out, String coordinatorEmail, String coordinatorPassword,
              int runs) {
    this.runs = runs;
    this.file = file;
    this.server = server;
    this.out = out;
    this.coordinatorEmail = coordinatorEmail;
    this.coordinatorPassword = coordinatorPassword;
  }

  Map<String, String> run() throws Exception {
    Map<String, String> report = new LinkedHashMap<>();
    Trace trace = Trace.load(file);
    out.printf("== trace %s: %,d edits, final text %,d chars, typed through the server over one WebSocket, %d runs "
        + "(each into a new tavolo; the first on a cold server and client)%n",
        trace.name(), trace.patches().size(), trace.endContent().length(), runs);
    if (!trace.startContent().isEmpty()) {
      throw new IllegalStateException("traces with a start content are not supported");
    }
    String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    LoadSetup.Population pop = new LoadSetup(new LoadHttp(server.baseUrl), out)
        .create(runId, coordinatorEmail, coordinatorPassword, runs, 0);
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).build();
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
    try {
      LoadSetup.createSections(vertx, ws, server, pop, 1, List.of(), new LoadStats());
      double best = Double.MAX_VALUE;
      boolean allExact = true;
      for (int r = 0; r < runs; r++) {
        Map<String, String> one = runOnce(trace, pop.tables().get(r), pop.coordinator(), runId + "-" + r, vertx, ws);
        String label = r == 0 ? "run 1 (cold)" : "run " + (r + 1);
        out.printf("  %s%n", label);
        one.forEach((k, v) -> put(report, label + ", " + k, v));
        best = Math.min(best, Double.parseDouble(one.get("time").split(" ")[0]));
        allExact &= one.get("final text").startsWith("OK");
      }
      put(report, "best time", String.format("%.2f s for %,d edits (%,.0f edits/s), every ack after a durable commit",
          best, trace.patches().size(), trace.patches().size() / best));
      put(report, "final text", allExact ? "OK in every run" : "FAILED");
      put(report, "machine load", ProcStats.loadAverage());
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    return report;
  }

  private Map<String, String> runOnce(Trace trace, LoadSetup.Table table, LoadSetup.User who, String id, Vertx vertx,
                                      WebSocketClient ws) throws Exception {
    Map<String, String> report = new LinkedHashMap<>();
    LoadStats stats = new LoadStats();
    LoadClient typist = new LoadClient("trace-" + id, table, who, vertx.getOrCreateContext(), stats, Map.of());
    typist.open(ws, server.wsHost(), server.wsPort()).get(60, TimeUnit.SECONDS);

    double jvm0 = server.jvmCpuSeconds();
    double pg0 = server.postgresCpuSeconds();
    stats.startRecording();
    long t0 = System.nanoTime();
    CompletableFuture<Long> typed = new CompletableFuture<>();
    type(typist, trace, t0, typed);
    long typingNanos = typed.get(10, TimeUnit.MINUTES);
    LoadRun.until(typist, () -> typist.doc().isSettled(), 600).get(11, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    stats.stopRecording();
    double jvmCpu = server.jvmCpuSeconds() - jvm0;
    double pgCpu = server.postgresCpuSeconds() - pg0;

    String local = typist.call(() -> typist.doc().document().textView("sections", SECTION, "body").toString()).join();
    typist.close();
    LoadClient probe = new LoadClient("trace-check-" + id, table, who, vertx.getOrCreateContext(), stats, Map.of());
    probe.open(ws, server.wsHost(), server.wsPort()).get(60, TimeUnit.SECONDS);
    String onServer = probe.call(() -> probe.doc().document().textView("sections", SECTION, "body").toString()).join();
    long seq = probe.call(() -> probe.doc().seq()).join();
    probe.close();

    long batches = stats.submits.sum();
    report.put("time", String.format("%.2f s from the first keystroke to the last ack (typing alone: %.2f s)",
        seconds, typingNanos / 1e9));
    report.put("edits", String.format("%,.0f edits/s; %,d edits in %,d batches (%.1f edits per batch), "
        + "%,d batches in the log", trace.patches().size() / seconds, trace.patches().size(), batches,
        trace.patches().size() / (double) Math.max(1, batches), seq));
    report.put("ack latency", LoadStats.percentiles(stats.ack));
    report.put("server CPU", String.format("JVM %.2f s + PostgreSQL %.2f s", jvmCpu, pgCpu));
    boolean exact = onServer.equals(trace.endContent()) && local.equals(trace.endContent());
    report.put("final text", exact ? "OK: the server's text equals the trace's endContent ("
        + onServer.length() + " chars)" : "FAILED: server " + onServer.length() + " chars, client " + local.length()
        + ", expected " + trace.endContent().length() + firstDifference(onServer, trace.endContent()));
    report.put("errors", stats.errorCount() == 0 ? "none" : stats.errorSummary().toString());
    return report;
  }

  /**
   * The typist, on its own thread as a person is: it never waits for the network. The client
   * engine is shared with the connection's event loop (acks, sends) under the client's lock.
   */
  private static void type(LoadClient c, Trace trace, long t0, CompletableFuture<Long> done) {
    Thread t = new Thread(() -> {
      try {
        for (Trace.Patch p : trace.patches()) {
          synchronized (c) {
            c.edit(List.of(new Op.Text("sections", SECTION, "body", edit(c, trace, p))));
          }
        }
        done.complete(System.nanoTime() - t0);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "trace-typist");
    t.setDaemon(true);
    t.start();
  }

  private static TextOperation edit(LoadClient c, Trace trace, Trace.Patch p) {
    CharSequence text = c.doc().document().textView("sections", SECTION, "body");
    int length = text.length();
    int pos = p.pos();
    int del = p.delete();
    if (!trace.bmpOnly()) {
      // positions count code points: convert to UTF-16 units in the current text
      int start = Character.offsetByCodePoints(text, 0, pos);
      del = Character.offsetByCodePoints(text, start, del) - start;
      pos = start;
    }
    return TextOperation.builder().retain(pos).delete(del).insert(p.insert()).retain(length - pos - del).build();
  }

  private static String firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return "; first difference at " + i;
      }
    }
    return "";
  }

  private void put(Map<String, String> report, String key, String value) {
    report.put(key, value);
    out.printf("  %-18s %s%n", key + ":", value);
  }
}
