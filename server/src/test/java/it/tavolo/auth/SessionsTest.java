package it.tavolo.auth;

import static it.tavolo.http.Api.call;
import static it.tavolo.http.Api.error;
import static it.tavolo.http.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Login, refresh rotation, replay detection, logout, login rate limit: over real HTTP. */
class SessionsTest {

  private static HttpResponse<String> login(String email, String password) {
    return call("POST", "/api/auth/login", null, new JsonObject().put("email", email).put("password", password).encode());
  }

  private static HttpResponse<String> refresh(String refreshToken) {
    return call("POST", "/api/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken).encode());
  }

  private static HttpResponse<String> me(String token) {
    return call("GET", "/api/me", token, null);
  }

  @Test
  void loginReturnsATokenTheUserAndARefreshToken() {
    JsonObject r = ok(login("  PA@demo.tavolo ", "demo"), 200);
    assertEquals("Bearer", r.getString("tokenType"));
    assertTrue(r.getLong("expiresIn") > 0);
    assertEquals(43, r.getString("refreshToken").length());
    JsonObject user = r.getJsonObject("user");
    assertEquals(DemoSeed.PA_MEMBER.id().toString(), user.getString("id"));
    assertEquals("pa@demo.tavolo", user.getString("email"));
    assertEquals(DemoSeed.SDS.name(), user.getJsonObject("organisation").getString("name"));
    assertTrue(!user.containsKey("passwordHash") && !r.encode().contains("$2a$"), "never the hash");
    assertEquals(DemoSeed.PA_MEMBER.email(), ok(me(r.getString("token")), 200).getString("email"));
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    JsonObject wrong = error(login(DemoSeed.ETS2.email(), "wrong-password"), 401, "bad_credentials");
    JsonObject unknown = error(login(Api.uniqueEmail("nobody"), "whatever-password"), 401, "bad_credentials");
    assertEquals(wrong, unknown);
    error(call("POST", "/api/auth/login", null, "{\"email\":\"x@y.it\"}"), 400, "invalid_input");
    error(call("POST", "/api/auth/login", null, "not json"), 400, "bad_json");
  }

  @Test
  void refreshRotatesAndTheOldRefreshTokenStopsWorking() {
    JsonObject first = Api.loginJson(DemoSeed.ETS2.email(), "demo");
    JsonObject second = ok(refresh(first.getString("refreshToken")), 200);
    assertNotEquals(first.getString("refreshToken"), second.getString("refreshToken"));
    assertNotEquals(first.getString("token"), second.getString("token"));
    assertEquals(200, me(second.getString("token")).statusCode());

    JsonObject third = ok(refresh(second.getString("refreshToken")), 200);
    error(refresh(second.getString("refreshToken")), 401, "invalid_refresh_token");
    // the replay of a used token means it leaked: the whole session is gone
    error(refresh(third.getString("refreshToken")), 401, "invalid_refresh_token");
    error(me(third.getString("token")), 401, "token_revoked");
    error(me(first.getString("token")), 401, "token_revoked");
  }

  @Test
  void refreshRefusesGarbage() {
    error(refresh("x".repeat(43)), 401, "invalid_refresh_token");
    error(refresh("short"), 401, "invalid_refresh_token");
    error(call("POST", "/api/auth/refresh", null, "{}"), 400, "invalid_input");
  }

  @Test
  void logoutRevokesTheSessionsAccessTokensAndRefreshTokenOnly() {
    JsonObject session = Api.loginJson(DemoSeed.ETS2.email(), "demo");
    JsonObject refreshed = ok(refresh(session.getString("refreshToken")), 200);
    String other = Api.login(DemoSeed.ETS2.email());

    assertEquals(204, call("POST", "/api/auth/logout", refreshed.getString("token"), null).statusCode());
    error(me(refreshed.getString("token")), 401, "token_revoked");
    error(me(session.getString("token")), 401, "token_revoked"); // older token of the same session
    error(refresh(refreshed.getString("refreshToken")), 401, "invalid_refresh_token");
    error(call("POST", "/api/auth/logout", refreshed.getString("token"), null), 401, "token_revoked");
    assertEquals(200, me(other).statusCode(), "another login of the same user is not affected");
  }

  @Test
  void tenFailedLoginsPerEmailAndIpThenRateLimited() {
    String email = Api.uniqueEmail("brute");
    for (int i = 0; i < 10; i++) error(login(email, "guess-" + i), 401, "bad_credentials");
    HttpResponse<String> limited = login(email, "guess-10");
    error(limited, 429, "rate_limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    error(login(Api.uniqueEmail("other"), "guess"), 401, "bad_credentials"); // other emails are not blocked
  }
}
