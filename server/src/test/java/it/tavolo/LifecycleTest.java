package it.tavolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.auth.Passwords;
import it.tavolo.config.Config;
import it.tavolo.db.EmbeddedDatabase;
import it.tavolo.demo.DemoSeed;
import it.tavolo.web.Responses;
import it.tavolo.web.Routes;
import it.tavolo.testing.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, restarting and stopping whole Apps, against the embedded and an external PostgreSQL. */
class LifecycleTest {

  private static HttpResponse<String> get(App app, String path) {
    return TestServer.get("http://127.0.0.1:" + app.port() + path);
  }

  private static long count(Pool pool, String sql, Object... args) throws Exception {
    return pool.preparedQuery(sql).execute(Tuple.wrap(args)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  @Test
  void restartOnTheSameDataDirKeepsDataAndSeedsOnce() throws Exception {
    String dir = TestServer.tempDir("restart").toString();
    UUID marker = UUID.randomUUID();
    App first = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DATA_DIR", dir, "TAVOLO_DEMO", "true")));
    int firstDbPort = first.databaseUrl().port();
    try {
      first.context().pool().preparedQuery("insert into organisations (id, name, side) values ($1, 'Comune di prova', 'PA')")
          .execute(Tuple.of(marker)).await(10, TimeUnit.SECONDS);
    } finally {
      first.stop();
    }
    assertThrows(IOException.class, () -> new Socket("localhost", firstDbPort).close(), "embedded PostgreSQL stopped");

    App second = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DATA_DIR", dir, "TAVOLO_DEMO", "true",
        "TAVOLO_DEMO_PASSWORD", "un'altra-password")));
    try {
      Pool pool = second.context().pool();
      assertEquals(1, count(pool, "select count(*) from organisations where id = $1", marker), "data persisted");
      assertEquals(1, count(pool, "select count(*) from op_log where doc_id = $1", DemoSeed.DOCUMENT_ID));
      assertEquals(1, count(pool, "select count(*) from tavoli"));
      assertEquals(5, count(pool, "select count(*) from users"));
      Row coordinator = pool.preparedQuery("select password_hash from users where email = $1")
          .execute(Tuple.of("coordinatore@demo.tavolo")).await(10, TimeUnit.SECONDS).iterator().next();
      assertTrue(Passwords.verify("un'altra-password", coordinator.getString("password_hash")),
          "the demo password follows TAVOLO_DEMO_PASSWORD");
      assertEquals(200, get(second, "/health").statusCode());
    } finally {
      second.stop();
    }
  }

  @Test
  void externalDatabaseViaUrlWithoutDemoAnd503WhenItGoesAway() throws Exception {
    EmbeddedDatabase external = EmbeddedDatabase.start(TestServer.tempDir("external-pg"));
    App app;
    try {
      String url = "postgresql://postgres@localhost:" + external.port() + "/postgres";
      app = TestServer.startApp(TestServer.config(Map.of("DATABASE_URL", url)));
    } catch (RuntimeException e) {
      external.close();
      throw e;
    }
    try {
      assertEquals(200, get(app, "/health").statusCode());
      Pool pool = app.context().pool();
      assertEquals(0, count(pool, "select count(*) from tavoli"), "no demo data on an external database");
      assertTrue(count(pool, "select count(*) from flyway_schema_history where success") >= 1);

      external.close();
      HttpResponse<String> down = get(app, "/health");
      assertEquals(503, down.statusCode());
      assertEquals("db_unavailable", new JsonObject(down.body()).getString("code"));
    } finally {
      app.stop();
      external.close();
    }
  }

  @Test
  void stopLetsInFlightRequestsFinishThenRefusesConnections() throws Exception {
    CompletableFuture<Void> handling = new CompletableFuture<>();
    Routes slow = (router, ctx) -> router.get("/slow").handler(rc -> {
      handling.complete(null);
      ctx.vertx().setTimer(800, t -> Responses.json(rc, 200, new JsonObject().put("done", true)));
    });
    App app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DEMO", "false")), List.of(slow));
    int port = app.port();
    CompletableFuture<HttpResponse<String>> inFlight = TestServer.http().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    handling.get(30, TimeUnit.SECONDS); // the request is being handled (the server says so: a loaded machine may take long to get there)
    app.stop();
    HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    assertEquals(true, new JsonObject(r.body()).getBoolean("done"));
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }

  /**
   * The HTTP port is taken, so the start fails at its last step, after the embedded PostgreSQL
   * and the migrations: the error names the cause, and the database it had started is stopped
   * again (no postmaster left running, the data directory free for the next start).
   */
  @Test
  void startFailureStopsWhatWasStartedAndSaysWhy() throws Exception {
    Path dir = TestServer.tempDir("start-failure");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Config config = TestServer.config(Map.of("TAVOLO_DATA_DIR", dir.toString(),
          "PORT", Integer.toString(taken.getLocalPort()), "TAVOLO_DEMO", "false"));
      RuntimeException e = assertThrows(RuntimeException.class, () -> App.start(config));
      String why = String.valueOf(e.getMessage());
      assertTrue(why.contains("Address already in use"), "says why: " + why);
      boolean bind = false;
      for (Throwable t = e; t != null; t = t.getCause()) {
        bind |= t instanceof BindException;
      }
      assertTrue(bind, "the cause is the port, not something else: " + e);
    }
    assertTrue(Files.isDirectory(dir.resolve("pg")), "the embedded PostgreSQL had been started");
    assertFalse(Files.exists(dir.resolve("pg").resolve("postmaster.pid")), "and it was stopped again");
    try (FileChannel ch = FileChannel.open(dir.resolve("pg.lock"), StandardOpenOption.WRITE);
         FileLock lock = ch.tryLock()) {
      assertNotNull(lock, "the data directory's lock was released");
    }
    // and the data directory is usable at once by a start that succeeds
    App again = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DATA_DIR", dir.toString(), "TAVOLO_DEMO", "false")));
    try {
      assertEquals(200, get(again, "/health").statusCode());
    } finally {
      again.stop();
    }
  }
}
