package it.tavolo.live.document;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import it.tavolo.db.OpLogEntry;
import it.tavolo.db.OpLogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a document's engine from the op log: the latest snapshot, the batches after it, and
 * the tavolo's organisations. The same path at first join, after a failed commit and after a
 * restart; a failed read is retried a few times, a little later each time. Its retry count is
 * touched only on its owner's context.
 */
final class Loader {
  private static final Logger LOG = LoggerFactory.getLogger(Loader.class);
  private static final int ATTEMPTS = 5;

  /**
   * What a load read: the engine at the log's head, the batches read (those after the snapshot,
   * and the ones before it that refill the tail), and the snapshot's seq.
   */
  record Loaded(DocumentEngine engine, List<OpLogEntry> entries, long snapshotSeq) {
  }

  private final UUID docId;
  private final Context ctx;
  private final Vertx vertx;
  private final OpLogStore store;
  private final DocumentEngine.Factory engines;
  private final int tailBatches;
  private final Function<UUID, Future<Set<String>>> organisationsAt;
  private int failures;

  Loader(UUID docId, Context ctx, Vertx vertx, OpLogStore store, DocumentEngine.Factory engines, int tailBatches,
         Function<UUID, Future<Set<String>>> organisationsAt) {
    this.docId = docId;
    this.ctx = ctx;
    this.vertx = vertx;
    this.store = store;
    this.engines = engines;
    this.tailBatches = tailBatches;
    this.organisationsAt = organisationsAt;
  }

  /**
   * Loads, then calls {@code then} on the owner's context, or {@code gaveUp} after the last
   * attempt failed. {@code sentUpTo}: on a reload, what this process has sent out already
   * (negative on the first load); everything after it is read too, to be sent.
   */
  void load(long sentUpTo, Consumer<Loaded> then, Consumer<Throwable> gaveUp) {
    read(sentUpTo).onComplete(OnContext.of(ctx, ar -> {
      if (ar.succeeded()) {
        failures = 0;
        then.accept(ar.result());
        return;
      }
      LOG.warn("document {}: loading from the op log failed ({})", docId, ar.cause().toString());
      if (++failures < ATTEMPTS) {
        vertx.setTimer(200L * failures, t -> ctx.runOnContext(x -> load(sentUpTo, then, gaveUp)));
      } else {
        gaveUp.accept(ar.cause());
      }
    }));
  }

  private Future<Loaded> read(long sentUpTo) {
    Future<Optional<OpLogStore.StoredSnapshot>> snap = store.latestSnapshot(docId);
    return snap.compose(s -> {
      long snapSeq = s.map(OpLogStore.StoredSnapshot::seq).orElse(0L);
      // the batches after the snapshot rebuild the state; the ones just before it refill the tail
      long from = Math.max(0, snapSeq - tailBatches);
      if (sentUpTo >= 0) {
        from = Math.min(from, sentUpTo); // everything this process has not sent out yet
      }
      return store.after(docId, from, Integer.MAX_VALUE)
          .compose(entries -> organisationsAt.apply(docId).map(organisations -> {
            List<OpLogEntry> replay = entries.stream().filter(e -> e.seq() > snapSeq).toList();
            DocumentEngine e = engines.restore(s.map(OpLogStore.StoredSnapshot::stateJson).orElse(null), replay);
            e.setOrganisations(organisations);
            return new Loaded(e, entries, snapSeq);
          }));
    });
  }
}
