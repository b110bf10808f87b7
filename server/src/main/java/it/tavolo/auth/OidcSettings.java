package it.tavolo.auth;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * An external OpenID Connect provider whose ID tokens are traded for a Tavolo session (a PA's
 * SPID/CIE gateway): its JWKS URL, the issuer its tokens must name, the audience (our client
 * id) they must be for, and the claim holding the email that names a Tavolo account.
 *
 * <p>Read from {@code TAVOLO_OIDC_JWKS_URL}, {@code TAVOLO_OIDC_ISSUER},
 * {@code TAVOLO_OIDC_AUDIENCE}, {@code TAVOLO_OIDC_EMAIL_CLAIM} (default {@code email}) and
 * {@code TAVOLO_OIDC_REFETCH_SECONDS} (default 30: how soon a token with an unknown key id
 * may make the server read the provider's keys again).
 */
public record OidcSettings(URI jwksUrl, String issuer, String audience, String emailClaim,
                           java.time.Duration refetchGap) {

  /** Empty when no provider is configured; a half configuration is an error, not a silent off. */
  public static Optional<OidcSettings> from(Map<String, String> env) {
    String jwks = blankToNull(env.get("TAVOLO_OIDC_JWKS_URL"));
    String issuer = blankToNull(env.get("TAVOLO_OIDC_ISSUER"));
    String audience = blankToNull(env.get("TAVOLO_OIDC_AUDIENCE"));
    if (jwks == null && issuer == null && audience == null) {
      return Optional.empty();
    }
    if (jwks == null || issuer == null || audience == null) {
      throw new IllegalArgumentException(
          "TAVOLO_OIDC_JWKS_URL, TAVOLO_OIDC_ISSUER and TAVOLO_OIDC_AUDIENCE go together: set all three or none");
    }
    URI url = URI.create(jwks);
    boolean local = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost());
    if (!"https".equals(url.getScheme()) && !(local && "http".equals(url.getScheme()))) {
      // the keys decide who may log in: they must not travel in the clear
      throw new IllegalArgumentException("TAVOLO_OIDC_JWKS_URL must be https (http only on localhost)");
    }
    String claim = blankToNull(env.get("TAVOLO_OIDC_EMAIL_CLAIM"));
    String refetch = blankToNull(env.get("TAVOLO_OIDC_REFETCH_SECONDS"));
    long gap = refetch == null ? 30 : Long.parseLong(refetch);
    if (gap < 0) {
      throw new IllegalArgumentException("TAVOLO_OIDC_REFETCH_SECONDS must not be negative");
    }
    return Optional.of(new OidcSettings(url, issuer, audience, claim == null ? "email" : claim,
        java.time.Duration.ofSeconds(gap)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
