package it.tavolo.auth;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the accounts layer.
 *
 * @param jwtSecret              HS256 key, at least 32 characters
 * @param accessTtl              life of an access token (short: revocation is the exception)
 * @param refreshTtl             life of a refresh token; each refresh gets a new one
 * @param invitationTtl          default life of an invitation link
 * @param loginFailuresPerMinute failed logins allowed per email and IP in a minute
 * @param loginFailuresPerAccount failed logins allowed per account (email) in a minute, from all
 *                               addresses together ({@code TAVOLO_LOGIN_FAILURES_PER_ACCOUNT})
 * @param loginFailuresPerAddress failed logins allowed per client address in a minute, for all
 *                               accounts together ({@code TAVOLO_LOGIN_FAILURES_PER_ADDRESS})
 * @param tavoliPerUser          tavoli one user may open ({@code TAVOLO_MAX_TAVOLI_PER_USER})
 */
public record AuthSettings(String jwtSecret, Duration accessTtl, Duration refreshTtl, Duration invitationTtl,
                           int loginFailuresPerMinute, int loginFailuresPerAccount, int loginFailuresPerAddress,
                           int tavoliPerUser) {

  public static final Duration MAX_INVITATION_TTL = Duration.ofDays(30);
  public static final int DEFAULT_FAILURES_PER_ACCOUNT = 30;
  public static final int DEFAULT_FAILURES_PER_ADDRESS = 100;
  public static final int DEFAULT_TAVOLI_PER_USER = 200;

  public AuthSettings {
    if (jwtSecret == null || jwtSecret.length() < 32) {
      throw new IllegalArgumentException("the JWT secret must have at least 32 characters");
    }
    if (accessTtl.isNegative() || accessTtl.isZero() || refreshTtl.compareTo(accessTtl) < 0) {
      throw new IllegalArgumentException("token lifetimes must be positive, refresh ≥ access");
    }
  }

  public static AuthSettings defaults(String jwtSecret) {
    return new AuthSettings(jwtSecret, Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofDays(7), 10,
        DEFAULT_FAILURES_PER_ACCOUNT, DEFAULT_FAILURES_PER_ADDRESS, DEFAULT_TAVOLI_PER_USER);
  }

  /** These settings with the limits the environment sets ({@code TAVOLO_LOGIN_*}, {@code TAVOLO_MAX_TAVOLI_PER_USER}). */
  public AuthSettings withLimitsFrom(Map<String, String> env) {
    return new AuthSettings(jwtSecret, accessTtl, refreshTtl, invitationTtl, loginFailuresPerMinute,
        positive(env, "TAVOLO_LOGIN_FAILURES_PER_ACCOUNT", loginFailuresPerAccount),
        positive(env, "TAVOLO_LOGIN_FAILURES_PER_ADDRESS", loginFailuresPerAddress),
        positive(env, "TAVOLO_MAX_TAVOLI_PER_USER", tavoliPerUser));
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(name + " must be a whole number of at least 1, not '" + v + "'");
  }
}
