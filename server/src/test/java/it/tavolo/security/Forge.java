package it.tavolo.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.demo.DemoSeed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens an attacker could present: made by hand in the server's claim format, signed
 * with the right key but the wrong times, with another key, not at all, or a real token with
 * its claims changed after signing. Each attack has the name used in docs/security.md.
 */
final class Forge {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String secret;

  Forge(String secret) {
    this.secret = secret;
  }

  static ObjectNode claims(DemoSeed.Account a, long iatOffset, long expOffset) {
    long now = Instant.now().getEpochSecond();
    return JSON.createObjectNode()
        .put("sub", a.id().toString()).put("jti", UUID.randomUUID().toString())
        .put("sid", UUID.randomUUID().toString()).put("iat", now + iatOffset).put("exp", now + expOffset)
        .put("iss", "tavolo").put("email", a.email()).put("name", a.displayName())
        .put("org", a.organisation().id().toString()).put("orgName", a.organisation().name())
        .put("side", a.organisation().side());
  }

  static String sign(String alg, ObjectNode claims, String key) {
    ObjectNode header = JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
    String input = b64(header.toString()) + "." + b64(claims.toString());
    if (key == null) {
      return input + ".";
    }
    try {
      String mac = switch (alg) {
        case "HS384" -> "HmacSHA384";
        case "HS512" -> "HmacSHA512";
        default -> "HmacSHA256";
      };
      Mac m = Mac.getInstance(mac);
      m.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac));
      return input + "." + B64.encodeToString(m.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real token with its claims edited after signing (the signature no longer matches). */
  static String tampered(String token, Function<ObjectNode, ObjectNode> edit) {
    String[] p = token.split("\\.");
    try {
      ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(p[1]));
      return p[0] + "." + b64(edit.apply(claims).toString()) + "." + p[2];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every bad token, by attack name, built for {@code victim} (whose real, valid token is
   * {@code victimToken}) against the tavolo of {@code coordinator}.
   */
  Map<String, String> attacks(DemoSeed.Account victim, String victimToken, DemoSeed.Account coordinator) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("no token", null);
    a.put("garbage", "not-a-jwt");
    a.put("expired", sign("HS256", claims(victim, -3600, -60), secret));
    a.put("not yet valid (iat)", sign("HS256", claims(victim, 3600, 7200), secret));
    a.put("not yet valid (nbf)", sign("HS256", claims(victim, -60, 3600).put("nbf", Instant.now().getEpochSecond() + 3600), secret));
    a.put("other key", sign("HS256", claims(victim, -60, 3600), "another-secret-another-secret-another-secret-42"));
    a.put("alg none", sign("none", claims(victim, -60, 3600), null));
    a.put("alg HS512", sign("HS512", claims(victim, -60, 3600), secret));
    a.put("other issuer", sign("HS256", claims(victim, -60, 3600).put("iss", "elsewhere"), secret));
    a.put("user changed", tampered(victimToken, c -> c.put("sub", coordinator.id().toString())));
    a.put("role added", tampered(victimToken, c -> c.put("role", "coordinator")));
    return a;
  }
}
