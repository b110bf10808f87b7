package it.tavolo.auth;

import it.tavolo.core.Refusal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import it.tavolo.db.Account;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues and verifies access tokens: JWT, HS256 only, signed and checked by vertx-auth-jwt.
 *
 * <p>vertx-auth-jwt checks the signature (and refuses {@code alg: none}, since a key is
 * configured); we check the header's {@code alg} before it, and the times after it
 * ourselves, so each failure gets its own stable code. Revocation is an in-memory lookup.
 */
public final class Tokens {
  static final String ISSUER = "tavolo";
  private static final String ALG = "HS256";
  /** Tolerated clock difference between server processes for iat/nbf (not for exp). */
  private static final long SKEW_SECONDS = 5;
  /**
   * Slack on top of the configured lifetime: a token whose exp is further than ttl + this after
   * its iat was not made by this configuration (a forged or leaked long-lived token).
   */
  static final long LIFETIME_SLACK_SECONDS = 60;
  private static final int MAX_TOKEN_LENGTH = 8192;

  private final JWTAuth jwt;
  private final Duration ttl;
  private final Revocations revocations;
  private final Future<Void> revocationsLoaded;

  /** {@code revocationsLoaded}: no token is accepted before the revocation list is known. */
  public Tokens(Vertx vertx, String secret, Duration ttl, Revocations revocations, Future<Void> revocationsLoaded) {
    this.ttl = ttl;
    this.revocations = revocations;
    this.revocationsLoaded = revocationsLoaded;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALG).setBuffer(secret))
        // times are checked below, with distinct codes
        .setJWTOptions(new JWTOptions().setAlgorithm(ALG).setIssuer(ISSUER).setIgnoreExpiration(true)));
  }

  /** A freshly signed access token, valid {@code lifetimeSeconds} from its issue. */
  public record Issued(String token, UUID jti, Instant expiresAt, long lifetimeSeconds) {}

  public Issued issue(Account a, UUID sessionId) {
    long now = Instant.now().getEpochSecond();
    UUID jti = UUID.randomUUID();
    Instant exp = Instant.ofEpochSecond(now + ttl.toSeconds());
    JsonObject claims = new JsonObject()
        .put("sub", a.userId().toString()).put("jti", jti.toString()).put("sid", sessionId.toString())
        .put("iat", now).put("exp", exp.getEpochSecond())
        .put("email", a.email()).put("name", a.name())
        .put("org", a.organisation().id().toString()).put("orgName", a.organisation().name())
        .put("side", a.organisation().side());
    String token = jwt.generateToken(claims, new JWTOptions().setAlgorithm(ALG).setIssuer(ISSUER));
    return new Issued(token, jti, exp, ttl.toSeconds());
  }

  public Duration ttl() { return ttl; }

  /**
   * Verifies a bearer token. Fails with a {@link Refusal} coded {@code unauthorized}
   * (missing, malformed, wrong algorithm or signature, missing claims, a lifetime
   * ({@code exp - iat}) longer than the configured one plus {@value #LIFETIME_SLACK_SECONDS} s), {@code token_expired},
   * {@code token_not_yet_valid} or {@code token_revoked}.
   */
  public Future<Principal> verify(String token) {
    if (token == null || token.isBlank()) return Future.failedFuture(Refusal.unauthorized("An access token is required."));
    if (token.length() > MAX_TOKEN_LENGTH) return Future.failedFuture(Refusal.unauthorized("The access token is too long."));
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) return Future.failedFuture(Refusal.unauthorized("The access token is not a signed JWT."));
    JsonObject header = decodeSegment(parts[0]);
    if (header == null || !ALG.equals(header.getValue("alg"))) {
      return Future.failedFuture(Refusal.unauthorized("The access token is not signed with the accepted algorithm."));
    }
    return revocationsLoaded.compose(x -> jwt.authenticate(new TokenCredentials(token)))
        .recover(e -> Future.failedFuture(Refusal.unauthorized("The access token's signature or issuer is invalid.")))
        .compose(user -> {
          // the signature covers this segment, so decoding it ourselves is safe
          JsonObject claims = decodeSegment(parts[1]);
          try {
            Principal p = principal(claims);
            return Future.succeededFuture(p);
          } catch (Refusal r) {
            return Future.failedFuture(r);
          }
        });
  }

  /** vertx-auth-jwt's verdict alone, without our header and claim checks (for tests of its configuration). */
  Future<?> signatureCheckOnly(String token) {
    return jwt.authenticate(new TokenCredentials(token));
  }

  private Principal principal(JsonObject c) {
    if (c == null) throw Refusal.unauthorized("The access token's claims are unreadable.");
    long now = Instant.now().getEpochSecond();
    long exp = number(c, "exp");
    if (now >= exp) throw Refusal.tokenExpired();
    if (c.getValue("nbf") != null && number(c, "nbf") > now + SKEW_SECONDS) throw Refusal.tokenNotYetValid();
    long iat = number(c, "iat"); // no iat: unauthorized, its lifetime cannot be known
    if (iat > now + SKEW_SECONDS) throw Refusal.tokenNotYetValid();
    if (exp - iat > ttl.toSeconds() + LIFETIME_SLACK_SECONDS) {
      throw Refusal.unauthorized("The access token lives longer than this server issues them.");
    }
    Principal p = new Principal(uuid(c, "sub"), text(c, "email"), text(c, "name"), uuid(c, "org"),
        text(c, "orgName"), text(c, "side"), uuid(c, "jti"), uuid(c, "sid"), Instant.ofEpochSecond(exp));
    if (revocations.isRevoked(p.jti(), p.sessionId())) throw Refusal.tokenRevoked();
    return p;
  }

  private static long number(JsonObject c, String claim) {
    if (c.getValue(claim) instanceof Number n) return n.longValue();
    throw Refusal.unauthorized("The access token has no valid '" + claim + "' claim.");
  }

  private static String text(JsonObject c, String claim) {
    if (c.getValue(claim) instanceof String s && !s.isEmpty()) return s;
    throw Refusal.unauthorized("The access token has no valid '" + claim + "' claim.");
  }

  private static UUID uuid(JsonObject c, String claim) {
    try {
      return UUID.fromString(text(c, claim));
    } catch (IllegalArgumentException e) {
      throw Refusal.unauthorized("The access token has no valid '" + claim + "' claim.");
    }
  }

  private static JsonObject decodeSegment(String segment) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }
}
