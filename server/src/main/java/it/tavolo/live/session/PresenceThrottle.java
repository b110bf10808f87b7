package it.tavolo.live.session;

import io.vertx.core.Vertx;
import it.tavolo.live.PresenceState;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A connection's cursor moves, passed on at most once per {@code interval}: the latest one
 * wins, the ones in between are dropped (presence is never queued). Touched only on the
 * connection's context.
 */
final class PresenceThrottle {
  private final Vertx vertx;
  private final Duration interval;
  private final Consumer<PresenceState> send;
  private PresenceState latest;
  private long sentAt;
  private long timer = -1;

  PresenceThrottle(Vertx vertx, Duration interval, Consumer<PresenceState> send) {
    this.vertx = vertx;
    this.interval = interval;
    this.send = send;
  }

  void moved(PresenceState p) {
    latest = p;
    long now = System.nanoTime();
    long every = interval.toNanos();
    if (now - sentAt >= every) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(Math.max(1, (every - (now - sentAt)) / 1_000_000), t -> {
        timer = -1;
        flush();
      });
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void flush() {
    if (latest == null) {
      return;
    }
    sentAt = System.nanoTime();
    PresenceState p = latest;
    latest = null;
    send.accept(p);
  }
}
