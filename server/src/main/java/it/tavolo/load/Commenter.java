package it.tavolo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The "threads" scenario's commenter: while the typist types, another participant of the
 * table starts a thread on the typed section every second and replies, mentioning the typist,
 * three times a second, and lists the document's threads every two seconds (which carries their
 * anchors through what was typed since). At most one request of each kind in flight; the
 * latencies are recorded only while the run measures. Started and stopped by {@link LoadRun};
 * its counters are read after {@link #stop}.
 */
final class Commenter {
  private final LoadHttp http;
  private final LoadSetup.Table table;
  private final LoadSetup.User who;
  private final String mention;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "load-commenter");
    t.setDaemon(true);
    return t;
  });
  private final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong seq = new AtomicLong(-1);
  final LongAdder writes = new LongAdder();
  final LongAdder reads = new LongAdder();
  final LongAdder failures = new LongAdder();
  final org.HdrHistogram.Recorder writeLatency = new org.HdrHistogram.Recorder(3);
  private volatile boolean recording;
  private volatile String lastFailure = "";
  private final java.util.Map<String, CompletableFuture<?>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

  Commenter(LoadHttp http, LoadSetup.Table table, LoadSetup.User who, LoadSetup.User typist) {
    this.http = http;
    this.table = table;
    this.who = who;
    this.mention = "@" + typist.email();
  }

  void start() {
    timer.scheduleAtFixedRate(() -> once("list", this::list), 0, 2000, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(() -> once("thread", this::startThread), 500, 1000, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(() -> once("reply", this::reply), 700, 333, TimeUnit.MILLISECONDS);
  }

  void record(boolean on) {
    recording = on;
  }

  void stop() {
    timer.shutdownNow();
    inFlight.values().forEach(f -> f.cancel(true));
  }

  String lastFailure() {
    return lastFailure;
  }

  private void once(String kind, java.util.function.Supplier<CompletableFuture<?>> call) {
    if (inFlight.containsKey(kind)) {
      return; // the previous one is still waiting: a slow server is not piled on
    }
    long t0 = System.nanoTime();
    CompletableFuture<?> f = call.get();
    inFlight.put(kind, f);
    f.whenComplete((x, err) -> {
      inFlight.remove(kind);
      // a dependent stage wraps the cause in a CompletionException: look through it
      Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
          ? err.getCause() : err;
      if (cause instanceof java.util.concurrent.CancellationException) {
        return; // stopped at the end of the run, not a failure
      }
      if (err != null) {
        failures.increment();
        lastFailure = String.valueOf(err.getMessage());
      } else if (recording && !kind.equals("list")) {
        writeLatency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000)); // microseconds
      }
    });
  }

  private String path() {
    return "/api/documents/" + table.docId() + "/threads";
  }

  private CompletableFuture<?> list() {
    return http.get(path(), who.token()).thenAccept(j -> {
      seq.set(j.path("seq").asLong());
      reads.increment();
    });
  }

  private CompletableFuture<?> startThread() {
    long at = seq.get();
    if (at < 0) {
      return CompletableFuture.completedFuture(null);
    }
    ObjectNode body = LoadHttp.JSON.createObjectNode();
    body.putObject("anchor").put("coll", "sections").put("id", "load-sec-0");
    body.put("seq", at).put("body", "Da rivedere insieme, " + mention + ".");
    return http.post(path(), who.token(), body, 201).thenAccept(j -> {
      threads.add(j.path("id").asText());
      writes.increment();
    });
  }

  private CompletableFuture<?> reply() {
    String id;
    synchronized (threads) {
      if (threads.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      id = threads.get(threads.size() - 1);
    }
    ObjectNode body = LoadHttp.JSON.createObjectNode().put("body", "Concordo, " + mention + ": vediamo la prossima versione.");
    return http.post(path() + "/" + id + "/comments", who.token(), body, 201).thenAccept(j -> writes.increment());
  }

  /** The figures of a run of {@code wall} seconds. */
  String describe(double wall, long writes0, long reads0) {
    org.HdrHistogram.Histogram h = writeLatency.getIntervalHistogram();
    return String.format("%.1f writes/s (threads and replies with a mention), %.1f lists/s; write latency p50 %.1f ms, "
            + "p99 %.1f ms; %d failed%s", (writes.sum() - writes0) / wall, (reads.sum() - reads0) / wall, h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, failures.sum(), failures.sum() == 0 ? "" : " (last: " + lastFailure + ")");
  }
}
