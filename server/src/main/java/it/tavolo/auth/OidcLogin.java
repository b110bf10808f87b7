package it.tavolo.auth;

import it.tavolo.core.Refusal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import it.tavolo.db.UserStore;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Trades an ID token of the configured OpenID Connect provider (a PA's SPID/CIE gateway) for
 * a Tavolo session, as a password login would. The provider proves who the person is; the
 * token's email must name an existing Tavolo account (people join by invitation, so nobody
 * enters a tavolo just by having an identity). After that, the session is an ordinary one:
 * refresh, logout and revocation work unchanged.
 *
 * <p>vertx-auth-jwt checks the signature against the provider's JWKS, the issuer, the
 * audience and the times (60 s leeway); before it we accept only asymmetric algorithms
 * (never {@code none}, never HMAC with a public key as secret) and a {@code kid}.
 */
public final class OidcLogin {
  private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");
  private static final int MAX_TOKEN_CHARS = 16_384;
  private static final int MAX_JWKS_BYTES = 256 * 1024;
  /** Keys are read again after this long, and for an unknown kid (see OidcSettings.refetchGap). */
  private static final long KEYS_FRESH_NANOS = Duration.ofMinutes(10).toNanos();

  private record Keys(JWTAuth jwt, Set<String> kids, long fetchedAt) {}

  private final Vertx vertx;
  private final OidcSettings settings;
  private final UserStore users;
  private final Sessions sessions;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile Keys keys;
  private Future<Keys> fetching;

  public OidcLogin(Vertx vertx, OidcSettings settings, UserStore users, Sessions sessions) {
    this.vertx = vertx;
    this.settings = settings;
    this.users = users;
    this.sessions = sessions;
  }

  public Future<Sessions.Session> login(String idToken) {
    if (idToken == null || idToken.isBlank() || idToken.length() > MAX_TOKEN_CHARS) {
      return Future.failedFuture(Refusal.unauthorized("An identity token ('idToken') is required."));
    }
    String[] parts = idToken.split("\\.", -1);
    JsonObject header = parts.length == 3 && !parts[2].isEmpty() ? segment(parts[0]) : null;
    if (header == null || !(header.getValue("alg") instanceof String alg) || !ALGORITHMS.contains(alg)
        || !(header.getValue("kid") instanceof String kid) || kid.isEmpty()) {
      return Future.failedFuture(Refusal.unauthorized(
          "The identity token is not signed with an accepted algorithm (RS256 or ES256, with a kid)."));
    }
    return keysFor(kid)
        // the provider not answering is not the person's fault: try again, not "bad token"
        .recover(e -> Future.failedFuture(new Refusal(503, "unavailable",
            "The identity provider's keys cannot be read now: try again shortly.")))
        .compose(k -> k.jwt().authenticate(new TokenCredentials(idToken))
            .recover(e -> Future.failedFuture(Refusal.unauthorized(
                "The identity token's signature, issuer, audience or validity is not accepted."))))
        .compose(user -> {
          JsonObject claims = segment(parts[1]); // covered by the signature just checked
          if (claims == null || !(claims.getValue("exp") instanceof Number)) {
            return Future.failedFuture(Refusal.unauthorized("The identity token has no expiry."));
          }
          if (Boolean.FALSE.equals(claims.getValue("email_verified"))) {
            return Future.failedFuture(Refusal.unauthorized("The provider has not verified this email."));
          }
          if (!(claims.getValue(settings.emailClaim()) instanceof String email) || email.isBlank()) {
            return Future.failedFuture(Refusal.unauthorized(
                "The identity token has no '" + settings.emailClaim() + "' claim."));
          }
          String normalised;
          try {
            // the same rule as at registration: a lookalike claim can name no account
            normalised = AccountRules.normaliseEmail(email);
          } catch (Refusal r) {
            return Future.failedFuture(r);
          }
          return users.findByEmail(normalised).compose(account -> account.isEmpty()
              ? Future.failedFuture(new Refusal(401, "unknown_account",
                  "No Tavolo account has this email: ask the tavolo's coordinator for an invitation."))
              : sessions.open(account.get()));
        });
  }

  private Future<Keys> keysFor(String kid) {
    Keys k = keys;
    long age = k == null ? Long.MAX_VALUE : System.nanoTime() - k.fetchedAt();
    // an unknown kid is a rotation, or a forgery: read the keys again, but not so often that
    // forged kids make us hammer the provider
    long gap = settings.refetchGap().toNanos();
    if (k != null && (k.kids().contains(kid) ? age < KEYS_FRESH_NANOS : age < gap)) {
      return Future.succeededFuture(k);
    }
    // a provider that does not answer leaves the keys we have in use
    return fetch().recover(e -> k != null ? Future.succeededFuture(k) : Future.failedFuture(e));
  }

  private synchronized Future<Keys> fetch() {
    if (fetching == null) {
      fetching = vertx.executeBlocking(this::download, false)
          .map(this::keysOf)
          .onSuccess(k -> keys = k)
          .onComplete(ar -> {
            synchronized (this) {
              fetching = null;
            }
          });
    }
    return fetching;
  }

  private JsonObject download() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(settings.jwksUrl())
        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      byte[] body = in.readNBytes(MAX_JWKS_BYTES + 1);
      if (r.statusCode() != 200 || body.length > MAX_JWKS_BYTES) {
        throw new IllegalStateException("the provider's JWKS answered " + r.statusCode() + " (" + body.length + " bytes)");
      }
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }
  }

  private Keys keysOf(JsonObject jwks) {
    List<JsonObject> usable = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    JsonArray all = jwks.getJsonArray("keys", new JsonArray());
    for (Object o : all) {
      if (!(o instanceof JsonObject key) || !(key.getValue("kid") instanceof String kid)) continue;
      if (key.getValue("use") != null && !"sig".equals(key.getValue("use"))) continue;
      String kty = key.getString("kty", "");
      String alg = key.getString("alg", "RSA".equals(kty) ? "RS256" : "EC".equals(kty) ? "ES256" : "");
      if (!ALGORITHMS.contains(alg)) continue;
      usable.add(key.copy().put("alg", alg));
      kids.add(kid);
    }
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(usable).setJWTOptions(new JWTOptions()
        .setIssuer(settings.issuer()).addAudience(settings.audience()).setLeeway(60)));
    return new Keys(jwt, Set.copyOf(kids), System.nanoTime());
  }

  private static JsonObject segment(String s) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
