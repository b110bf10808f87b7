package it.tavolo.sedute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP API as the sedute tests call it: demo accounts' tokens and JSON in, JSON out. */
final class Http {
  private static final it.tavolo.testing.TokenCache TOKENS = new it.tavolo.testing.TokenCache(w -> {
      HttpResponse<String> r = TestServer.post("/api/auth/login", new JsonObject().put("email", w + "@demo.tavolo").put("password", "demo").encode());
      assertEquals(200, r.statusCode(), r.body());
      return new JsonObject(r.body()).getString("token");
    });

  private Http() {
  }

  /** A token of a demo account: "coordinatore", "pa", "ets1", "ets2", "osservatore". */
  static String token(String who) {
    return TOKENS.get(who);
  }

  static HttpResponse<String> call(String who, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri(path)).timeout(Duration.ofSeconds(30));
    if (who != null) {
      b.header("Authorization", "Bearer " + token(who));
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return TestServer.send(b.build());
  }

  /** A call with any bearer value (to show what is not a token). */
  static HttpResponse<String> callWithBearer(String bearer, String method, String path) {
    return TestServer.send(HttpRequest.newBuilder(TestServer.uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bearer).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  static HttpResponse<byte[]> bytes(String who, String path) {
    try {
      return TestServer.http().send(HttpRequest.newBuilder(TestServer.uri(path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token(who)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The call's JSON object answer, asserting its status. */
  static JsonObject ok(int status, String who, String method, String path, Object body) {
    HttpResponse<String> r = call(who, method, path, body);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? null : new JsonObject(r.body());
  }

  static JsonArray okArray(String who, String path) {
    HttpResponse<String> r = call(who, "GET", path, null);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonArray(r.body());
  }

  /** Asserts an error answer: status and code. */
  static JsonObject refused(int status, String code, String who, String method, String path, Object body) {
    HttpResponse<String> r = call(who, method, path, body);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    JsonObject e = new JsonObject(r.body());
    assertEquals(code, e.getString("code"), r.body());
    return e;
  }

  static URI uri(String path) {
    return TestServer.uri(path);
  }
}
