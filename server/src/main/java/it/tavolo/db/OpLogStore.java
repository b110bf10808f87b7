package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable op log and its snapshots. The log is append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE); nothing here tries either.
 *
 * <p>{@link #append} writes a whole group of batches with ONE statement — a multi-row
 * insert from bound arrays — which PostgreSQL runs as one transaction with one commit
 * (one WAL flush). The caller acks the group only when the returned future succeeds.
 */
public final class OpLogStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String INSERT_GROUP =
      "insert into op_log (doc_id, seq, author, client_id, client_seq, ops) "
          + "select t.doc_id, t.seq, t.author, t.client_id, t.client_seq, t.ops::jsonb "
          + "from unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::bigint[], $6::text[]) "
          + "as t(doc_id, seq, author, client_id, client_seq, ops)";

  private static final String SELECT_COLUMNS =
      "select doc_id, seq, author, client_id, client_seq, committed_at, ops::text as ops from op_log ";

  private final Pool pool;
  private final AtomicLong appendTransactions = new AtomicLong();
  private final AtomicLong appendedBatches = new AtomicLong();
  /*
   * The append's path (issue 21, counted): the owner's context calls the pool, whose
   * same-event-loop selector hands it a connection on the owner's event loop when one is idle
   * there; with the statement cached (prepared once per connection), the insert is one write
   * (Bind, Execute, Sync) and one round trip, in PostgreSQL's implicit transaction: no BEGIN or
   * COMMIT of our own, and no rows sent back (nothing reads them). The completion comes back
   * to the owner's context (a hop when the connection lives on another event loop).
   */

  /** Hears how long each successful append took, in nanoseconds (the live layer's timer). */
  private volatile java.util.function.LongConsumer appendNanos = n -> { };

  public OpLogStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends batches (of one or several documents) in one transaction. Fails with
   * {@link SeqConflictException} when a seq or a (client, clientSeq) is already taken —
   * then nothing of the group was written.
   */
  public Future<Void> append(List<OpLogEntry> group) {
    if (group.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = group.size();
    UUID[] docs = new UUID[n];
    Long[] seqs = new Long[n];
    UUID[] authors = new UUID[n];
    String[] clients = new String[n];
    Long[] clientSeqs = new Long[n];
    String[] ops = new String[n];
    for (int i = 0; i < n; i++) {
      OpLogEntry e = group.get(i);
      docs[i] = e.doc();
      seqs[i] = e.seq();
      authors[i] = e.author();
      clients[i] = e.clientId();
      clientSeqs[i] = e.clientSeq();
      ops[i] = e.opsJson();
    }
    long start = System.nanoTime();
    return pool.preparedQuery(INSERT_GROUP)
        .execute(Tuple.of(docs, seqs, authors, clients, clientSeqs, ops))
        .<Void>map(rows -> {
          appendNanos.accept(System.nanoTime() - start);
          appendTransactions.incrementAndGet();
          appendedBatches.addAndGet(n);
          return null;
        })
        .recover(err -> Future.failedFuture(translate(err)));
  }

  private static Throwable translate(Throwable err) {
    if (err instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return new SeqConflictException(pg.getConstraint(), pg);
    }
    return err;
  }

  /** The committed batches with seq greater than {@code afterSeq}, in seq order, at most {@code limit}. */
  /**
   * A new document's first batch (seq 1: an import's or a copy's content), in the transaction
   * that creates the document.
   */
  public static Future<Void> insertFirst(SqlClient tx, UUID doc, UUID author, String clientId, Object opsJson) {
    return tx.preparedQuery("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) values ($1, 1, $2, $3, 1, $4::jsonb)")
        .execute(Tuple.of(doc, author, clientId, opsJson)).mapEmpty();
  }

  public Future<List<OpLogEntry>> after(UUID doc, long afterSeq, int limit) {
    return pool.preparedQuery(SELECT_COLUMNS + "where doc_id = $1 and seq > $2 order by seq limit $3")
        .execute(Tuple.of(doc, afterSeq, limit))
        .map(OpLogStore::entries);
  }

  /** The committed batches with {@code afterSeq < seq <= upToSeq}, in seq order. */
  public Future<List<OpLogEntry>> range(UUID doc, long afterSeq, long upToSeq) {
    return pool.preparedQuery(SELECT_COLUMNS + "where doc_id = $1 and seq > $2 and seq <= $3 order by seq")
        .execute(Tuple.of(doc, afterSeq, upToSeq))
        .map(OpLogStore::entries);
  }

  /** The batch a client sent with this clientSeq, if it was committed (to answer an old resend). */
  public Future<Optional<OpLogEntry>> byClient(UUID doc, String clientId, long clientSeq) {
    return pool.preparedQuery(SELECT_COLUMNS + "where doc_id = $1 and client_id = $2 and client_seq = $3")
        .execute(Tuple.of(doc, clientId, clientSeq))
        .map(rows -> entries(rows).stream().findFirst());
  }

  /** A client's last committed batch in a document: its clientSeq, its seq, and who wrote it. */
  public record LastBatch(long clientSeq, long seq, UUID author) {
  }

  /** The last batch this client committed in this document, if any. */
  public Future<Optional<LastBatch>> lastBatchOf(UUID doc, String clientId) {
    return pool.preparedQuery("select client_seq, seq, author from op_log where doc_id = $1 and client_id = $2 "
            + "order by client_seq desc limit 1")
        .execute(Tuple.of(doc, clientId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<LastBatch>empty();
          }
          io.vertx.sqlclient.Row r = rows.iterator().next();
          return Optional.of(new LastBatch(r.getLong("client_seq"), r.getLong("seq"), r.getUUID("author")));
        });
  }

  /** The highest clientSeq committed for this client in this document, or 0. */
  public Future<Long> lastClientSeq(UUID doc, String clientId) {
    return pool.preparedQuery("select coalesce(max(client_seq), 0) as m from op_log where doc_id = $1 and client_id = $2")
        .execute(Tuple.of(doc, clientId))
        .map(rows -> rows.iterator().next().getLong("m"));
  }

  /** The highest committed seq of a document, or 0 when its log is empty. */
  public Future<Long> headSeq(UUID doc) {
    return pool.preparedQuery("select coalesce(max(seq), 0) as m from op_log where doc_id = $1")
        .execute(Tuple.of(doc))
        .map(rows -> rows.iterator().next().getLong("m"));
  }

  /** The newest snapshot of a document, if any. */
  public Future<Optional<StoredSnapshot>> latestSnapshot(UUID doc) {
    return pool.preparedQuery("select seq, state::text as state from snapshots where doc_id = $1 order by seq desc limit 1")
        .execute(Tuple.of(doc))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<StoredSnapshot>empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new StoredSnapshot(r.getLong("seq"), r.getString("state")));
        });
  }

  /** Stores a snapshot; a second snapshot at the same seq (another process) is ignored. */
  public Future<Void> writeSnapshot(UUID doc, long seq, String stateJson) {
    return pool.preparedQuery("insert into snapshots (doc_id, seq, state) values ($1, $2, $3::text::jsonb) on conflict do nothing")
        .execute(Tuple.of(doc, seq, stateJson))
        .mapEmpty();
  }

  /** Tells {@code listener} the duration of every successful append (round trip and commit). */
  public void onAppend(java.util.function.LongConsumer listener) {
    this.appendNanos = listener;
  }

  /** Append statements that committed since start (each is one transaction). */
  public long appendTransactions() {
    return appendTransactions.get();
  }

  /** Batches written by those transactions. */
  public long appendedBatches() {
    return appendedBatches.get();
  }

  private static List<OpLogEntry> entries(RowSet<Row> rows) {
    List<OpLogEntry> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new OpLogEntry(r.getUUID("doc_id"), r.getLong("seq"), r.getUUID("author"),
          r.getString("client_id"), r.getLong("client_seq"), r.getOffsetDateTime("committed_at"),
          r.getString("ops")));
    }
    return out;
  }

  /** A serialised document state at {@code seq}, as the core wrote it. */
  public record StoredSnapshot(long seq, String stateJson) {
  }
}
