package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What {@link History} reads: snapshots and the op log, as stored (text, not decoded). Stateless. */
final class HistoryStore {
  private final Pool pool;

  HistoryStore(Pool pool) {
    this.pool = pool;
  }

  record Snapshot(long seq, String json) {}

  record RawBatch(long seq, String author, String clientId, long clientSeq, long time, String ops) {}

  /** The newest snapshot at or before {@code seq}, or null. */
  Future<Snapshot> snapshotAtOrBefore(UUID doc, long seq) {
    return pool.preparedQuery("select seq, state::text as state from snapshots where doc_id = $1 and seq <= $2 "
            + "order by seq desc limit 1")
        .execute(Tuple.of(doc, seq))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Snapshot(r.getLong("seq"), r.getString("state"));
        });
  }

  /** The batches with {@code after < seq <= upTo}, in order. */
  Future<List<RawBatch>> batches(UUID doc, long after, long upTo) {
    return pool.preparedQuery("select seq, author, client_id, client_seq, committed_at, ops::text as ops from op_log "
            + "where doc_id = $1 and seq > $2 and seq <= $3 order by seq")
        .execute(Tuple.of(doc, after, upTo))
        .map(rows -> {
          List<RawBatch> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new RawBatch(r.getLong("seq"), r.getUUID("author").toString(), r.getString("client_id"),
                r.getLong("client_seq"), r.getOffsetDateTime("committed_at").toInstant().toEpochMilli(),
                r.getString("ops")));
          }
          return out;
        });
  }
}
