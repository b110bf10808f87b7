package it.tavolo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void blocksAfterTheLimitUntilTheOldestFailureIsAMinuteOld() {
    AtomicLong now = new AtomicLong(0);
    LoginRateLimiter l = new LoginRateLimiter(3, now::get);
    String key = LoginRateLimiter.key("a@b.it", "10.0.0.1");
    for (int i = 0; i < 3; i++) {
      assertEquals(0, l.retryAfterSeconds(key));
      l.failed(key);
      now.addAndGet(10 * SECOND);
    }
    assertEquals(30, l.retryAfterSeconds(key)); // first failure at 0 s, now 30 s
    now.set(60 * SECOND);
    assertEquals(0, l.retryAfterSeconds(key));
    assertEquals(0, l.retryAfterSeconds(LoginRateLimiter.key("a@b.it", "10.0.0.2")));
  }

  @Test
  void aSuccessfulLoginClearsTheKey() {
    AtomicLong now = new AtomicLong(0);
    LoginRateLimiter l = new LoginRateLimiter(2, now::get);
    l.failed("k");
    l.succeeded("k");
    l.failed("k");
    assertEquals(0, l.retryAfterSeconds("k"));
  }
}
