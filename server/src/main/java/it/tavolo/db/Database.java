package it.tavolo.db;

import it.tavolo.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** The run-time connection pool (vertx-pg-client): every query after start goes through it. */
public final class Database {
  private Database() {}

  /** {@code SELECT 1}: whether the database answers (the health check). */
  public static io.vertx.core.Future<Void> ping(io.vertx.sqlclient.SqlClient c) {
    return c.query("SELECT 1").execute().mapEmpty();
  }

  public static Pool pool(Vertx vertx, DatabaseUrl url, int size) {
    PgConnectOptions connect = connectOptions(url);
    PoolOptions pool = new PoolOptions()
        .setName("tavolo")
        .setMaxSize(size)
        // spread the connections over the event loops (the default puts them all on one)
        .setEventLoopSize(io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)
        // Fail fast when the database is gone: /health answers 503 instead of hanging.
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout(5)
        .setIdleTimeoutUnit(TimeUnit.MINUTES);
    return PgBuilder.pool()
        .with(pool)
        .with(new NetClientOptions().setConnectTimeout(3000))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /** How to reach the database (also for the LISTEN connection of live.cluster). */
  public static PgConnectOptions connectOptions(DatabaseUrl url) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(0);
    if (url.password() != null) {
      connect.setPassword(url.password());
    }
    String sslMode = url.params().get("sslmode");
    if (sslMode != null) {
      connect.setSslMode(SslMode.of(sslMode));
    }
    return connect;
  }
}
