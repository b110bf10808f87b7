package it.tavolo.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where bcrypt runs: a worker pool of its own, of at most half the cores (at least one), with
 * a bounded queue. A login spray from many addresses stays under every per-key limit and makes
 * each guess cost a bcrypt; on the shared worker pool (20 threads) it may take every core
 * from the event loops (one run measured a bystander's ack p99 at 871 ms). Here it takes at
 * most half of them; past {@code maxWaiting} checks queued, a login is refused at once
 * ({@code 429 rate_limited}, retry in a second) instead of queueing without end.
 *
 * <p>Threading: {@link #run} may be called from any thread; the counter is atomic.
 */
public final class PasswordWork {
  /** Checks allowed to wait for a thread; beyond, logins are refused. */
  static final int MAX_WAITING = 256;

  private final WorkerExecutor executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int limit;

  PasswordWork(Vertx vertx) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    this.executor = vertx.createSharedWorkerExecutor("tavolo-passwords", threads);
    this.limit = threads + MAX_WAITING;
  }

  /** Runs a password hash or check off the event loop; fails with rate_limited when too many wait. */
  public <T> Future<T> run(Callable<T> work) {
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new Sessions.RateLimited(1, "Too many logins are being checked right now: try again in 1 s."));
    }
    // ordered=false: checks of different requests need not wait for each other's order
    return executor.<T>executeBlocking(work, false).andThen(x -> inFlight.decrementAndGet());
  }

  void close() {
    executor.close();
  }
}
