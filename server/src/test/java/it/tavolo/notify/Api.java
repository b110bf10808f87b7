package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The HTTP API of one running App as the notification tests call it: demo accounts' tokens, JSON in and out. */
final class Api {
  static final Api SHARED = new Api(-1);

  private final int port;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  Api(int port) {
    this.port = port;
  }

  int port() {
    return port < 0 ? TestServer.port() : port;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** A token of a demo account: "coordinatore", "pa", "ets1", "ets2", "osservatore". */
  String token(String who) {
    return tokens.computeIfAbsent(who, w -> {
      HttpResponse<String> r = call(null, "POST", "/api/auth/login", new JsonObject().put("email", w + "@demo.tavolo").put("password", "demo"));
      assertEquals(200, r.statusCode(), r.body());
      return new JsonObject(r.body()).getString("token");
    });
  }

  HttpResponse<String> call(String who, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
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

  /** A demo account joins a document of this App; returns once welcomed. */
  Ws join(String who, java.util.UUID doc) {
    return Ws.join(port(), token(who), who, doc);
  }

  JsonObject ok(int status, String who, String method, String path, Object body) {
    HttpResponse<String> r = call(who, method, path, body);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? null : new JsonObject(r.body());
  }

  JsonObject refused(int status, String code, String who, String method, String path, Object body) {
    HttpResponse<String> r = call(who, method, path, body);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    JsonObject e = new JsonObject(r.body());
    assertEquals(code, e.getString("code"), r.body());
    return e;
  }

  /** ets1 proposes a change of one budget amount at seq 1 of the document; the integration's id. */
  String propose(String who, java.util.UUID doc, String rationale) {
    return ok(201, who, "POST", "/api/documents/" + doc + "/integrations", new JsonObject().put("baseSeq", 1)
        .put("ops", new io.vertx.core.json.JsonArray().add(new JsonObject().put("op", "set").put("coll", "budget")
            .put("id", "bud-6").put("field", "amount").put("value", 4_200_000)))
        .put("rationale", rationale)).getString("id");
  }
}
