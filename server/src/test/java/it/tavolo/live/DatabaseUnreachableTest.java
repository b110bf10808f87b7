package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.db.EmbeddedDatabase;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While the database does not answer, checking a token or a membership is {@code unavailable}
 * (503, 4503: retry, keep the token), never {@code unauthorized} (the web app would log the
 * person out) nor {@code not_found} (it would say the document is gone), nor a 500 the web app
 * cannot tell from a refused session. The server runs on a PostgreSQL of the test's own,
 * stopped after the login.
 */
class DatabaseUnreachableTest {
  @Test
  void checksThatCannotReachTheDatabaseAreUnavailableNotUnauthorizedNorNotFound() throws Exception {
    EmbeddedDatabase pg = EmbeddedDatabase.start(TestServer.tempDir("tavolo-pg-down"));
    boolean pgStopped = false;
    App app = TestServer.startApp(TestServer.config(Map.of(
        "DATABASE_URL", "postgresql://postgres@localhost:" + pg.port() + "/postgres", "TAVOLO_DEMO", "true")));
    try {
      int port = app.port();
      HttpResponse<String> login = http(port, "POST", "/api/auth/login", null,
          new JsonObject().put("email", "ets1@demo.tavolo").put("password", "demo").encode());
      assertEquals(200, login.statusCode(), login.body());
      String token = new JsonObject(login.body()).getString("token");
      String refreshToken = new JsonObject(login.body()).getString("refreshToken");
      try (LiveClient before = LiveClient.join(port, token, DemoSeed.DOCUMENT_ID, "down-before", null)) {
        assertTrue(before.welcome.path("seq").isNumber(), "it joins while the database answers: " + before.welcome);
      }
      pg.close();
      pgStopped = true;

      LiveClient c = LiveClient.connect(port, null);
      c.hello(token, DemoSeed.DOCUMENT_ID, "down-after", null);
      JsonNode e = c.next("error", 30_000);
      assertEquals("unavailable", e.path("code").asText(), "the join is refused as retryable: " + e);
      c.awaitClosed(ErrorCode.UNAVAILABLE.closeCode());

      HttpResponse<String> tavoli = http(port, "GET", "/api/tavoli", token, null);
      assertUnavailable(tavoli);
      HttpResponse<String> refresh = http(port, "POST", "/api/auth/refresh", null,
          new JsonObject().put("refreshToken", refreshToken).encode());
      assertUnavailable(refresh);
    } finally {
      app.stop();
      if (!pgStopped) pg.close();
    }
  }

  private static void assertUnavailable(HttpResponse<String> r) {
    assertEquals(503, r.statusCode(), r.body());
    assertEquals("unavailable", new JsonObject(r.body()).getString("code"), r.body());
    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a retry is announced");
  }

  private static HttpResponse<String> http(int port, String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return TestServer.send(b.build());
  }
}
