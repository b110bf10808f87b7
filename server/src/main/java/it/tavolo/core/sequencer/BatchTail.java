package it.tavolo.core.sequencer;

/**
 * The most recent committed batches, at most {@code capacity}, in a ring: seqs are
 * contiguous, so the batch with seq {@code s} is found in O(1).
 */
final class BatchTail {
  private final CommittedBatch[] ring;
  private long firstSeq = 1; // seq of the oldest batch held
  private int size;

  BatchTail(int capacity) {
    ring = new CommittedBatch[Math.max(1, capacity)];
  }

  void add(CommittedBatch b) {
    if (size > 0 && b.seq() != firstSeq + size) {
      throw new IllegalStateException("batch " + b.seq() + " does not follow " + (firstSeq + size - 1));
    }
    if (size == 0) firstSeq = b.seq();
    if (size == ring.length) {
      ring[(int) (firstSeq % ring.length)] = null;
      firstSeq++;
      size--;
    }
    ring[(int) (b.seq() % ring.length)] = b;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Seq of the oldest batch held (meaningless when empty). */
  long firstSeq() {
    return firstSeq;
  }

  long lastSeq() {
    return firstSeq + size - 1;
  }

  /** The batch with this seq; it must be held. */
  CommittedBatch get(long seq) {
    if (size == 0 || seq < firstSeq || seq > lastSeq()) throw new IndexOutOfBoundsException("seq " + seq);
    return ring[(int) (seq % ring.length)];
  }
}
