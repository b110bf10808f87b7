package it.tavolo.core.sequencer;

/** What {@link Sequencer#submit} decided. */
public sealed interface SubmitResult {

  /** Applied and given the next seq; persist {@code batch}, then ack and broadcast it. */
  record Accepted(CommittedBatch batch) implements SubmitResult {}

  /**
   * A resend of a batch already committed: answer with the original ack. {@code seq} is its
   * seq when known (the client's latest committed batch), or {@link #UNKNOWN_SEQ} for an
   * older one: look it up in the op log by (client_id, client_seq); if it is not there it was
   * never committed (it had been refused), answer an error.
   */
  record Duplicate(long clientSeq, long seq) implements SubmitResult {
    public static final long UNKNOWN_SEQ = -1;

    public boolean seqKnown() {
      return seq != UNKNOWN_SEQ;
    }
  }

  /** Refused; nothing changed. {@code code} is a stable wire code. */
  record Rejected(String code, String message) implements SubmitResult {}

  /**
   * The batch's baseSeq is older than the batches kept in memory: load the committed batches
   * with {@code afterSeq < seq <= upToSeq} from the op log and call {@link
   * Sequencer#submit(Submission, long, java.util.List)} again with them.
   */
  record NeedsHistory(long afterSeq, long upToSeq) implements SubmitResult {}
}
