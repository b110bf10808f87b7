package it.tavolo.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TAVOLO_THREADS_PER_DOCUMENT and TAVOLO_COMMENTS_PER_THREAD, on a demo server of this test's own. */
class ThreadLimitsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static App app;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    app = TestServer.startDemoAppWith(Map.of("TAVOLO_THREADS_PER_DOCUMENT", "2", "TAVOLO_COMMENTS_PER_THREAD", "2"));
    token = new JsonObject(call("POST", "/api/auth/login", null,
        new JsonObject().put("email", "ets1@demo.tavolo").put("password", "demo")).body()).getString("token");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop();
  }

  private static HttpResponse<String> call(String method, String path, String auth, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (auth != null) b.header("Authorization", "Bearer " + auth);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theThirdThreadOfADocumentAndTheThirdCommentOfAThreadAreRefused() throws Exception {
    String threads = "/api/documents/" + DemoSeed.DOCUMENT_ID + "/threads";
    JsonObject start = new JsonObject().put("anchor", new JsonObject().put("coll", "activities").put("id", "act-1"))
        .put("seq", 1).put("body", "Chi la guida?");
    HttpResponse<String> first = call("POST", threads, token, start);
    assertEquals(201, first.statusCode(), first.body());
    assertEquals(201, call("POST", threads, token, start).statusCode());
    HttpResponse<String> third = call("POST", threads, token, start);
    assertEquals(409, third.statusCode(), third.body());
    assertEquals(Threads.TOO_MANY_THREADS, new JsonObject(third.body()).getString("code"));

    String comments = threads + "/" + new JsonObject(first.body()).getString("id") + "/comments";
    assertEquals(201, call("POST", comments, token, new JsonObject().put("body", "Seconda.")).statusCode());
    HttpResponse<String> over = call("POST", comments, token, new JsonObject().put("body", "Terza."));
    assertEquals(409, over.statusCode(), over.body());
    assertEquals(Threads.TOO_MANY_COMMENTS, new JsonObject(over.body()).getString("code"));
  }
}
