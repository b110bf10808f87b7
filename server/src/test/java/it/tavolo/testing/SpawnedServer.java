package it.tavolo.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real server as a separate OS process ({@code it.tavolo.Main}), so a test can kill it
 * with SIGKILL mid-commit and start it again on the same database. It runs from the main
 * classes and dependencies of the test's own classpath (without the test classes, so the
 * production logging configuration applies), which is exactly what {@code tavolo.jar}
 * shades, and works in Maven's test phase, before the jar exists.
 *
 * <pre>{@code
 * try (ExternalPostgres pg = ExternalPostgres.start();
 *      SpawnedServer s = SpawnedServer.start(Map.of("DATABASE_URL", pg.url(), "TAVOLO_DEMO", "true"))) {
 *   s.kill();       // SIGKILL
 *   s.restart();    // same port, same environment
 * }
 * }</pre>
 *
 * Every run's standard output is kept in {@link #log()} (appended across restarts).
 */
public final class SpawnedServer implements AutoCloseable {
  /** TAVOLO_JWT_SECRET of spawned servers unless the test gives another. */
  public static final String SECRET = "spawned-secret-spawned-secret-spawned-0123456789";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

  private final Map<String, String> env;
  /** The runnable jar to start, or null for it.tavolo.Main from the test classpath. */
  private final Path jar;
  private final int port;
  private final Path log;
  private Process process;
  private int starts;

  private SpawnedServer(Map<String, String> env, Path jar, int port, Path log) {
    this.env = env;
    this.jar = jar;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a server on a free loopback port with {@code overrides} on top of: a temporary data
   * dir, {@link #SECRET}, a 2 h token lifetime, LOG_LEVEL=INFO, a 2 s shutdown grace. Waits for
   * {@code /health} 200.
   */
  public static SpawnedServer start(Map<String, String> overrides) {
    return start(null, overrides);
  }

  /** As {@link #start(Map)}, but runs {@code java -jar jar}: the README's own command. */
  public static SpawnedServer start(Path jar, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("HOST", "127.0.0.1");
    env.put("TAVOLO_DATA_DIR", TestServer.tempDir("tavolo-spawned").toString());
    env.put("TAVOLO_JWT_SECRET", SECRET);
    env.put("TAVOLO_JWT_TTL", "2h");
    env.put("LOG_LEVEL", "INFO");
    env.put("TAVOLO_SHUTDOWN_GRACE", "2s");
    env.putAll(overrides);
    int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : ExternalPostgres.freePort();
    env.put("PORT", Integer.toString(port));
    SpawnedServer s = new SpawnedServer(Map.copyOf(env), jar, port,
        TestServer.tempDir("tavolo-spawned-log").resolve("server.log"));
    s.launch();
    s.awaitHealthy(Duration.ofSeconds(120));
    return s;
  }

  /** Starts the process and returns at once (see {@link #awaitHealthy}). */
  private synchronized void launch() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a small, quick-starting JVM: the build machine runs several of these at once
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    if (jar == null) {
      cmd.add("-cp");
      cmd.add(mainClasspath());
      cmd.add("it.tavolo.Main");
    } else {
      cmd.add("-jar");
      cmd.add(jar.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("TAVOLO_") || k.equals("DATABASE_URL")
        || k.equals("PORT") || k.equals("HOST") || k.equals("LOG_LEVEL"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = pb.start();
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server process", e);
    }
  }

  /** The test JVM's classpath without test classes. */
  public static String mainClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.replace('\\', '/').endsWith("/test-classes") && !p.contains("surefire"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Waits until {@code /health} answers 200; fails if the process exits first. */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Process p = process;
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException("the server exited (" + (p == null ? "?" : p.exitValue()) + "):\n" + tail(40));
      }
      if (health() == 200) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("the server did not become healthy within " + timeout + ":\n" + tail(40));
  }

  /** The status of {@code GET /health}, or -1 when nothing answers. */
  public int health() {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut. Waits for the exit. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the server survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** SIGTERM and wait for the graceful stop; returns the exit code. */
  public synchronized int stop() {
    if (process == null) {
      return 0;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      process = null;
    }
  }

  /** Starts again with the same environment and port (after {@link #kill} or {@link #stop}). */
  public void restart() {
    launch();
    awaitHealthy(Duration.ofSeconds(120));
  }

  /** The server process's id (to look at or limit it from outside: /proc, prlimit). */
  public synchronized long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** How many times the process was started. */
  public int starts() {
    return starts;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public Map<String, String> env() {
    return env;
  }

  /** Standard output and error of every run so far. */
  public Path log() {
    return log;
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of the log (for failure messages). */
  public String tail(int lines) {
    String[] all = logText().split("\n");
    return Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length).stream()
        .map(l -> l.length() > 400 ? l.substring(0, 400) + "…" : l).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
