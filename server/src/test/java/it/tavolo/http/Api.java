package it.tavolo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Calls to the shared test server's accounts API, for tests that are not about the call itself. */
public final class Api {
  public static final String PASSWORD = "demo";

  private Api() {}

  public static HttpResponse<String> call(String method, String path, String token, String body) {
    return token == null ? TestServer.request(method, path, body, "Content-Type", "application/json")
        : TestServer.request(method, path, body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
  }

  public static JsonObject loginJson(String email, String password) {
    HttpResponse<String> r = call("POST", "/api/auth/login", null,
        new JsonObject().put("email", email).put("password", password).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** A fresh session's access token (each call is a new login). */
  public static String login(String email) {
    return loginJson(email, PASSWORD).getString("token");
  }

  public static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return r.body().isEmpty() ? null : new JsonObject(r.body());
  }

  public static JsonArray okArray(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonArray(r.body());
  }

  /** Asserts the error shape, status and code. */
  public static JsonObject error(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    JsonObject e = new JsonObject(r.body());
    assertEquals(code, e.getString("code"), r.body());
    assertEquals(2, e.size(), "errors are exactly {code, message}: " + r.body());
    return e;
  }

  /** A new tavolo opened by {@code coordinatorToken}'s user. */
  public static JsonObject newTavolo(String coordinatorToken, String title) {
    return ok(call("POST", "/api/tavoli", coordinatorToken, new JsonObject().put("title", title).encode()), 201);
  }

  public static String invite(String coordinatorToken, String tavoloId, String role) {
    return ok(call("POST", "/api/tavoli/" + tavoloId + "/invitations", coordinatorToken,
        new JsonObject().put("role", role).encode()), 201).getString("token");
  }

  /** Brings the token's user into the tavolo with that role, through an invitation. */
  public static void join(String coordinatorToken, String tavoloId, String memberToken, String role) {
    String invitation = invite(coordinatorToken, tavoloId, role);
    ok(call("POST", "/api/invitations/" + invitation + "/accept", memberToken, null), 200);
  }

  public static String uniqueEmail(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
  }
}
