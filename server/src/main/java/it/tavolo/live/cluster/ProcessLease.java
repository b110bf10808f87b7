package it.tavolo.live.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's lease in {@code live_processes} (docs/architecture.md, "Scaling out"): taken at
 * start, renewed every heartbeat, given back at a graceful stop; and the sweep of the processes
 * whose lease ran out. It exists apart from {@link SharedPeople} because keeping a process alive
 * and noticing dead ones is a job of its own; what a sweep or a lapsed lease means for the people
 * listed is told back through the callbacks.
 *
 * <p>Threading: the timer and the store's replies run on event loops; {@code renewedSince} is only
 * touched by the beat's replies (one beat's reply at a time in practice) and is volatile, as is
 * {@code closed}; the rest is immutable.
 */
final class ProcessLease {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessLease.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final String process;
  private final double leaseSeconds;
  private final long heartbeatMillis;
  /** Every beat, after asking to renew: the people write their latest presence. */
  private final Runnable onBeat;
  /** The others had taken this process for dead and its lease is taken again: list its people again. */
  private final Runnable onRelisted;
  /** Processes whose lease ran out were swept (never called with none). */
  private final Consumer<ClusterStore.Swept> onSwept;

  private long timer = -1;
  /** Since when every renewal succeeded (System.nanoTime), or -1 after a failed one. Beat replies only. */
  private volatile long renewedSince = -1;
  private volatile boolean closed;

  ProcessLease(Vertx vertx, ClusterStore store, String process, double leaseSeconds,
               Runnable onBeat, Runnable onRelisted, Consumer<ClusterStore.Swept> onSwept) {
    this.vertx = vertx;
    this.store = store;
    this.process = process;
    this.leaseSeconds = leaseSeconds;
    this.heartbeatMillis = heartbeatMillis(leaseSeconds);
    this.onBeat = onBeat;
    this.onRelisted = onRelisted;
    this.onSwept = onSwept;
  }

  /** A quarter of the lease (at least 250 ms): three beats may be missed before the others sweep. */
  static long heartbeatMillis(double leaseSeconds) {
    return Math.max(250L, (long) (leaseSeconds * 1000 / 4));
  }

  /** Takes the lease and starts the heartbeat. */
  Future<Void> start() {
    return store.register(process).onSuccess(v -> {
      renewedSince = System.nanoTime();
      timer = vertx.setPeriodic(heartbeatMillis, t -> beat());
    });
  }

  /** Gives the lease back (a graceful stop): this process's rows go, the others are told at once. */
  Future<Void> stop() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return store.deregister(process)
        .compose(v -> store.notify(PgNotifyBus.CHANNEL, process + " x " + process))
        .otherwise(e -> {
          LOG.warn("cluster: leaving failed ({}); the others sweep this process when its lease runs out", e.toString());
          return null;
        });
  }

  /**
   * Every beat: renew the lease (or take it again), write the latest presence, and sweep the
   * dead once this process has itself renewed for a whole lease without a gap.
   */
  private void beat() {
    if (closed) {
      return;
    }
    store.renew(process).onComplete(ar -> {
      long now = System.nanoTime();
      if (ar.failed()) {
        renewedSince = -1;
      } else if (renewedSince < 0) {
        renewedSince = now;
      }
      // Sweep only after renewing without a gap for a whole lease: after a database outage
      // every process gets that long to renew before anyone takes it for dead.
      if (ar.succeeded() && ar.result() && now - renewedSince >= (long) (leaseSeconds * 1e9)) {
        sweep();
      }
      if (ar.succeeded() && !ar.result() && !closed) {
        // the others took this process for dead (it stalled for longer than the lease): list it again
        store.register(process).onSuccess(v -> onRelisted.run());
      }
    });
    onBeat.run();
  }

  private void sweep() {
    store.sweep(leaseSeconds, process).onComplete(ar -> {
      if (ar.failed()) {
        if (!closed) {
          LOG.warn("cluster: sweep failed ({})", ar.cause().toString());
        }
        return;
      }
      ClusterStore.Swept s = ar.result();
      if (!s.processes().isEmpty()) {
        onSwept.accept(s);
      }
    });
  }
}
