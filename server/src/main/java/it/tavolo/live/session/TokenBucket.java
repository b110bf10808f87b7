package it.tavolo.live.session;

/**
 * A per-connection rate limit: {@code burst} tokens, refilled at {@code perSecond}. Touched
 * only on the connection's own context, so it needs no locking.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  TokenBucket(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
