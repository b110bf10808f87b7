package it.tavolo.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * What the live layer counts for /metrics (and tests): open connections, connections behind on
 * their stream, and each ack's time from its submit. Safe from any thread; the ack timer is set
 * once, before connections come.
 */
public final class LiveCounters {
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger lagging = new AtomicInteger();
  private volatile LongConsumer ackNanos = n -> { };

  public void opened() {
    connections.incrementAndGet();
  }

  public void closed() {
    connections.decrementAndGet();
  }

  /** A connection's socket is full: batches are held back from it (within its grace before slow_consumer). */
  public void lagStarted() {
    lagging.incrementAndGet();
  }

  public void lagEnded() {
    lagging.decrementAndGet();
  }

  /** An ack was written {@code nanos} after its submit arrived. */
  public void acked(long nanos) {
    ackNanos.accept(nanos);
  }

  /** Hears every {@link #acked} (the metrics' timer). */
  public void onAck(LongConsumer timer) {
    ackNanos = timer;
  }

  /** Open WebSocket connections (joined or not). */
  public int connections() {
    return connections.get();
  }

  /** Joined connections behind on their stream. */
  public int lagging() {
    return lagging.get();
  }
}
