package it.tavolo.live.document;

import it.tavolo.live.Committed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one in-memory history of a document: its last {@code capacity} committed batches,
 * rendered, in seq order. Welcomes with {@code since}, lagging connections' catch-up and
 * resends are answered from it. Touched only on its owner's context.
 */
final class CommittedTail {
  private final int capacity;
  private final ArrayDeque<RenderedBatch> tail = new ArrayDeque<>();

  CommittedTail(int capacity) {
    this.capacity = capacity;
  }

  void add(RenderedBatch o) {
    tail.add(o);
    while (tail.size() > capacity) {
      tail.poll();
    }
  }

  /** The committed batches after {@code seq} up to {@code head}, or null when the tail no longer reaches back there. */
  List<RenderedBatch> after(long seq, long head) {
    if (seq > head) {
      return null;
    }
    if (seq == head) {
      return List.of();
    }
    if (tail.isEmpty() || tail.peekFirst().seq() > seq + 1) {
      return null;
    }
    List<RenderedBatch> out = new ArrayList<>();
    for (RenderedBatch o : tail) {
      if (o.seq() > seq) {
        out.add(o);
      }
    }
    return out;
  }

  /** The seq just before the oldest kept batch ({@code head} when nothing is kept). */
  long reachesBackTo(long head) {
    return tail.isEmpty() ? head : tail.peekFirst().seq() - 1;
  }

  /** The notes of the batch committed as {@code seq}, if still kept. */
  List<Committed.Note> notesOf(long seq) {
    for (Iterator<RenderedBatch> it = tail.descendingIterator(); it.hasNext(); ) {
      Committed c = it.next().committed();
      if (c.seq() == seq) {
        return c.notes();
      }
    }
    return List.of();
  }

  /** The kept batch a resend of {@code sub} repeats (same client id and clientSeq, and its author), or null. */
  Committed resendOf(SubmitRequest sub) {
    for (Iterator<RenderedBatch> it = tail.descendingIterator(); it.hasNext(); ) {
      Committed c = it.next().committed();
      if (c.clientId().equals(sub.clientId()) && c.clientSeq() == sub.clientSeq()
          && (sub.byServer() || c.author().equals(sub.author()))) {
        return c;
      }
    }
    return null;
  }
}
