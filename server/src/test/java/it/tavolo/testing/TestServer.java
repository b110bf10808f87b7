package it.tavolo.testing;

import it.tavolo.App;
import it.tavolo.config.Config;
import it.tavolo.demo.DemoSeed;
import it.tavolo.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real server, started in-process once per test JVM (lazily, on first use) on a free port,
 * with its own embedded PostgreSQL in a temporary directory and demo mode on. Tests share it;
 * a test that changes data it does not own makes its own tavolo with {@link #freshTavolo()}.
 *
 * <pre>{@code
 * HttpResponse<String> r = TestServer.get("/health");
 * assertEquals(200, r.statusCode());
 * Pool db = TestServer.pool();                    // the app's own pool, for checks in SQL
 * TestServer.Tavolo t = TestServer.freshTavolo();  // demo members, its own document
 * }</pre>
 *
 * Tests that need another App (a restart, an external database) build a config with
 * {@link #config(Map)} and start it with {@link #startApp(Config)}; such apps and every
 * {@link #tempDir(String)} are cleaned up at exit.
 * Everything is stopped by a JVM shutdown hook.
 */
public final class TestServer {
  // Kept in a field for the life of the JVM: an unreferenced client can be collected mid-request.
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private static final List<Path> TEMP_DIRS = new ArrayList<>();
  private static final List<App> OTHER_APPS = new ArrayList<>();
  private static App app;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestServer::shutdown, "test-server-shutdown"));
  }

  private TestServer() {}

  /** The shared running App (started on first call). */
  public static synchronized App app() {
    if (app == null) {
      app = App.start(config(Map.of("TAVOLO_DEMO", "true")));
    }
    return app;
  }

  public static int port() {
    return app().port();
  }

  /** {@code http://127.0.0.1:<port><path>} */
  public static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** The app's database pool: check results with SQL (bound parameters, as everywhere). */
  public static Pool pool() {
    return app().context().pool();
  }

  public static HttpClient http() {
    return HTTP;
  }

  public static HttpResponse<String> get(String path, String... headers) {
    return send(builder(path, headers).GET().build());
  }

  public static HttpResponse<String> post(String path, String jsonBody, String... headers) {
    return send(builder(path, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
  }

  /** Any method; {@code body} may be null. Headers as name, value, name, value... */
  public static HttpResponse<String> request(String method, String path, String body, String... headers) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
    return send(builder(path, headers).method(method, publisher).build());
  }

  /** Sends to the shared App, or to any other App when {@code request} targets its port. */
  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder builder(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : uri(path))
        .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b;
  }

  /**
   * A config for an App of the tests' own: free port, loopback, a fresh temporary data dir, a
   * fixed test JWT secret, quiet logs; {@code overrides} win (pass TAVOLO_DATA_DIR to reuse data).
   */
  public static Config config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("HOST", "127.0.0.1");
    env.put("TAVOLO_DATA_DIR", tempDir("tavolo-test").toString());
    env.put("TAVOLO_JWT_SECRET", "test-secret-test-secret-test-secret-0123456789");
    env.put("LOG_LEVEL", "WARN");
    env.put("TAVOLO_SHUTDOWN_GRACE", "2s");
    env.putAll(overrides);
    return Config.from(env);
  }

  /**
   * Starts another App (a restart on the same data, an external database...). Stop it with
   * {@link App#stop()} when done; any still running is stopped at JVM exit anyway.
   */
  public static App startApp(Config config) {
    return startApp(config, List.of());
  }

  /** As {@link #startApp(Config)}, with extra routes (probes only a test needs). */
  public static App startApp(Config config, List<Routes> extraRoutes) {
    App other = App.start(config, extraRoutes);
    synchronized (TestServer.class) {
      OTHER_APPS.add(other);
    }
    return other;
  }

  /**
   * A demo App of the test's own with settings the layers read from the environment
   * themselves ({@code TAVOLO_WS_*}, {@code TAVOLO_OIDC_*}...): given as system properties
   * while it starts only, so no other App sees them.
   */
  public static App startDemoAppWith(Map<String, String> environment) {
    return startAppWith(environment, Map.of("TAVOLO_DEMO", "true"));
  }

  /** As {@link #startDemoAppWith}, with these {@link #config} overrides. */
  public static App startAppWith(Map<String, String> environment, Map<String, String> configOverrides) {
    environment.forEach(System::setProperty);
    try {
      return startApp(config(configOverrides));
    } finally {
      environment.keySet().forEach(System::clearProperty);
    }
  }

  /** A new temporary directory, deleted when the JVM exits. */
  public static synchronized Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      TEMP_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tavolo of the test's own: the five demo accounts as members, one document with the demo draft as seq 1. */
  public record Tavolo(UUID id, UUID documentId) {}

  public static Tavolo freshTavolo() {
    return freshTavolo(true);
  }

  /**
   * As {@link #freshTavolo()}; without partners, only the members' organisations are at the
   * tavolo (the seeded draft still names the others, as one named before they left would).
   */
  public static Tavolo freshTavolo(boolean withDemoPartners) {
    UUID tavolo = UUID.randomUUID();
    UUID doc = UUID.randomUUID();
    JsonArray ops = DemoSeed.initialOps();
    List<Tuple> members = new ArrayList<>();
    for (DemoSeed.Account a : DemoSeed.ACCOUNTS) {
      members.add(Tuple.of(tavolo, a.id(), a.role()));
    }
    List<Tuple> partners = new ArrayList<>(); // as at the demo tavolo: its draft names them all
    for (DemoSeed.Organisation o : withDemoPartners ? DemoSeed.ORGANISATIONS : List.<DemoSeed.Organisation>of()) {
      partners.add(Tuple.of(tavolo, o.id()));
    }
    try {
      pool().withTransaction(c -> c.preparedQuery("insert into tavoli (id, title, ente_proponente, ambito, created_by) "
                  + "values ($1, $2, $3, 'Zona Pistoiese', $4)")
              .execute(Tuple.of(tavolo, "Tavolo di prova " + tavolo, DemoSeed.SDS.name(), DemoSeed.COORDINATOR.id()))
              .compose(r -> c.preparedQuery("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3)")
                  .executeBatch(members))
              .compose(r -> partners.isEmpty() ? Future.succeededFuture()
                  : c.preparedQuery("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2)")
                      .executeBatch(partners))
              .compose(r -> partners.isEmpty() ? Future.succeededFuture()
                  : it.tavolo.db.TerritorioStore.ensure(c, tavolo, DemoSeed.TERRITORI)) // its draft names them
              .compose(r -> c.preparedQuery("insert into documents (id, tavolo_id, title) values ($1, $2, $3)")
                  .execute(Tuple.of(doc, tavolo, DemoSeed.DOCUMENT_TITLE)))
              .compose(r -> c.preparedQuery("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) "
                      + "values ($1, 1, $2, 'seed', 1, $3::jsonb)")
                  .execute(Tuple.of(doc, DemoSeed.COORDINATOR.id(), ops))))
          .await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("creating a test tavolo timed out", e);
    }
    return new Tavolo(tavolo, doc);
  }

  private static synchronized void shutdown() {
    for (App other : OTHER_APPS) {
      other.stop();
    }
    if (app != null) {
      app.stop();
    }
    for (Path dir : TEMP_DIRS) {
      deleteRecursively(dir);
    }
  }

  /** Best effort: a file still held open is left for the OS's temp cleaning. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // see above
        }
      });
    } catch (IOException ignored) {
      // see above
    }
  }
}
