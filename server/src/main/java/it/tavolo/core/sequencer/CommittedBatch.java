package it.tavolo.core.sequencer;

import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.TransformNote;
import java.util.List;
import java.util.Objects;

/**
 * A batch in the op log: its seq, who sent it, when, and its ops as transformed (they apply
 * to the document at {@code seq - 1}). {@code notes} says which submitted ops transformation
 * dropped or changed and why; it is for the reply to the sender and is not persisted (a
 * batch read back from the log has none).
 */
public record CommittedBatch(
    long seq,
    String author,
    String clientId,
    long clientSeq,
    long time,
    List<Op> ops,
    List<TransformNote> notes) {
  public CommittedBatch {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(clientId, "clientId");
    ops = List.copyOf(ops);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A batch read back from the op log. */
  public CommittedBatch(long seq, String author, String clientId, long clientSeq, long time, List<Op> ops) {
    this(seq, author, clientId, clientSeq, time, ops, List.of());
  }

  /** The notes for ops that were dropped (the reported no-ops). */
  public List<TransformNote> skipped() {
    return notes.stream().filter(n -> n.reason().dropsOp()).toList();
  }
}
