package it.tavolo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PA logs its people in through an OpenID Connect gateway (SPID/CIE): the gateway's ID
 * token, checked against its published keys, is traded for an ordinary Tavolo session; any
 * token the gateway did not sign for us, now, for an existing account, is refused.
 */
class OidcLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUER = "https://spid-gateway.example.it";
  private static final String AUDIENCE = "tavolo-sds-pistoiese";

  private static HttpServer provider;
  private static volatile String jwks;
  private static KeyPair k1;
  private static KeyPair k2;
  private static App app;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    k1 = g.generateKeyPair();
    k2 = g.generateKeyPair();
    jwks = "{\"keys\":[" + jwk("k1", k1) + "]}";
    provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext("/jwks", ex -> {
      byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    provider.start();
    app = TestServer.startDemoAppWith(Map.of(
        "TAVOLO_OIDC_JWKS_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks",
        "TAVOLO_OIDC_ISSUER", ISSUER,
        "TAVOLO_OIDC_AUDIENCE", AUDIENCE,
        "TAVOLO_OIDC_REFETCH_SECONDS", "0"));
  }

  @AfterAll
  static void stop() {
    app.stop();
    provider.stop(0);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String unsigned(BigInteger n) {
    byte[] b = n.toByteArray();
    return b64(b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b);
  }

  private static String jwk(String kid, KeyPair k) {
    RSAPublicKey pub = (RSAPublicKey) k.getPublic();
    return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
        + unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}";
  }

  /** Claims the gateway would send for {@code email}, valid for 5 minutes from now. */
  private static ObjectNode claims(String email) {
    long now = Instant.now().getEpochSecond();
    ObjectNode c = JSON.createObjectNode();
    c.put("iss", ISSUER).put("aud", AUDIENCE).put("sub", "SPID-TINIT-" + email.hashCode())
        .put("email", email).put("email_verified", true).put("iat", now).put("exp", now + 300);
    return c;
  }

  private static String token(String alg, String kid, ObjectNode claims, KeyPair signer) throws Exception {
    ObjectNode h = JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
    if (kid != null) {
      h.put("kid", kid);
    }
    String input = b64(JSON.writeValueAsBytes(h)) + "." + b64(JSON.writeValueAsBytes(claims));
    byte[] sig;
    if (alg.equals("none")) {
      sig = new byte[0];
    } else if (alg.equals("HS256")) {
      // the classic confusion: the provider's public key used as an HMAC secret
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signer.getPublic().getEncoded(), "HmacSHA256"));
      sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } else {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(signer.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      sig = s.sign();
    }
    return input + "." + b64(sig);
  }

  private static HttpResponse<String> trade(String idToken) {
    return TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/auth/oidc"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"idToken\":\"" + idToken + "\"}")).build());
  }

  private static void refused(String why, String idToken, String code) throws Exception {
    HttpResponse<String> r = trade(idToken);
    assertEquals(401, r.statusCode(), why + ": " + r.body());
    assertEquals(code, JSON.readTree(r.body()).path("code").asText(), why);
  }

  @Test
  void aGatewayTokenForAnAccountOpensAnOrdinarySession() throws Exception {
    HttpResponse<String> r = trade(token("RS256", "k1", claims(DemoSeed.ETS1.email()), k1));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode session = JSON.readTree(r.body());
    assertEquals(DemoSeed.ETS1.id().toString(), session.path("user").path("id").asText());
    HttpResponse<String> tavoli = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.port() + "/api/tavoli"))
        .header("Authorization", "Bearer " + session.path("token").asText()).build());
    assertEquals(200, tavoli.statusCode());
    assertEquals(DemoSeed.TAVOLO_ID.toString(), JSON.readTree(tavoli.body()).path(0).path("id").asText());
    // the email is matched whatever its case
    assertEquals(200, trade(token("RS256", "k1", claims(DemoSeed.ETS1.email().toUpperCase()), k1)).statusCode());
  }

  @Test
  void aKeyTheGatewayRotatedInIsFetchedWhenItsTokensArrive() throws Exception {
    refused("a kid the gateway does not publish", token("RS256", "k2", claims(DemoSeed.PA_MEMBER.email()), k2),
        "unauthorized");
    jwks = "{\"keys\":[" + jwk("k1", k1) + "," + jwk("k2", k2) + "]}";
    HttpResponse<String> r = trade(token("RS256", "k2", claims(DemoSeed.PA_MEMBER.email()), k2));
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void everyTokenTheGatewayDidNotSignForUsNowForAnAccountIsRefused() throws Exception {
    String email = DemoSeed.COORDINATOR.email();
    long now = Instant.now().getEpochSecond();
    refused("signed by another key under the gateway's kid", token("RS256", "k1", claims(email), k2), "unauthorized");
    refused("alg none", token("none", "k1", claims(email), k1), "unauthorized");
    refused("HS256 keyed with the public key", token("HS256", "k1", claims(email), k1), "unauthorized");
    refused("no kid", token("RS256", null, claims(email), k1), "unauthorized");
    refused("another issuer", token("RS256", "k1", claims(email).put("iss", "https://altro.example.it"), k1), "unauthorized");
    refused("another audience", token("RS256", "k1", claims(email).put("aud", "altra-app"), k1), "unauthorized");
    refused("expired", token("RS256", "k1", claims(email).put("iat", now - 900).put("exp", now - 600), k1), "unauthorized");
    refused("not yet valid", token("RS256", "k1", claims(email).put("nbf", now + 3600), k1), "unauthorized");
    refused("an email the gateway has not verified", token("RS256", "k1", claims(email).put("email_verified", false), k1),
        "unauthorized");
    refused("an identity without a Tavolo account", token("RS256", "k1", claims("nessuno@comune.example.it"), k1),
        "unknown_account");
    // a lookalike of an account's address (a zero-width space after it) names no account
    HttpResponse<String> lookalike = trade(token("RS256", "k1", claims(email + "\u200b"), k1));
    assertEquals(400, lookalike.statusCode(), lookalike.body());
    assertEquals("bad_email", JSON.readTree(lookalike.body()).path("code").asText());
    refused("no token", "", "unauthorized");
  }

  @Test
  void aGatewayWhoseKeysCannotBeReadIsUnavailableNotABadToken() throws Exception {
    App other = TestServer.startDemoAppWith(Map.of(
        "TAVOLO_OIDC_JWKS_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/missing",
        "TAVOLO_OIDC_ISSUER", ISSUER, "TAVOLO_OIDC_AUDIENCE", AUDIENCE));
    try {
      HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + other.port() + "/api/auth/oidc"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"idToken\":\""
              + token("RS256", "k1", claims(DemoSeed.ETS1.email()), k1) + "\"}")).build());
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("unavailable", JSON.readTree(r.body()).path("code").asText());
    } finally {
      other.stop();
    }
    refused("not a JWT", "abc", "unauthorized");
  }
}
