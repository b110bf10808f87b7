package it.tavolo.load;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load benchmark (docs/benchmarks.md): starts a server of its own (child JVM, embedded
 * PostgreSQL in a temporary directory, loopback only) unless {@code --server} names a running
 * one, runs the scenarios and prints the figures. Every run is bounded in time.
 *
 * <pre>
 * java -cp server/target/tavolo.jar it.tavolo.load.LoadMain all
 * java -cp server/target/tavolo.jar it.tavolo.load.LoadMain many-tables --seconds 60
 * java -cp server/target/tavolo.jar it.tavolo.load.LoadMain trace [--trace path.json.gz]
 * </pre>
 */
public final class LoadMain {
  private static final List<String> ALL = List.of("single-typist", "trace", "idle", "many-tables", "one-table");

  private LoadMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      usage();
      System.exit(2);
    }
    String what = args[0];
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage();
        System.exit(2);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (opts.containsKey("pin")) {
      pin(opts.get("pin"), out);
    }
    int timeoutMinutes = Integer.parseInt(opts.getOrDefault("timeout-minutes",
        (what.equals("all") ? 40 : 15) + (opts.containsKey("wait-quiet") ? 20 * (what.equals("all") ? ALL.size() : 1) : 0) + ""));
    AtomicReference<ServerProcess> current = new AtomicReference<>();
    watchdog(timeoutMinutes, current, out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ServerProcess s = current.get();
      if (s != null) {
        s.close();
      }
    }, "load-server-stop"));

    List<String> scenarios = what.equals("all") ? ALL : List.of(what);
    Map<String, Map<String, String>> results = new LinkedHashMap<>();
    boolean failed = false;
    for (String name : scenarios) {
      if (opts.containsKey("wait-quiet")) {
        waitQuiet(Double.parseDouble(opts.get("wait-quiet")), out);
      }
      ServerProcess server = server(name, opts);
      current.set(server);
      try {
        Map<String, String> r = runOne(name, opts, server, out);
        results.put(name, r);
        failed |= r.values().stream().anyMatch(v -> v.startsWith("FAILED") || v.startsWith("NOT CHECKED"));
      } catch (Exception e) {
        out.println("  FAILED: " + e);
        if (server.spawned()) {
          out.println("  server log tail:\n" + server.tail());
        }
        failed = true;
      } finally {
        server.close();
        current.set(null);
      }
    }
    if (opts.containsKey("markdown")) {
      writeMarkdown(Path.of(opts.get("markdown")), results);
    }
    System.exit(failed ? 1 : 0);
  }

  private static Map<String, String> runOne(String name, Map<String, String> opts, ServerProcess server, PrintStream out)
      throws Exception {
    String email = opts.getOrDefault("coordinator", "coordinatore@demo.tavolo");
    String password = opts.getOrDefault("password", System.getenv().getOrDefault("TAVOLO_DEMO_PASSWORD", "demo"));
    if (name.equals("trace")) {
      Path file = opts.containsKey("trace") ? Path.of(opts.get("trace")) : tracesDir().resolve("automerge-paper.json.gz");
      return new TraceReplay(file, server, out, email, password, Integer.parseInt(opts.getOrDefault("runs", "3"))).run();
    }
    LoadScenario sc = LoadScenario.named(name);
    for (Map.Entry<String, String> e : opts.entrySet()) {
      if (List.of("connections", "tavoli", "typists", "rate", "warmup", "seconds", "sections", "seed").contains(e.getKey())) {
        sc = sc.with(e.getKey(), e.getValue());
      }
    }
    int threads = Integer.parseInt(opts.getOrDefault("loader-threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    LoadRun run = new LoadRun(sc, server, out, email, password, threads);
    if (opts.containsKey("sample") || opts.containsKey("sample-min")) {
      // --sample all: every client reads everything (the generator before issue 21); else a fraction
      String v = opts.getOrDefault("sample", "0.05");
      run.sample(v.equals("all") ? 1 : Double.parseDouble(v),
          v.equals("all") ? 0 : Integer.parseInt(opts.getOrDefault("sample-min", "10")));
    }
    if (opts.containsKey("profile")) {
      run.profile(Path.of(opts.get("profile")));
    }
    return run.run();
  }

  /**
   * {@code --pin S:G}: the server (and its PostgreSQL, which inherits it) on CPUs {@code S}, this
   * generator's every thread on CPUs {@code G} ({@code taskset}, util-linux).
   */
  private static void pin(String spec, PrintStream out) throws Exception {
    String[] cpus = spec.split(":");
    if (cpus.length != 2) {
      throw new IllegalArgumentException("--pin SERVER_CPUS:GENERATOR_CPUS, e.g. --pin 0:1");
    }
    Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus[1], Long.toString(ProcessHandle.current().pid()))
        .redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("taskset failed: " + said);
    }
    out.printf("pinned: server and its PostgreSQL on CPU %s, the load generator on CPU %s%n", cpus[0], cpus[1]);
  }

  /** A fresh server for each scenario, or the one named by --server (with --server-pid). */
  private static ServerProcess server(String scenario, Map<String, String> opts) {
    if (opts.containsKey("server")) {
      long pid = Long.parseLong(opts.getOrDefault("server-pid", "0"));
      Path data = opts.containsKey("server-data") ? Path.of(opts.get("server-data")) : null;
      return ServerProcess.attach(opts.get("server"), pid, data);
    }
    Map<String, String> env = new HashMap<>();
    // every simulated participant connects from this one address
    env.put("TAVOLO_WS_MAX_CONNECTIONS_PER_IP", "1000000");
    if (scenario.equals("trace")) {
      // the replay types as fast as the server acks, far beyond a person's rate: lift the
      // per-connection message limit that protects the server from runaway clients
      env.put("TAVOLO_WS_RATE_PER_SECOND", "1000000");
      env.put("TAVOLO_WS_RATE_BURST", "1000000");
    }
    List<String> jvm = new ArrayList<>(Arrays.asList(opts.getOrDefault("server-jvm", "-XX:+UseG1GC").split(" ")));
    List<String> prefix = opts.containsKey("pin") ? List.of("taskset", "-c", opts.get("pin").split(":")[0]) : List.of();
    return ServerProcess.spawn(env, jvm, prefix);
  }

  /**
   * Where the traces are: {@code TAVOLO_TRACES_DIR}, else the repository's
   * {@code server/src/test/resources/traces}, seen from the working directory (the repository
   * root, as the README runs it) or from the jar ({@code <repo>/server/target/tavolo.jar}).
   */
  static Path tracesDir() {
    String env = System.getenv("TAVOLO_TRACES_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path inRepo = Path.of("server", "src", "test", "resources", "traces");
    List<Path> candidates = new ArrayList<>();
    candidates.add(inRepo);
    try {
      Path jar = Path.of(LoadMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // <repo>/server/target/tavolo.jar (or <repo>/server/target/classes)
      candidates.add(jar.getParent().getParent().getParent().resolve(inRepo).normalize());
    } catch (Exception ignored) {
      // no code source: the working directory guess stays
    }
    return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.get(0));
  }

  /**
   * On a shared machine other work skews every figure: wait (at most 20 minutes) until the
   * 1-minute load average is below {@code max}.
   */
  private static void waitQuiet(double max, PrintStream out) {
    long until = System.nanoTime() + 20 * 60_000_000_000L;
    boolean said = false;
    while (System.nanoTime() < until) {
      double load = ProcStats.loadAverageValue();
      if (load < max) {
        return;
      }
      if (!said) {
        out.printf("  waiting for the load average (%.1f) to fall below %.1f%n", load, max);
        said = true;
      }
      ServerProcess.sleep(5000);
    }
    out.println("  the machine stayed busy: measuring anyway");
  }

  private static void watchdog(int minutes, AtomicReference<ServerProcess> current, PrintStream out) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(minutes * 60_000L);
      } catch (InterruptedException e) {
        return;
      }
      out.println("TIMEOUT: the run took more than " + minutes + " minutes; stopping");
      ServerProcess s = current.get();
      if (s != null) {
        s.close();
      }
      Runtime.getRuntime().halt(3);
    }, "load-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private static void writeMarkdown(Path file, Map<String, Map<String, String>> results) throws Exception {
    StringBuilder b = new StringBuilder();
    results.forEach((name, r) -> {
      b.append("#### ").append(name).append("\n\n");
      r.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
      b.append('\n');
    });
    Files.writeString(file, b.toString());
  }

  private static void usage() {
    System.err.println("""
        usage: java -cp server/target/tavolo.jar it.tavolo.load.LoadMain <scenario> [--option value]...
          scenarios: all | many-tables | one-table | single-typist | threads | idle | trace | smoke
          --connections N --tavoli M --typists K --rate R --warmup S --seconds S --sections S --seed X
          --trace file.json.gz --runs N (trace; default server/src/test/resources/traces/automerge-paper.json.gz, 3 runs)
          --server http://127.0.0.1:P --server-pid PID [--server-data DIR]   (use a running server)
          --coordinator EMAIL --password PW   (a PA user who opens the tavoli; default the demo coordinator)
          --loader-threads N --server-jvm "-Xmx1g ..." --timeout-minutes N --markdown results.md
          --profile server.jfr          (JDK Flight Recorder profile of the server while measuring)
          --wait-quiet 2.5              (before each scenario, wait until the load average is below 2.5)
          --sample 0.05 --sample-min 10 (clients per tavolo that read everything; the rest count frames)
          --sample all                  (every client reads everything: the generator before issue 21)
          --pin 0:1                     (taskset: the server and its PostgreSQL on CPU 0, the generator on 1)""");
  }
}
