package it.tavolo.live.document;

import it.tavolo.core.sequencer.Mode;

import it.tavolo.db.OpLogEntry;
import it.tavolo.db.OpLogStore;
import it.tavolo.live.LiveSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A document's committed state in this process: the engine at the committed head (between
 * commits; during one it is ahead by the group in flight), the head's seq, the document's mode
 * and lock as the engine enforces them, and the snapshots written every
 * {@code TAVOLO_SNAPSHOT_EVERY} batches. Touched only on its owner's context, but for
 * {@link #seq}, which any thread may read (metrics, tests).
 */
final class CommittedState {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedState.class);

  private final UUID docId;
  private final OpLogStore store;
  private final LiveSettings settings;
  private final CommittedTail tail;
  private DocumentEngine engine;
  private volatile long seq;
  private long lastSnapshotSeq;
  private Mode mode = Mode.LIVE;
  private boolean locked;

  CommittedState(UUID docId, OpLogStore store, LiveSettings settings, CommittedTail tail) {
    this.docId = docId;
    this.store = store;
    this.settings = settings;
    this.tail = tail;
  }

  /** Null until the first load. */
  DocumentEngine engine() {
    return engine;
  }

  long seq() {
    return seq;
  }

  Mode mode() {
    return mode;
  }

  boolean locked() {
    return locked;
  }

  void setFlags(Mode newMode, boolean newLocked) {
    mode = newMode;
    locked = newLocked;
    if (engine != null) {
      engine.setFlags(mode, locked);
    }
  }

  /**
   * Takes a freshly loaded engine; on a reload, returns the batches this process has not sent
   * out yet (written by another process, or our commit whose answer was lost).
   */
  List<RenderedBatch> install(Loader.Loaded l, boolean reload) {
    engine = l.engine();
    engine.setFlags(mode, locked);
    lastSnapshotSeq = Math.max(lastSnapshotSeq, l.snapshotSeq());
    List<RenderedBatch> foreign = new ArrayList<>();
    for (OpLogEntry entry : l.entries()) {
      if (entry.seq() <= seq && reload) {
        continue; // already sent out by this process
      }
      RenderedBatch o = RenderedBatch.of(entry);
      tail.add(o);
      if (reload) {
        foreign.add(o);
      }
    }
    seq = engine.seq();
    return foreign;
  }

  /** A batch of ours is committed: the new head. */
  void committed(RenderedBatch o) {
    seq = o.seq();
    tail.add(o);
  }

  /** A batch another process committed (the next seq), applied; it goes out like our own. */
  RenderedBatch apply(OpLogEntry e) {
    engine.applyCommitted(e);
    RenderedBatch o = RenderedBatch.of(e);
    committed(o);
    return o;
  }

  /** Every {@code snapshotEvery} batches, a snapshot: taken now (state == committed), written in the background. */
  void maybeSnapshot() {
    if (seq - lastSnapshotSeq < settings.snapshotEvery()) {
      return;
    }
    long at = seq;
    String state = engine.serialise();
    lastSnapshotSeq = at;
    store.writeSnapshot(docId, at, state).onFailure(err ->
        LOG.warn("document {}: snapshot at {} not written ({})", docId, at, err.toString()));
  }
}
