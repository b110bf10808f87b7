package it.tavolo.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A PostgreSQL the test owns, outside the server under test: the server reaches it through
 * {@code DATABASE_URL}, and the test can stop it (a database outage) and start it again on the
 * same port and data, or outlive a server it kills. Zonky's binaries, started by the test.
 *
 * <p>The URL carries a password although the local cluster trusts every connection: tests
 * that look for secrets in logs need one to look for.
 */
public final class ExternalPostgres implements AutoCloseable {
  /** The password in {@link #url()}; never accepted or refused (trust), only carried. */
  public static final String PASSWORD = "pg-Secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

  private final Path dir;
  private final int port;
  private EmbeddedPostgres pg;

  private ExternalPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A fresh cluster in a temporary directory, on a free port. Blocking. */
  public static ExternalPostgres start() {
    ExternalPostgres p = new ExternalPostgres(TestServer.tempDir("tavolo-extpg").resolve("pg"), freePort());
    p.startAgain();
    return p;
  }

  /** Starts (again) on the same data directory and port. Blocking. */
  public synchronized void startAgain() {
    if (pg != null) {
      return;
    }
    try {
      pg = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPort(port)
          // as db.EmbeddedDatabase does in production: zonky's default synchronous_commit=off
          // would let a commit be acknowledged before its WAL is flushed
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "100")
          .setRegisterShutdownHook(true)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
    }
  }

  /** Stops PostgreSQL (fast shutdown: open connections are cut). The data stays. Blocking. */
  public synchronized void stop() {
    if (pg == null) {
      return;
    }
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL in " + dir, e);
    } finally {
      pg = null;
    }
  }

  public synchronized boolean running() {
    return pg != null;
  }

  public int port() {
    return port;
  }

  /** {@code postgresql://postgres:<PASSWORD>@127.0.0.1:<port>/postgres}, for DATABASE_URL. */
  public String url() {
    return "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/postgres";
  }

  /** A JDBC connection for the test's own checks (blocking, test thread only). */
  public Connection jdbc() {
    try {
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", PASSWORD);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the test's PostgreSQL: " + e, e);
    }
  }

  /** A server setting as {@code SHOW} reports it (blocking, test thread only). */
  public String setting(String name) {
    try (Connection c = jdbc(); java.sql.Statement st = c.createStatement();
         java.sql.ResultSet r = st.executeQuery("show " + name)) {
      r.next();
      return r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("show " + name + ": " + e, e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
