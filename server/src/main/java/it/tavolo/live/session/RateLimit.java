package it.tavolo.live.session;

import it.tavolo.live.LiveSettings;

/**
 * A connection's message rate: a token bucket ({@code TAVOLO_WS_RATE_*}); a message over it is
 * dropped, and {@code rateStrikes} drops in a row close the connection. Touched only on the
 * connection's context.
 */
final class RateLimit {
  enum Verdict { PASS, DROP, CLOSE }

  private final TokenBucket bucket;
  private final int maxStrikes;
  private int strikes;

  RateLimit(LiveSettings settings) {
    this.bucket = new TokenBucket(settings.ratePerSecond(), settings.rateBurst(), System.nanoTime());
    this.maxStrikes = settings.rateStrikes();
  }

  Verdict take(long nowNanos) {
    if (!bucket.tryTake(nowNanos)) {
      return ++strikes >= maxStrikes ? Verdict.CLOSE : Verdict.DROP;
    }
    strikes = 0;
    return Verdict.PASS;
  }
}
