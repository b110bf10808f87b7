package it.tavolo.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test: a child JVM started from our own jar ({@code it.tavolo.Main}, embedded
 * PostgreSQL in a temporary directory, demo mode, loopback only), or a running server given by
 * URL and pid. Reads its CPU and memory from /proc, and its heap through {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");

  final String baseUrl;
  final long pid;
  private final Process process;
  private final Path dataDir;
  private final Path log;

  private ServerProcess(String baseUrl, long pid, Process process, Path dataDir, Path log) {
    this.baseUrl = baseUrl;
    this.pid = pid;
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Starts a server JVM and waits until {@code /health} answers 200. */
  static ServerProcess spawn(Map<String, String> env, List<String> jvmArgs) {
    return spawn(env, jvmArgs, List.of());
  }

  /** As {@link #spawn(Map, List)}, the command after {@code prefix} (e.g. {@code taskset -c 0}: its PostgreSQL inherits it). */
  static ServerProcess spawn(Map<String, String> env, List<String> jvmArgs, List<String> prefix) {
    try {
      Path dir = Files.createTempDirectory("tavolo-load");
      int port = freePort();
      List<String> cmd = new ArrayList<>(prefix);
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmArgs);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("it.tavolo.Main");
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> e = pb.environment();
      e.keySet().removeIf(k -> k.startsWith("TAVOLO_") || k.equals("DATABASE_URL") || k.equals("PORT") || k.equals("HOST"));
      e.put("PORT", Integer.toString(port));
      e.put("HOST", "127.0.0.1");
      e.put("TAVOLO_DATA_DIR", dir.toString());
      e.put("TAVOLO_DEMO", "true");
      e.put("TAVOLO_JWT_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
      e.put("TAVOLO_JWT_TTL", "2h");
      e.put("LOG_LEVEL", "WARN");
      // every simulated participant connects from 127.0.0.1
      e.put("TAVOLO_WS_MAX_CONNECTIONS_PER_IP", "1000000");
      // a simulated participant holds one connection per tavolo (100 in many-tables)
      e.put("TAVOLO_WS_MAX_CONNECTIONS_PER_USER", "1000000");
      // one coordinator opens every tavolo of the run
      e.put("TAVOLO_MAX_TAVOLI_PER_USER", "1000000");
      e.putAll(env);
      Path log = dir.resolve("server.log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process p = pb.start();
      ServerProcess s = new ServerProcess("http://127.0.0.1:" + port, p.pid(), p, dir, log);
      s.awaitHealthy(Duration.ofSeconds(180));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server", e);
    }
  }

  /**
   * A server someone else started; its JVM is measured when {@code pid > 0}, its PostgreSQL
   * when {@code dataDir} is given.
   */
  static ServerProcess attach(String baseUrl, long pid, Path dataDir) {
    return new ServerProcess(baseUrl.replaceAll("/+$", ""), pid, null, dataDir, null);
  }

  /** The server's data directory (its embedded PostgreSQL's is {@code pg} in it), or null. */
  Path dataDir() {
    return dataDir;
  }

  boolean spawned() {
    return process != null;
  }

  String wsHost() {
    return URI.create(baseUrl).getHost();
  }

  int wsPort() {
    return URI.create(baseUrl).getPort();
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("the server exited (" + process.exitValue() + "); its log: " + log
            + "\n" + tail());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("the server did not become healthy in " + timeout + "; its log: " + log);
  }

  /** CPU seconds used so far by the server JVM. */
  double jvmCpuSeconds() {
    return pid <= 0 ? 0 : ProcStats.cpuSeconds(pid);
  }

  /** CPU seconds used so far by the server's PostgreSQL (0 when unknown). */
  double postgresCpuSeconds() {
    return dataDir == null ? 0 : ProcStats.cpuSeconds(ProcStats.postgresOf(dataDir));
  }

  long jvmRssBytes() {
    return pid <= 0 ? 0 : ProcStats.rssBytes(pid);
  }

  long postgresPssBytes() {
    return dataDir == null ? 0 : ProcStats.pssBytes(ProcStats.postgresOf(dataDir));
  }

  /** Heap in use after a full collection, in bytes (via jcmd; -1 when jcmd is unavailable). */
  long heapAfterGc() {
    if (pid <= 0) {
      return -1;
    }
    try {
      jcmd("GC.run");
      String info = jcmd("GC.heap_info");
      Matcher m = HEAP_USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Starts a JDK Flight Recorder profile of the server (sampling every 10 ms). */
  void startProfile() {
    try {
      jcmd("JFR.start", "name=tavolo-load", "settings=profile");
    } catch (IOException e) {
      System.out.println("  (no profile: " + e.getMessage() + ")");
    }
  }

  /** Writes the profile started by {@link #startProfile} to {@code file} (read it with {@code jfr print}). */
  void stopProfile(Path file) {
    try {
      jcmd("JFR.dump", "name=tavolo-load", "filename=" + file.toAbsolutePath());
      jcmd("JFR.stop", "name=tavolo-load");
      System.out.println("  server profile: " + file.toAbsolutePath());
    } catch (IOException e) {
      System.out.println("  (no profile: " + e.getMessage() + ")");
    }
  }

  private String jcmd(String... command) throws IOException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> cmd = new ArrayList<>(List.of(Files.exists(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid)));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("jcmd " + command + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The end of the server's log (for error reports). */
  String tail() {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops a spawned server (SIGTERM: its graceful stop) and deletes its data; an attached one is left alone. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    keepLog();
    deleteRecursively(dataDir);
  }

  /** The server's log outlives its data directory, for reading after the run. */
  private void keepLog() {
    try {
      if (log != null && Files.size(log) > 0) {
        Path kept = Files.createTempFile("tavolo-load-server-", ".log");
        Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("  server log: " + kept);
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // left for the OS's temp cleaning
        }
      });
    } catch (IOException ignored) {
      // same
    }
  }
}
