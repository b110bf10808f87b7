package it.tavolo.live.document;

import it.tavolo.db.OpLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Batches of this document that other processes committed (docs/architecture.md, "Scaling
 * out"): read from the op log between the owner's own commits, applied and broadcast like its
 * own. Touched only on its owner's context.
 */
final class OtherProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(OtherProcesses.class);
  private static final int CATCH_UP_BATCHES = 1000;

  private final DocumentOwner owner;
  /** The highest seq another process said it committed (it is in the op log). */
  private long remoteHead;
  private boolean reading;

  OtherProcesses(DocumentOwner owner) {
    this.owner = owner;
  }

  /** Reading the log now: nothing is sequenced meanwhile. */
  boolean reading() {
    return reading;
  }

  /** Another process committed up to {@code seq} (negative: it may have, look); any context. */
  void advanced(long seq) {
    owner.ctx.runOnContext(v -> {
      remoteHead = Math.max(remoteHead, seq < 0 ? owner.state.seq() + 1 : seq);
      catchUp();
    });
  }

  void catchUp() {
    if (!owner.betweenCommits() || reading || remoteHead <= owner.state.seq()) {
      return;
    }
    reading = true;
    owner.store.after(owner.docId, owner.state.seq(), CATCH_UP_BATCHES).onComplete(owner.onOwner(ar -> {
      reading = false;
      if (!owner.ready()) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("document {}: reading other processes' batches failed ({}); the next commit or poll retries",
            owner.docId, ar.cause().toString());
        remoteHead = owner.state.seq();
        owner.flush();
        return;
      }
      List<RenderedBatch> out = new ArrayList<>();
      try {
        for (OpLogEntry e : ar.result()) {
          if (e.seq() != owner.state.seq() + 1) {
            break;
          }
          out.add(owner.state.apply(e));
        }
      } catch (RuntimeException e) {
        LOG.error("document {}: a batch from the op log does not apply; reloading", owner.docId, e);
        owner.fanOut.committed(out);
        owner.reload();
        return;
      }
      owner.fanOut.committed(out);
      if (ar.result().size() == CATCH_UP_BATCHES) {
        remoteHead = Math.max(remoteHead, owner.state.seq() + 1); // more to read
      } else {
        remoteHead = owner.state.seq();
      }
      owner.state.maybeSnapshot();
      catchUp();
      owner.flush();
    }));
  }
}
