package it.tavolo.core.client;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Origins;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's copy of a document, as ot.js's client: at most one batch in flight, later local
 * edits buffered (adjacent text edits of one field composed), incoming batches transformed
 * against inflight and buffered ops before being applied, resend after reconnect with the
 * same clientSeq. The local document is always: server state at {@link #seq()} + inflight +
 * pending.
 *
 * <p>Local changes are attributed to this client's user with seq -1 (not yet committed).
 * If the server refuses the inflight batch (an {@code error} with its clientSeq: locked,
 * forbidden, too_large...), this copy has diverged: discard it and start again from a
 * snapshot. Not thread-safe.
 */
public final class ClientDocument {
  private final String clientId;
  private final String user;
  private final DocumentState doc;
  private long seq;
  private long lastClientSeq;
  private Outgoing inflight;
  private final List<Op> pending = new ArrayList<>();

  /**
   * @param initial the document at {@code seq} (from a snapshot); it becomes this client's
   *     own and is changed in place
   * @param lastClientSeq the last clientSeq this client id used (0 for a new id)
   */
  public ClientDocument(String clientId, String user, DocumentState initial, long seq, long lastClientSeq) {
    this.clientId = clientId;
    this.user = user;
    this.doc = initial;
    this.seq = seq;
    this.lastClientSeq = lastClientSeq;
  }

  public String clientId() {
    return clientId;
  }

  public String user() {
    return user;
  }

  /** The local document (read only; change it through {@link #edit}). */
  public DocumentState document() {
    return doc;
  }

  /** The last server seq this client has applied. */
  public long seq() {
    return seq;
  }

  /** True when nothing is in flight or waiting to be sent. */
  public boolean isSettled() {
    return inflight == null && pending.isEmpty();
  }

  public Optional<Outgoing> inflight() {
    return Optional.ofNullable(inflight);
  }

  /**
   * A local edit: applied at once (all or nothing; an invalid batch throws {@link
   * it.tavolo.core.Refusal} and changes nothing) and buffered for sending.
   */
  public void edit(List<Op> ops) {
    OpApplier.applyAll(doc, ops, user, -1);
    for (Op op : ops) append(op);
  }

  private void append(Op op) {
    if (!pending.isEmpty()
        && op instanceof Op.Text t
        && pending.get(pending.size() - 1) instanceof Op.Text last
        && last.sameEntity(t)
        && last.field().equals(t.field())) {
      pending.set(pending.size() - 1, new Op.Text(t.coll(), t.id(), t.field(), last.edit().compose(t.edit())));
    } else {
      pending.add(op);
    }
  }

  /** The next batch to send, if none is in flight and some edits wait; it becomes inflight. */
  public Optional<Outgoing> nextToSend() {
    if (inflight != null || pending.isEmpty()) return Optional.empty();
    inflight = new Outgoing(++lastClientSeq, seq, pending);
    pending.clear();
    return Optional.of(inflight);
  }

  /**
   * After a reconnect (and after applying the batches missed): the unacked batch to send
   * again, same clientSeq, rebased on what this client has seen. The server recognises it if
   * it was committed after all.
   */
  public Optional<Outgoing> resend() {
    if (inflight == null) return Optional.empty();
    inflight = new Outgoing(inflight.clientSeq(), seq, inflight.ops());
    return Optional.of(inflight);
  }

  /** The server committed our inflight batch as {@code seq}. Unknown or repeated acks are ignored. */
  public void onAck(long clientSeq, long committedSeq) {
    if (inflight == null || inflight.clientSeq() != clientSeq) return;
    if (committedSeq != seq + 1) {
      throw new IllegalStateException(
          "ack seq " + committedSeq + " but this client has seen up to " + seq + ": batches were lost");
    }
    inflight = null;
    seq = committedSeq;
    doc.setSeq(committedSeq);
  }

  /**
   * A committed batch from the server, in seq order. Batches already seen are ignored; our own
   * batch (after a reconnect) counts as its ack.
   */
  public void onBatch(long batchSeq, String author, String fromClient, long fromClientSeq, List<Op> ops) {
    if (batchSeq <= seq) return;
    if (batchSeq != seq + 1) {
      throw new IllegalStateException("batch " + batchSeq + " after " + seq + ": batches were lost");
    }
    if (clientId.equals(fromClient)) {
      if (inflight != null && inflight.clientSeq() == fromClientSeq) {
        onAck(fromClientSeq, batchSeq);
        return;
      }
      throw new IllegalStateException("own batch " + fromClientSeq + " committed but not in flight");
    }
    List<Op> incoming = ops;
    if (inflight != null) {
      OpTransform.Result r = OpTransform.transform(inflight.ops(), incoming);
      inflight = new Outgoing(inflight.clientSeq(), inflight.baseSeq(), r.later());
      incoming = r.earlier();
    }
    if (!pending.isEmpty()) {
      OpTransform.Result r = OpTransform.transform(pending, incoming);
      pending.clear();
      pending.addAll(r.later());
      incoming = r.earlier();
    }
    // starting text (seed, import...) is credited to its origin, as the server does
    OpApplier.applyAll(doc, incoming, Origins.authorship(fromClient, author), batchSeq);
    seq = batchSeq;
    doc.setSeq(batchSeq);
  }
}
