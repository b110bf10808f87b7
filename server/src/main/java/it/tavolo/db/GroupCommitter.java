package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit across documents. Each document's owner already writes everything its
 * clients sent during the previous commit as one group; with many documents open, that is
 * still one transaction (one WAL flush, one round trip, a pool connection) per document per
 * moment. Here the groups of every document that arrive while {@code concurrency} appends
 * are in flight wait, and go together as ONE {@link OpLogStore#append}: with 100 busy
 * documents, a few transactions per millisecond instead of a hundred.
 *
 * <p>A merged append is all or nothing: if it fails with a {@link SeqConflictException}
 * (another process wrote one of the documents), each group is appended again on its own,
 * so that only the document that lost the race sees the conflict. Callable from any thread.
 */
public final class GroupCommitter {
  private record Waiting(List<OpLogEntry> rows, Promise<Void> done) {
  }

  private final OpLogStore store;
  private final int concurrency;
  private final int maxRows;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param concurrency appends in flight at once (each holds a pool connection)
   * @param maxRows     at most this many rows per merged append
   */
  public GroupCommitter(OpLogStore store, int concurrency, int maxRows) {
    this.store = store;
    this.concurrency = concurrency;
    this.maxRows = maxRows;
  }

  /** Appends {@code rows} (one document's group), merged with other documents' groups. */
  public Future<Void> append(List<OpLogEntry> rows) {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      waiting.add(new Waiting(rows, done));
    }
    startMore();
    return done.future();
  }

  private void startMore() {
    while (true) {
      List<Waiting> merged = new ArrayList<>();
      synchronized (this) {
        if (inFlight >= concurrency || waiting.isEmpty()) {
          return;
        }
        int rows = 0;
        while (!waiting.isEmpty() && (merged.isEmpty() || rows + waiting.peek().rows().size() <= maxRows)) {
          Waiting w = waiting.poll();
          merged.add(w);
          rows += w.rows().size();
        }
        inFlight++;
      }
      write(merged);
    }
  }

  private void write(List<Waiting> merged) {
    Future<Void> appended;
    if (merged.size() == 1) {
      appended = store.append(merged.get(0).rows());
    } else {
      List<OpLogEntry> all = new ArrayList<>();
      merged.forEach(w -> all.addAll(w.rows()));
      appended = store.append(all);
    }
    appended.onComplete(ar -> {
      if (ar.succeeded() || merged.size() == 1 || !(ar.cause() instanceof SeqConflictException)) {
        merged.forEach(w -> w.done().handle(ar));
        finished();
      } else {
        // one document lost a race with another process: find out which, alone
        List<Future<Void>> each = new ArrayList<>();
        for (Waiting w : merged) {
          Future<Void> f = store.append(w.rows());
          f.onComplete(w.done());
          each.add(f);
        }
        Future.join(each).onComplete(x -> finished());
      }
    });
  }

  private void finished() {
    synchronized (this) {
      inFlight--;
    }
    startMore();
  }
}
