package it.tavolo.live.session;

import it.tavolo.live.LiveCounters;
import it.tavolo.live.document.PresenceOut;
import it.tavolo.live.document.RenderedBatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one connection's stream of committed batches has gone: the last seq it was sent,
 * and when each of its batches in flight arrived (for the submit-to-ack timer). It renders a
 * batch as this client is sent it (its own as an ack). Part of {@link Outbox}; touched only on
 * the connection's context.
 */
final class StreamCursor {
  private final Session session;
  private final LiveCounters counters;
  /** The last seq written to this client. */
  long lastSentSeq;
  /** When each batch in flight arrived (clientSeq → nanoTime), for the submit-to-ack timer. */
  private final Map<Long, Long> submittedAt = new HashMap<>();

  StreamCursor(Session session, LiveCounters counters) {
    this.session = session;
    this.counters = counters;
  }

  /** A submit arrived at {@code nanos}: its ack's delay is measured from then. */
  void submitted(long clientSeq, long nanos) {
    if (submittedAt.size() >= 256) {
      submittedAt.clear(); // batches answered otherwise (refused, resent, proposed) are never acked here
    }
    submittedAt.put(clientSeq, nanos);
  }

  /** Whether {@code group} (in seq order) holds a batch not sent to this client yet. */
  boolean hasNew(List<RenderedBatch> group) {
    return !group.isEmpty() && group.get(group.size() - 1).seq() > lastSentSeq;
  }

  /** Adds the messages of the batches not sent yet to {@code out}, counting them as sent. */
  List<String> newMessages(List<RenderedBatch> group, List<String> out) {
    for (RenderedBatch o : group) {
      if (o.seq() > lastSentSeq) {
        out.add(message(o));
        lastSentSeq = o.seq();
      }
    }
    return out;
  }

  /**
   * Whether this client gets every batch of {@code group} as {@code ops} (none sent yet, none
   * its own) and every cursor (none its own): then a fan-out's common frame is its frame.
   */
  boolean takesAll(List<RenderedBatch> group, List<PresenceOut> cursors) {
    if (!group.isEmpty() && group.get(0).seq() <= lastSentSeq) {
      return false;
    }
    String me = session.clientId();
    for (RenderedBatch o : group) {
      if (o.committed().clientId().equals(me)) {
        return false; // its own goes as an ack
      }
    }
    for (PresenceOut p : cursors) {
      if (p.clientId().equals(me)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A committed batch as this client is sent it: its ack if the batch is its own (the
   * submit-to-ack time is recorded here, the one place every ack passes), else its ops.
   */
  String message(RenderedBatch o) {
    if (!o.committed().clientId().equals(session.clientId())) {
      return o.opsMessage();
    }
    Long at = submittedAt.remove(o.committed().clientSeq());
    if (at != null) {
      counters.acked(System.nanoTime() - at);
    }
    return o.ackMessage();
  }
}
