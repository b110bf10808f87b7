package it.tavolo.live;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds {@code LOCK TABLE op_log IN SHARE MODE} in a transaction of its own: reads go on,
 * every insert into the op log waits. Lets a test see what happens while a commit is pending.
 */
final class OpLogLock implements AutoCloseable {
  private final SqlConnection conn;
  private final Transaction tx;

  private final io.vertx.sqlclient.Pool pool;
  /** False for the pool of an app the test stops while holding the lock. */
  private final boolean mustRelease;

  OpLogLock() {
    this(TestServer.pool(), true);
  }

  OpLogLock(io.vertx.sqlclient.Pool pool, boolean mustRelease) {
    this.pool = pool;
    this.mustRelease = mustRelease;
    try {
      conn = pool.getConnection().await(10, TimeUnit.SECONDS);
      tx = conn.begin().await(10, TimeUnit.SECONDS);
      conn.query("lock table op_log in share mode").execute().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The backend pid of an insert into op_log waiting for this lock (waits up to 10 s for one). */
  int waitingInsert() {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<Row> rows = LiveFixtures.sql(pool, "select pid from pg_stat_activity where wait_event_type = 'Lock' "
          + "and query like 'insert into op_log%'", Tuple.tuple());
      if (!rows.isEmpty()) {
        return rows.get(0).getInteger("pid");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return fail("no insert is waiting for the op_log lock");
  }

  /** Kills a backend: its transaction fails as if the database connection were lost. */
  static void terminate(int pid) {
    LiveFixtures.sql("select pg_terminate_backend($1)", Tuple.of(pid));
  }

  @Override
  public void close() {
    try {
      tx.rollback().await(10, TimeUnit.SECONDS);
      conn.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (mustRelease) {
        throw new IllegalStateException(e);
      }
      // the app stopped and closed its pool: the lock went with the connection
    }
  }
}
