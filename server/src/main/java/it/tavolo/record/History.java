package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.sequencer.Sequencer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A document at any seq, rebuilt from the newest snapshot at or before it and the op log
 * after that snapshot. Decoding and replaying run on a worker thread, never an event loop.
 */
public final class History {
  private final Vertx vertx;
  private final HistoryStore store;

  public History(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.store = new HistoryStore(pool);
  }

  /** The state at {@code seq} (which must not be past the head) and the batches it replayed. */
  public Future<DocumentState> stateAt(UUID doc, long seq) {
    return store.snapshotAtOrBefore(doc, seq)
        .compose(snap -> {
          long from = snap == null ? 0 : snap.seq();
          String json = snap == null ? null : snap.json();
          return raw(doc, from, seq).compose(raw -> vertx.executeBlocking(() -> {
            Sequencer s = Sequencer.restore(json, decode(raw), Limits.DEFAULT, 1);
            if (s.head() != seq) {
              throw new IllegalStateException("the op log of " + doc + " ends at " + s.head() + ", not " + seq);
            }
            return s.state();
          }, false));
        });
  }

  /** The committed batches with {@code after < seq <= upTo}, decoded (on a worker). */
  public Future<List<CommittedBatch>> batches(UUID doc, long after, long upTo) {
    return raw(doc, after, upTo).compose(raw -> vertx.executeBlocking(() -> decode(raw), false));
  }

  /** The state at {@code upTo} and the batches after {@code from}: what a diff needs. */
  public record Span(DocumentState from, DocumentState to, List<CommittedBatch> between) {}

  public Future<Span> span(UUID doc, long from, long to) {
    return stateAt(doc, from).compose(a -> batches(doc, from, to).compose(between -> vertx.executeBlocking(() -> {
      DocumentState b = a.copy();
      for (CommittedBatch batch : between) {
        it.tavolo.core.ops.OpApplier.applyAll(b, batch.ops(), batch.author(), batch.seq());
        b.setSeq(batch.seq());
      }
      return new Span(a, b, between);
    }, false)));
  }

  private Future<List<HistoryStore.RawBatch>> raw(UUID doc, long after, long upTo) {
    return store.batches(doc, after, upTo);
  }

  private static List<CommittedBatch> decode(List<HistoryStore.RawBatch> raw) {
    List<CommittedBatch> out = new ArrayList<>(raw.size());
    for (HistoryStore.RawBatch r : raw) {
      out.add(new CommittedBatch(r.seq(), r.author(), r.clientId(), r.clientSeq(), r.time(), OpCodec.decodeBatch(r.ops())));
    }
    return out;
  }
}
