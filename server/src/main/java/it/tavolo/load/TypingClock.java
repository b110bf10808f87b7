package it.tavolo.load;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * One periodic tick per event loop that drives every {@link Typist} on it, instead of a
 * Vert.x timer per keystroke per typist (1,000 typists set 5,000 timers a second, each one a
 * task in the loop's scheduled queue). Each tick fires the typists whose time has come; the
 * tick's granularity ({@link #TICK_MS}) is kept out of the rate because a typist schedules its
 * next key from its planned time, not from when the tick ran. Lives in its context's local
 * data; touched only on that context's event loop.
 */
final class TypingClock {
  static final long TICK_MS = 5;

  private final Context ctx;
  private final List<Typist> typists = new ArrayList<>();
  private long timer = -1;

  private TypingClock(Context ctx) {
    this.ctx = ctx;
  }

  /** The clock of {@code ctx} (called on its event loop). */
  static TypingClock of(Context ctx) {
    TypingClock c = ctx.get(TypingClock.class);
    if (c == null) {
      c = new TypingClock(ctx);
      ctx.put(TypingClock.class, c);
    }
    return c;
  }

  /** Adds a typist; it is fired from its {@link Typist#due} on (on the event loop). */
  void add(Typist t) {
    typists.add(t);
    if (timer < 0) {
      timer = ctx.owner().setPeriodic(TICK_MS, id -> tick());
    }
  }

  private void tick() {
    long now = System.nanoTime();
    boolean anyStopped = false;
    // by index: a typist's keystroke never adds or removes typists, but stays safe if it did
    for (int i = 0; i < typists.size(); i++) {
      Typist t = typists.get(i);
      if (t.stopped()) {
        anyStopped = true;
      } else if (t.due() <= now) {
        t.fire();
      }
    }
    if (anyStopped) {
      typists.removeIf(Typist::stopped);
      if (typists.isEmpty()) {
        ctx.owner().cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
