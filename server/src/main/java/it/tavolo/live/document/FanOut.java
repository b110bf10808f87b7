package it.tavolo.live.document;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Paces what a document sends to its connections: committed batches go to their senders at
 * once (their acks) and to everyone else with the next fan-out; cursor moves only with a
 * fan-out. Fans out at most once per {@code interval}: the first event after a quiet spell at
 * once, later ones together at the end of the interval. A busy document's connections then
 * get one frame per interval (with the {@code batch} extension) instead of one per batch and
 * per cursor move, which is what bounds a large tavolo. Cursor moves alone (no batch waiting)
 * are paced {@link #CURSORS_ALONE} times slower. Touched only on its owner's context.
 */
final class FanOut {
  /**
   * Cursor moves with no batch go out at most once per this many intervals (issue 21): most
   * of what a busy tavolo's connections receive is cursors (two thirds of the messages in
   * many-tables), each paced fan-out is a frame per connection, and a cursor shown 100 ms
   * late is not noticed where a batch would be.
   */
  static final int CURSORS_ALONE = 5;

  private final Context ctx;
  private final Vertx vertx;
  private final Duration interval;
  private final Connections connections;
  /** Tests hold every fan-out (DocumentOwners.holdFanOut). */
  private final BooleanSupplier held;

  /** Committed batches and cursor moves not yet fanned out to every connection. */
  private final List<RenderedBatch> unsent = new ArrayList<>();
  private final Map<String, PresenceOut> unsentPresence = new LinkedHashMap<>();
  private long timer = -1;
  private long due;
  private long lastFanOut;
  private long lastOpsFanOut;

  FanOut(Context ctx, Vertx vertx, Duration interval, Connections connections, BooleanSupplier held) {
    this.ctx = ctx;
    this.vertx = vertx;
    this.interval = interval;
    this.connections = connections;
    this.held = held;
  }

  /**
   * Committed batches go out: each sender's connection at once (its ack, after everything
   * committed before it that it has not had yet), everyone else with the next fan-out.
   */
  void committed(List<RenderedBatch> group) {
    if (group.isEmpty()) {
      return;
    }
    unsent.addAll(group);
    List<RenderedBatch> upToNow = List.copyOf(unsent);
    Set<Participant> senders = new HashSet<>();
    for (RenderedBatch o : group) {
      Participant p = connections.holder(o.committed().clientId());
      if (p != null && connections.contains(p) && senders.add(p)) {
        p.run(() -> p.delivery().committed(upToNow));
      }
    }
    schedule();
  }

  void presence(PresenceOut p) {
    unsentPresence.put(p.clientId(), p);
    schedule();
  }

  /** A client left: its last cursor move is not sent any more. */
  void forget(String clientId) {
    unsentPresence.remove(clientId);
  }

  private void schedule() {
    long every = interval.toNanos();
    long now = System.nanoTime();
    // cursor moves never hold back batches: batches are paced on their own clock; cursor
    // moves alone wait longer (they ride along with any batch fan-out meanwhile)
    long next = unsent.isEmpty() ? lastFanOut + CURSORS_ALONE * every : lastOpsFanOut + every;
    if (every == 0 || next <= now) {
      cancel();
      fanOut();
      return;
    }
    if (timer >= 0 && due <= next) {
      return;
    }
    cancel();
    due = next;
    timer = vertx.setTimer(Math.max(1, (next - now) / 1_000_000), t -> ctx.runOnContext(v -> {
      timer = -1;
      fanOut();
    }));
  }

  /** Fans out now what is waiting (tests: the end of {@link DocumentOwners#holdFanOut}). */
  void now() {
    cancel();
    fanOut();
  }

  void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * One task per event loop: it hands every connection there the batches and presence since the
   * last fan-out, and their common frame, serialised once for all of them.
   */
  private void fanOut() {
    if ((unsent.isEmpty() && unsentPresence.isEmpty()) || held.getAsBoolean()) {
      return;
    }
    lastFanOut = System.nanoTime();
    if (!unsent.isEmpty()) {
      lastOpsFanOut = lastFanOut;
    }
    List<RenderedBatch> ops = List.copyOf(unsent);
    List<PresenceOut> cursors = List.copyOf(unsentPresence.values());
    unsent.clear();
    unsentPresence.clear();
    SharedFrame common = SharedFrame.of(ops, cursors);
    connections.runPerContext(p -> p.delivery().fanOut(ops, cursors, common));
  }
}
