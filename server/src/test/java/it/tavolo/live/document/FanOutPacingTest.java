package it.tavolo.live.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fan-out's interval widens while its event loop runs late, and only then (issue 21). */
class FanOutPacingTest {
  private static final long MS = 1_000_000L;

  private static FanOut pacedEvery20ms() {
    // every() and late() read only the interval and the lateness: no context, loop or connections needed
    return new FanOut(null, null, Duration.ofMillis(20), new Connections(), () -> false);
  }

  @Test
  void keepsTheConfiguredIntervalWhenTimersRunOnTime() {
    FanOut f = pacedEvery20ms();
    for (int i = 0; i < 100; i++) {
      f.late(0);
    }
    assertEquals(20 * MS, f.every());
  }

  @Test
  void widensByTheSmoothedLatenessOfItsTimers() {
    FanOut f = pacedEvery20ms();
    for (int i = 0; i < 200; i++) {
      f.late(40 * MS);
    }
    // the smoothed lateness converges on 40 ms: 20 + 40
    assertEquals(60, Math.round(f.every() / (double) MS));
  }

  @Test
  void neverWidensBeyondFiveTimesTheConfiguredInterval() {
    FanOut f = pacedEvery20ms();
    for (int i = 0; i < 200; i++) {
      f.late(2_000 * MS);
    }
    assertEquals(FanOut.MAX_WIDENING * 20 * MS, f.every());
  }

  @Test
  void narrowsAgainOnceTheLoopCatchesUp() {
    FanOut f = pacedEvery20ms();
    for (int i = 0; i < 200; i++) {
      f.late(200 * MS);
    }
    for (int i = 0; i < 100; i++) {
      f.late(0);
    }
    assertEquals(20, Math.round(f.every() / (double) MS));
  }

  @Test
  void anIntervalOfZeroStaysZero() {
    FanOut f = new FanOut(null, null, Duration.ZERO, new Connections(), () -> false);
    f.late(100 * MS);
    assertEquals(0, f.every());
  }
}
