package it.tavolo.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Access tokens of the demo accounts, shared by the tests of one JVM. A token is reused for a
 * few minutes only: access tokens expire after 15, and a slow CI machine runs the suite for
 * longer than that, so a token cached for the life of the JVM would expire under later tests.
 */
public final class TokenCache {
  private static final Duration REUSE = Duration.ofMinutes(3);

  private record Entry(String token, long issuedNanos) {}

  private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
  private final Function<String, String> login;

  public TokenCache(Function<String, String> login) {
    this.login = login;
  }

  public String get(String who) {
    return tokens.compute(who, (k, e) ->
        e != null && System.nanoTime() - e.issuedNanos() < REUSE.toNanos() ? e : new Entry(login.apply(k), System.nanoTime()))
        .token();
  }
}
