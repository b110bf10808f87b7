package it.tavolo.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes. Deliberately slow (tens of milliseconds): call from a worker thread
 * ({@code vertx.executeBlocking}), never from an event loop.
 */
public final class Passwords {
  /** OWASP's minimum for bcrypt; about 60 ms here. Raising it later is safe: old hashes keep their cost. */
  public static final int COST = 10;
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  // bcrypt reads only 72 bytes: longer passwords are pre-hashed with SHA-512 instead of truncated.
  private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(VERSION);
  private static final BCrypt.Hasher HASHER = BCrypt.with(VERSION, LONG);
  private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(VERSION, LONG);
  // Verified against when the account does not exist, so that answer takes as long as a wrong password.
  private static final String DUMMY_HASH = hash("tavolo-no-such-account");

  private Passwords() {}

  public static String hash(String password) {
    return HASHER.hashToString(COST, password.toCharArray());
  }

  /**
   * True when {@code password} matches {@code hash}. Pass a null hash for an account that does not
   * exist: the answer is false but takes as long as for a wrong password (no account probing).
   */
  public static boolean verify(String password, String hash) {
    if (password == null) {
      return false;
    }
    if (hash == null) {
      VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8), DUMMY_HASH.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    try {
      return VERIFYER.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
