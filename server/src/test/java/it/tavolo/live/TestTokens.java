package it.tavolo.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.demo.DemoSeed;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Hand-made JWTs in the accounts layer's claim format, for the refusals a login never
 * produces: expired, signed with another key, {@code alg: none}, or valid only seconds.
 */
final class TestTokens {
  /** TestServer's signing secret. */
  static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

  private TestTokens() {
  }

  static String forAccount(DemoSeed.Account a, long expiresInSeconds, String alg, String secret) {
    return forAccountUntil(a, Instant.now().getEpochSecond() + expiresInSeconds, alg, secret);
  }

  /** A valid token that expires at {@code exp} (epoch seconds), so that several can end together. */
  static String validUntil(DemoSeed.Account a, long exp) {
    return forAccountUntil(a, exp, "HS256", SECRET);
  }

  private static String forAccountUntil(DemoSeed.Account a, long exp, String alg, String secret) {
    long now = Instant.now().getEpochSecond();
    ObjectNode header = LiveClient.JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
    ObjectNode claims = LiveClient.JSON.createObjectNode()
        .put("sub", a.id().toString()).put("jti", UUID.randomUUID().toString())
        .put("sid", UUID.randomUUID().toString()).put("iat", now - 60).put("exp", exp)
        .put("iss", "tavolo").put("email", a.email()).put("name", a.displayName())
        .put("org", a.organisation().id().toString()).put("orgName", a.organisation().name())
        .put("side", a.organisation().side());
    String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
    if (secret == null) {
      return signingInput + ".";
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String valid(DemoSeed.Account a, long expiresInSeconds) {
    return forAccount(a, expiresInSeconds, "HS256", SECRET);
  }

  static String expired(DemoSeed.Account a) {
    return forAccount(a, -10, "HS256", SECRET);
  }

  static String wrongKey(DemoSeed.Account a) {
    return forAccount(a, 600, "HS256", "another-secret-another-secret-another-secret-42");
  }

  static String algNone(DemoSeed.Account a) {
    return forAccount(a, 600, "none", null);
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
