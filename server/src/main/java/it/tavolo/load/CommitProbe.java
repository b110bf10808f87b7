package it.tavolo.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The commit floor (issue 21): what the scenario's own PostgreSQL takes, on this machine, to
 * answer the vertx-pg-client the server uses, at the single typist's pace (one statement
 * every 50 ms, idle in between, so every wake-up counts): (i) {@code SELECT 1}, the round
 * trip; (ii) a one-row insert into a scratch table with its durable commit
 * ({@code synchronous_commit} on, as the op log's); (iii) the same insert with
 * {@code synchronous_commit} off in its session, the commit without its WAL flush wait.
 * Beside the server's submit→ack and op-log commit it separates PostgreSQL's commit path
 * (the floor), the client's round trip, and what the server's path adds.
 *
 * <p>Threading: every statement is issued and timed on one event-loop context of its own;
 * the caller blocks in {@link #measure} until the probe is over.
 */
final class CommitProbe {
  private static final String TABLE = "tavolo_commit_probe";
  private static final long PERIOD_MS = 50;

  private CommitProbe() {
  }

  /**
   * Probes the PostgreSQL whose data directory is {@code pgDir} for {@code seconds} (one
   * statement per 50 ms, the three kinds in turn, the first second a warm-up).
   */
  static String measure(Path pgDir, int seconds) {
    int port;
    try {
      // postmaster.pid: pid, data directory, start time, port, ...
      port = Integer.parseInt(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(3).trim());
    } catch (Exception e) {
      return "not measured (no PostgreSQL port: " + e.getMessage() + ")";
    }
    Vertx vertx = Vertx.builder().with(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1)).build();
    try {
      return run(vertx, port, seconds).get(seconds + 60L, TimeUnit.SECONDS);
    } catch (Exception e) {
      return "not measured (" + e + ")";
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the probe's figures are already taken
      }
    }
  }

  private static CompletableFuture<String> run(Vertx vertx, int port, int seconds) {
    CompletableFuture<String> result = new CompletableFuture<>();
    PgConnectOptions options = new PgConnectOptions().setHost("localhost").setPort(port).setDatabase("postgres")
        .setUser("postgres").setPassword("postgres").setCachePreparedStatements(true);
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> {
      Future<PgConnection> durable = PgConnection.connect(vertx, options);
      Future<SqlConnection> lazy = PgConnection.connect(vertx, options)
          .compose(c -> c.query("set synchronous_commit = off").execute().map(c));
      Future.all(durable, lazy)
          .compose(all -> durable.result().query("create table if not exists " + TABLE
              + " (id bigint generated always as identity primary key, body text not null)").execute())
          .onFailure(result::completeExceptionally)
          .onSuccess(x -> loop(vertx, durable.result(), lazy.result(), seconds, result));
    });
    return result;
  }

  private static void loop(Vertx vertx, SqlConnection durable, SqlConnection lazy, int seconds,
                           CompletableFuture<String> result) {
    List<List<Long>> micros = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long warmupTicks = 1000 / PERIOD_MS;
    long ticks = warmupTicks + seconds * 1000L / PERIOD_MS;
    String insert = "insert into " + TABLE + " (body) values ($1)";
    String body = "x".repeat(120); // about one keystroke's batch of ops as JSON
    long[] tick = {0};
    vertx.setPeriodic(PERIOD_MS, id -> {
      long i = tick[0]++;
      if (i >= ticks) {
        vertx.cancelTimer(id);
        durable.query("drop table if exists " + TABLE).execute()
            .eventually(() -> Future.join(durable.close(), lazy.close()))
            .onComplete(x -> result.complete(describe(micros)));
        return;
      }
      int kind = (int) (i % 3);
      long t0 = System.nanoTime();
      Future<?> f = switch (kind) {
        case 0 -> durable.preparedQuery("SELECT 1").execute();
        case 1 -> durable.preparedQuery(insert).execute(Tuple.of(body));
        default -> lazy.preparedQuery(insert).execute(Tuple.of(body));
      };
      f.onSuccess(x -> {
        if (i >= warmupTicks) {
          micros.get(kind).add((System.nanoTime() - t0) / 1000);
        }
      }).onFailure(result::completeExceptionally);
    });
  }

  private static String describe(List<List<Long>> micros) {
    return String.format("PostgreSQL from the same client, one statement per 50 ms, idle between: "
            + "SELECT 1 %s; insert + durable commit %s; insert, synchronous_commit off %s",
        percentiles(micros.get(0)), percentiles(micros.get(1)), percentiles(micros.get(2)));
  }

  private static String percentiles(List<Long> us) {
    if (us.isEmpty()) {
      return "no samples";
    }
    long[] t = us.stream().mapToLong(Long::longValue).sorted().toArray();
    int n = t.length;
    return String.format("p50 %s p99 %s p99.9 %s (%d)", LoadStats.ms(t[n / 2]), LoadStats.ms(t[(int) (n * 0.99)]),
        LoadStats.ms(t[Math.min(n - 1, (int) (n * 0.999))]), n);
  }
}
