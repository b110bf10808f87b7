package it.tavolo.db;

/**
 * An append found a seq (or a client's batch) already in the op log: another process
 * committed to the same document. The whole group was rolled back; the caller catches up
 * from the log and sequences its batches again.
 */
public final class SeqConflictException extends RuntimeException {
  private final String constraint;

  public SeqConflictException(String constraint, Throwable cause) {
    super("op log conflict on " + constraint, cause);
    this.constraint = constraint;
  }

  /** {@code op_log_pkey} (same seq) or the (doc, client, client_seq) unique constraint. */
  public String constraint() {
    return constraint;
  }
}
