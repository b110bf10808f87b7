package it.tavolo.auth;

import static it.tavolo.http.Api.call;
import static it.tavolo.http.Api.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a token can be wrong is refused with 401 and a stable code, over real HTTP. */
class TokenVerificationTest {
  private static String secret;
  private static String realToken;
  private static JsonObject realClaims;

  @BeforeAll
  static void login() {
    secret = TestServer.app().context().config().jwtSecret();
    realToken = Api.login(DemoSeed.ETS1.email());
    realClaims = JwtForge.part(realToken, 1);
  }

  private static HttpResponse<String> me(String token) {
    return call("GET", "/api/me", token, null);
  }

  @Test
  void acceptsItsOwnTokenAndAHandMadeOneWithTheRightKey() {
    assertEquals(200, me(realToken).statusCode());
    // the positive control: the forge below makes tokens the server accepts, so the refusals
    // in the other tests are due to the one thing each of them changes
    assertEquals(200, me(JwtForge.hs256(realClaims.copy(), secret)).statusCode());
  }

  @Test
  void theTokenCarriesTheClaimsTheUiNeeds() {
    JsonObject header = JwtForge.part(realToken, 0);
    assertEquals("HS256", header.getString("alg"));
    assertEquals(DemoSeed.ETS1.id().toString(), realClaims.getString("sub"));
    assertEquals("ETS", realClaims.getString("side"));
    assertEquals(DemoSeed.COOPERATIVA.id().toString(), realClaims.getString("org"));
    assertEquals("tavolo", realClaims.getString("iss"));
    long ttl = realClaims.getLong("exp") - realClaims.getLong("iat");
    assertEquals(TestServer.app().context().config().jwtTtl().toSeconds(), ttl);
    assertEquals(36, realClaims.getString("jti").length());
    assertEquals(36, realClaims.getString("sid").length());
  }

  @Test
  void refusesAMissingOrMalformedToken() {
    error(me(null), 401, "unauthorized");
    error(me(""), 401, "unauthorized");
    error(me("not-a-jwt"), 401, "unauthorized");
    error(me("a.b.c"), 401, "unauthorized");
    error(TestServer.get("/api/me", "Authorization", "Basic " + realToken), 401, "unauthorized");
    HttpResponse<String> r = me(null);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    String forged = JwtForge.hs256(realClaims.copy(), "another-secret-another-secret-another-secret-42");
    error(me(forged), 401, "unauthorized");
  }

  @Test
  void refusesAlgNoneInEveryShape() {
    String header = JwtForge.b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode());
    String payload = JwtForge.b64(realClaims.encode());
    String realSignature = realToken.split("\\.")[2];
    error(me(header + "." + payload + "."), 401, "unauthorized");
    error(me(header + "." + payload), 401, "unauthorized");
    error(me(header + "." + payload + "." + realSignature), 401, "unauthorized");
    String noneCased = JwtForge.b64(new JsonObject().put("alg", "None").encode());
    error(me(noneCased + "." + payload + "."), 401, "unauthorized");
  }

  @Test
  void refusesOtherAlgorithmsEvenWithTheRightKey() {
    String hs512 = JwtForge.sign(new JsonObject().put("alg", "HS512").put("typ", "JWT"), realClaims.copy(), secret, "HmacSHA512");
    error(me(hs512), 401, "unauthorized");
  }

  @Test
  void refusesATamperedPayload() {
    String[] parts = realToken.split("\\.");
    JsonObject otherUser = realClaims.copy().put("sub", DemoSeed.COORDINATOR.id().toString());
    error(me(parts[0] + "." + JwtForge.b64(otherUser.encode()) + "." + parts[2]), 401, "unauthorized");
    JsonObject withRole = realClaims.copy().put("role", "coordinator");
    error(me(parts[0] + "." + JwtForge.b64(withRole.encode()) + "." + parts[2]), 401, "unauthorized");
    JsonObject longer = realClaims.copy().put("exp", realClaims.getLong("exp") + 86400);
    error(me(parts[0] + "." + JwtForge.b64(longer.encode()) + "." + parts[2]), 401, "unauthorized");
  }

  @Test
  void refusesAnExpiredToken() {
    long now = Instant.now().getEpochSecond();
    JsonObject expired = realClaims.copy().put("iat", now - 1000).put("exp", now - 1);
    error(me(JwtForge.hs256(expired, secret)), 401, "token_expired");
  }

  @Test
  void refusesATokenNotYetValid() {
    long now = Instant.now().getEpochSecond();
    error(me(JwtForge.hs256(realClaims.copy().put("nbf", now + 600), secret)), 401, "token_not_yet_valid");
    error(me(JwtForge.hs256(realClaims.copy().put("iat", now + 600).put("exp", now + 1200), secret)), 401, "token_not_yet_valid");
  }

  @Test
  void refusesARightlySignedTokenWithoutItsClaims() {
    for (String claim : new String[] {"sub", "jti", "sid", "exp", "org", "side"}) {
      JsonObject c = realClaims.copy();
      c.remove(claim);
      error(me(JwtForge.hs256(c, secret)), 401, "unauthorized");
    }
    error(me(JwtForge.hs256(realClaims.copy().put("sub", "not-a-uuid"), secret)), 401, "unauthorized");
    error(me(JwtForge.hs256(realClaims.copy().put("iss", "someone-else"), secret)), 401, "unauthorized");
  }

  @Test
  void everyApiRouteIsBehindTheCheck() {
    for (String[] route : new String[][] {{"GET", "/api/tavoli"}, {"POST", "/api/tavoli"}, {"GET", "/api/organisations"},
        {"GET", "/api/tavoli/" + DemoSeed.TAVOLO_ID + "/members"}, {"POST", "/api/auth/logout"},
        {"POST", "/api/invitations/" + "x".repeat(43) + "/accept"}, {"GET", "/api/no-such-route"}}) {
      error(call(route[0], route[1], null, "{}"), 401, "unauthorized");
    }
  }
}
