package it.tavolo.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import it.tavolo.config.EnvReader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes read notifications older than {@code TAVOLO_NOTIFICATION_RETENTION_DAYS} (180 by
 * default; 0 keeps them all), so the inbox table does not grow for ever. Unread ones stay
 * whatever their age (nobody has seen them yet), and so do those a digest or an unsent mail
 * still needs. A sweep runs shortly after start and then every
 * {@code TAVOLO_NOTIFICATION_SWEEP_MILLIS} (an hour); it deletes in bounded batches
 * ({@link #BATCH} rows, one short transaction each, at most {@link #MAX_BATCHES} per sweep),
 * so a large backlog never holds one long lock: what is left waits for the next sweep. Several
 * processes may sweep at once: the batches skip rows another one has locked.
 *
 * <p>Threading: the timer fires on the event loop; one sweep at a time ({@link #running}), a
 * sweep asked for while one is running is skipped (the next tick comes soon enough).
 */
final class NotificationRetention {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationRetention.class);
  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 50;
  private final int batch;
  private final int maxBatches;
  private static final long FIRST_SWEEP_MILLIS = 60_000;

  private final Vertx vertx;
  private final NotificationStore store;
  private final int days;
  private final long everyMillis;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean closed;
  private long first = -1;
  private long timer = -1;

  NotificationRetention(Vertx vertx, NotificationStore store, int days, long everyMillis) {
    this(vertx, store, days, everyMillis, BATCH, MAX_BATCHES);
  }

  /** With smaller batches (the test of the bound). */
  NotificationRetention(Vertx vertx, NotificationStore store, int days, long everyMillis, int batch, int maxBatches) {
    this.batch = batch;
    this.maxBatches = maxBatches;
    this.vertx = vertx;
    this.store = store;
    this.days = days;
    this.everyMillis = everyMillis;
  }

  static NotificationRetention from(Vertx vertx, NotificationStore store, Map<String, String> env) {
    int days = new EnvReader(env).integer("TAVOLO_NOTIFICATION_RETENTION_DAYS", 180);
    if (days < 0) {
      throw new IllegalArgumentException("TAVOLO_NOTIFICATION_RETENTION_DAYS must be 0 (keep all) or more");
    }
    long every = Math.max(100, new EnvReader(env).integer("TAVOLO_NOTIFICATION_SWEEP_MILLIS", 3_600_000));
    return new NotificationRetention(vertx, store, days, every);
  }

  void start() {
    if (days == 0) {
      return;
    }
    // not at the very start: a process that starts is busy enough; a short interval (tests) goes first
    first = vertx.setTimer(Math.min(FIRST_SWEEP_MILLIS, everyMillis), t -> sweep());
    timer = vertx.setPeriodic(everyMillis, t -> sweep());
  }

  Future<Void> stop() {
    closed = true;
    if (first >= 0) {
      vertx.cancelTimer(first);
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }

  /** One sweep: batches until one comes back short or there were {@link #MAX_BATCHES}; resolves with how many were deleted. */
  Future<Integer> sweep() {
    if (days == 0 || closed || !running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return batches(0, 0).onComplete(ar -> {
      running.set(false);
      if (ar.failed() && !closed) {
        LOG.warn("notifications: the retention sweep failed: {}", ar.cause().toString());
      } else if (ar.succeeded() && ar.result() > 0) {
        LOG.info("notifications: deleted {} read notifications older than {} days", ar.result(), days);
      }
    });
  }

  private Future<Integer> batches(int done, int deleted) {
    return store.deleteOldRead(days, batch).compose(n -> {
      int total = deleted + n;
      if (n < batch || done + 1 >= maxBatches || closed) {
        return Future.succeededFuture(total);
      }
      return batches(done + 1, total);
    });
  }

}
