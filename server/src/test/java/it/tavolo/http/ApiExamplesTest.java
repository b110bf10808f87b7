package it.tavolo.http;

import it.tavolo.web.Routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.Json;
import it.tavolo.App;
import it.tavolo.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every example of docs/api.md, in order, against a server of its own (fresh
 * database, demo data), so the documentation cannot drift from what the server does.
 */
class ApiExamplesTest {
  /**
   * What docs/api.md holds, counted by hand (one example = a request block and its answer
   * block; one route = a row of the route table). Exact, so a parser that starts skipping
   * blocks, or an example dropped from the doc, fails here: change them with the doc.
   */
  static final int EXAMPLES = 204;
  static final int ROUTES = 135;

  private static String markdown;
  private static App app;
  private static io.vertx.ext.web.Router router;

  @BeforeAll
  static void start() throws IOException {
    markdown = Files.readString(apiDoc());
    io.vertx.ext.web.Router[] captured = new io.vertx.ext.web.Router[1];
    Routes probe = (r, ctx) -> captured[0] = r; // the router as mounted, to list its routes
    app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DEMO", "true", "TAVOLO_JWT_TTL", "15m")), List.of(probe));
    router = captured[0];
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleInApiMdAnswersAsDocumented() {
    List<ApiExamples.Example> examples = ApiExamples.parse(markdown);
    // every ```http block is half of an example: the parser paired them all
    long fences = markdown.lines().filter(l -> l.strip().equals("```http")).count();
    assertEquals(fences, 2L * examples.size(), "every request block has its answer block");
    assertEquals(EXAMPLES, examples.size(), "docs/api.md's examples");
    Map<String, String> vars = new HashMap<>();
    return examples.stream().map(ex -> DynamicTest.dynamicTest(ex.toString(), () -> replay(ex, vars)));
  }

  /**
   * The route table and the router agree: every {@code /api} route the server mounts is
   * documented, and every documented route is mounted (parameter names aside). The
   * operations endpoints and {@code /ws} are documented in README and docs/protocol.md.
   */
  @Test
  void theRouteTableListsExactlyTheRoutesTheServerMounts() {
    java.util.TreeSet<String> documented = new java.util.TreeSet<>();
    for (ApiExamples.Route r : ApiExamples.routes(markdown)) {
      documented.add(r.method() + " " + r.path().replaceAll(":[A-Za-z]+", ":x"));
    }
    java.util.TreeSet<String> mounted = new java.util.TreeSet<>();
    for (io.vertx.ext.web.Route r : router.getRoutes()) {
      String path = r.isRegexPath() ? r.getName() : r.getPath();
      if (path == null || !path.startsWith("/") || path.endsWith("/") || r.methods() == null || r.methods().isEmpty()) {
        continue; // handlers on every request or on a prefix (headers, body, token check, static files)
      }
      if (!path.startsWith("/api/")) {
        assertTrue(List.of("/health", "/metrics", "/ws").contains(path), "a route outside /api: " + path);
        continue;
      }
      for (io.vertx.core.http.HttpMethod m : r.methods()) {
        if (m != io.vertx.core.http.HttpMethod.HEAD) {
          mounted.add(m.name() + " " + path.replaceAll(":[A-Za-z]+", ":x"));
        }
      }
    }
    java.util.TreeSet<String> undocumented = new java.util.TreeSet<>(mounted);
    undocumented.removeAll(documented);
    java.util.TreeSet<String> unmounted = new java.util.TreeSet<>(documented);
    unmounted.removeAll(mounted);
    assertEquals(List.of(), List.copyOf(undocumented), "mounted but not in docs/api.md's route table");
    assertEquals(List.of(), List.copyOf(unmounted), "in docs/api.md's route table but not mounted");
  }

  @Test
  void everyRouteInTheTableHasAnExample() {
    List<ApiExamples.Example> examples = ApiExamples.parse(markdown);
    List<ApiExamples.Route> routes = ApiExamples.routes(markdown);
    long rows = markdown.lines().filter(l -> l.matches("\\| (GET|POST|PUT|PATCH|DELETE) \\|.*")).count();
    assertEquals(rows, routes.size(), "every row of the route table is read");
    assertEquals(ROUTES, routes.size(), "route table rows: " + routes);
    for (ApiExamples.Route route : routes) {
      assertTrue(examples.stream().anyMatch(ex -> route.matches(ex.request())), "no example for " + route);
    }
  }

  @Test
  void theMatcherRejectsWhatTheDocsDoNotShow() {
    Map<String, String> vars = new HashMap<>();
    assertNull(ApiExamples.mismatch(Json.decodeValue("{\"a\":\"{{x}}\",\"b\":[1,2]}"),
        Json.decodeValue("{\"a\":\"v\",\"b\":[1,2],\"extra\":true}"), "$", vars));
    assertEquals("v", vars.get("x"));
    assertFalse(ApiExamples.mismatch(Json.decodeValue("{\"a\":\"{{x}}\"}"), Json.decodeValue("{\"a\":\"w\"}"), "$", vars) == null,
        "a captured value must match later");
    assertFalse(ApiExamples.mismatch(Json.decodeValue("[1]"), Json.decodeValue("[1,2]"), "$", vars) == null,
        "arrays must have exactly the elements shown");
    assertFalse(ApiExamples.mismatch(Json.decodeValue("{\"k\":\"{{*}}\"}"), Json.decodeValue("{}"), "$", vars) == null,
        "a key shown with {{*}} must be present");
    assertFalse(ApiExamples.mismatch(Json.decodeValue("{\"n\":900}"), Json.decodeValue("{\"n\":899}"), "$", vars) == null);
  }

  private static void replay(ApiExamples.Example ex, Map<String, String> vars) throws Exception {
    ApiExamples.Request req = ex.request();
    String body = ApiExamples.substitute(req.message().body(), vars);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
            + ApiExamples.substitute(req.path(), vars)))
        .timeout(Duration.ofSeconds(30))
        .method(req.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    req.message().headers().forEach((k, v) -> b.header(k, ApiExamples.substitute(v, vars)));
    HttpResponse<String> r = TestServer.send(b.build());

    ApiExamples.Response expected = ex.response();
    assertEquals(expected.status(), r.statusCode(), ex + ": status; body " + r.body());
    for (Map.Entry<String, String> h : expected.message().headers().entrySet()) {
      String got = r.headers().firstValue(h.getKey()).orElse(null);
      // a header shown as {{*}} must be present; as a new {{name}}, it is captured for later examples
      java.util.regex.Matcher only = java.util.regex.Pattern.compile("\\{\\{(\\*|\\w+)}}").matcher(h.getValue());
      if (only.matches() && (only.group(1).equals("*") || !vars.containsKey(only.group(1)))) {
        assertTrue(got != null, ex + ": header " + h.getKey() + " is missing");
        if (!only.group(1).equals("*")) vars.put(only.group(1), got);
        continue;
      }
      assertEquals(ApiExamples.substitute(h.getValue(), vars), got, ex + ": header " + h.getKey());
    }
    if (expected.message().body().isEmpty()) {
      if (expected.status() == 204) assertEquals("", r.body(), ex + ": 204 has no body");
      return;
    }
    Object want = Json.decodeValue(expected.message().body());
    Object got;
    try {
      got = Json.decodeValue(r.body());
    } catch (RuntimeException e) {
      fail(ex + ": the answer is not JSON: " + r.body());
      return;
    }
    String mismatch = ApiExamples.mismatch(want, got, "$", vars);
    if (mismatch != null) fail(ex + ": " + mismatch + "\nanswer: " + r.body());
  }

  static Path apiDoc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("docs/api.md");
      if (Files.exists(p)) return p;
    }
    throw new IllegalStateException("docs/api.md not found above " + Path.of("").toAbsolutePath());
  }
}
