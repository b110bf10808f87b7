package it.tavolo.live.session;

import it.tavolo.live.ErrorCode;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The database look-ups joins and rechecks make (membership, viewer link), at most
 * {@code inFlight} at once, the others waiting in a bounded FIFO queue: a thousand hellos at
 * once then take a few of the pool's connections in turn, never all of them, and the
 * document's commits, the attendance register and the revocation polls keep theirs.
 *
 * <p>Threading: any thread; the counters and the queue are guarded by this object's monitor,
 * and look-ups are started outside it.
 */
final class Lookups {
  private static final ThreadLocal<ArrayDeque<Runnable>> FLAT = new ThreadLocal<>();
  private final int inFlight;
  private final int maxWaiting;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  Lookups(int inFlight, int maxWaiting) {
    this.inFlight = inFlight;
    this.maxWaiting = maxWaiting;
  }

  /** Runs {@code lookup} when a slot is free; fails with {@code unavailable} when too many wait. */
  <T> Future<T> run(Supplier<Future<T>> lookup) {
    Promise<T> done = Promise.promise();
    Runnable start = () -> {
      Future<T> f;
      try {
        f = lookup.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        next();
        done.handle(ar);
      });
    };
    synchronized (this) {
      if (running >= inFlight) {
        if (waiting.size() >= maxWaiting) {
          return Future.failedFuture(ErrorCode.UNAVAILABLE.refusal("The server is busy letting others in: retry shortly."));
        }
        waiting.add(start);
        return done.future();
      }
      running++;
    }
    runFlat(start);
    return done.future();
  }

  private void next() {
    Runnable r;
    synchronized (this) {
      r = waiting.poll();
      if (r == null) {
        running--;
        return;
      }
    }
    runFlat(r);
  }

  /**
   * Runs {@code r}, and what it hands here meanwhile after it, in a loop: a look-up that fails
   * at once (a malformed secret) starts the next one from its completion, and a queue of them
   * would otherwise nest as deep as it is long.
   */
  private static void runFlat(Runnable r) {
    ArrayDeque<Runnable> pending = FLAT.get();
    if (pending != null) {
      pending.add(r);
      return;
    }
    pending = new ArrayDeque<>();
    FLAT.set(pending);
    try {
      for (Runnable x = r; x != null; x = pending.poll()) {
        x.run();
      }
    } finally {
      FLAT.remove();
    }
  }

  /** Look-ups waiting for a slot (tests, metrics). */
  synchronized int waiting() {
    return waiting.size();
  }
}
