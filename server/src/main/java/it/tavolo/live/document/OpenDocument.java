package it.tavolo.live.document;

import it.tavolo.core.sequencer.Mode;

import io.vertx.core.Future;
import it.tavolo.live.PresenceState;

import java.util.List;
import java.util.UUID;

/**
 * A document as a joined connection sees it: what it may ask of its owner. Every method may
 * be called from any context; each hops onto the owner's. Immutable.
 */
public final class OpenDocument {
  private final DocumentOwner owner;

  OpenDocument(DocumentOwner owner) {
    this.owner = owner;
  }

  public UUID docId() {
    return owner.docId;
  }

  /** A batch the connection read, on its way to the queue. */
  public void submit(SubmitRequest sub) {
    owner.ctx.runOnContext(v -> owner.onSubmit(sub));
  }

  public void presence(Participant p, PresenceState s) {
    owner.ctx.runOnContext(v -> owner.audience.onPresence(p, s));
  }

  /** Sends {@code p} the committed batches after {@code seq} from the tail (null if gone). */
  public void committedAfter(Participant p, long seq) {
    owner.ctx.runOnContext(v -> {
      List<RenderedBatch> missed = owner.tail.after(seq, owner.state.seq());
      p.run(() -> p.delivery().caughtUp(missed));
    });
  }

  /** The connection's recheck found that a coordinator changed the document's mode or lock. */
  public void documentChanged(Mode mode, boolean locked) {
    owner.audience.documentChanged(mode, locked);
  }

  public void leave(Participant p) {
    owner.ctx.runOnContext(v -> owner.audience.onLeave(p));
  }

  /** The server is stopping (see {@link DocumentOwners#shutdown}). */
  public Future<Void> shutdown() {
    return owner.unloading.shutdown();
  }
}
