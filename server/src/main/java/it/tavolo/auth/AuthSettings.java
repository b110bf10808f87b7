package it.tavolo.auth;

import java.time.Duration;

/**
 * Settings of the accounts layer.
 *
 * @param jwtSecret             HS256 key, at least 32 characters
 * @param accessTtl             life of an access token (short: revocation is the exception)
 * @param refreshTtl            life of a refresh token; each refresh gets a new one
 * @param invitationTtl         default life of an invitation link
 * @param loginFailuresPerMinute failed logins allowed per email and IP in a minute
 */
public record AuthSettings(String jwtSecret, Duration accessTtl, Duration refreshTtl, Duration invitationTtl,
                           int loginFailuresPerMinute) {

  public static final Duration MAX_INVITATION_TTL = Duration.ofDays(30);

  public AuthSettings {
    if (jwtSecret == null || jwtSecret.length() < 32) {
      throw new IllegalArgumentException("the JWT secret must have at least 32 characters");
    }
    if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.compareTo(accessTtl) < 0) {
      throw new IllegalArgumentException("token lifetimes must be positive, refresh ≥ access");
    }
  }

  public static AuthSettings defaults(String jwtSecret) {
    return new AuthSettings(jwtSecret, Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofDays(7), 10);
  }
}
