package it.tavolo.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per key in a sliding minute: (email, client IP), an account alone or
 * an address alone (Sessions keeps one limiter of each). Once the limit is
 * reached every attempt for that key is refused until the oldest failure is a minute old,
 * correct password or not, so guessing costs a minute per {@code limit} guesses. Per
 * process: with several processes an attacker gets {@code limit} per process.
 */
public final class LoginRateLimiter {
  private static final long WINDOW_NANOS = 60_000_000_000L;
  /** Bound on memory under a spray of distinct keys: beyond it, stale keys are dropped. */
  private static final int MAX_KEYS = 100_000;

  private final int limit;
  private final LongSupplier nanoClock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(int limit) { this(limit, System::nanoTime); }

  LoginRateLimiter(int limit, LongSupplier nanoClock) {
    this.limit = limit;
    this.nanoClock = nanoClock;
  }

  public static String key(String email, String ip) { return email + "|" + ip; }

  /** Seconds until an attempt is allowed again; 0 when it is allowed now. */
  public long retryAfterSeconds(String key) {
    Deque<Long> d = failures.get(key);
    if (d == null) return 0;
    synchronized (d) {
      long now = nanoClock.getAsLong();
      prune(d, now);
      if (d.size() < limit) return 0;
      return Math.max(1, (d.peekFirst() + WINDOW_NANOS - now + 999_999_999L) / 1_000_000_000L);
    }
  }

  public void failed(String key) {
    if (failures.size() > MAX_KEYS) sweep();
    Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(nanoClock.getAsLong());
      while (d.size() > limit) d.removeFirst();
    }
  }

  public void succeeded(String key) {
    failures.remove(key);
  }

  private void sweep() {
    long now = nanoClock.getAsLong();
    failures.values().removeIf(d -> {
      synchronized (d) {
        prune(d, now);
        return d.isEmpty();
      }
    });
  }

  private static void prune(Deque<Long> d, long now) {
    while (!d.isEmpty() && now - d.peekFirst() >= WINDOW_NANOS) d.removeFirst();
  }
}
