package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import java.util.UUID;

/** A document's mode and lock (the columns of documents this layer owns the changes of). */
public final class DocumentStore {
  private final Pool pool;

  public DocumentStore(Pool pool) {
    this.pool = pool;
  }

  public Future<DocumentRow> get(UUID docId) {
    return get(pool, docId, false);
  }

  /** With {@code forUpdate}, locks the row for the caller's transaction. */
  public Future<DocumentRow> get(SqlClient c, UUID docId, boolean forUpdate) {
    return c.preparedQuery("select id, tavolo_id, title, mode, locked from documents where id = $1"
            + (forUpdate ? " for update" : ""))
        .execute(Tuple.of(docId))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Refusal.notFound("No such document among your tavoli."));
          Row r = rows.iterator().next();
          return Future.succeededFuture(new DocumentRow(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("title"),
              r.getString("mode"), r.getBoolean("locked")));
        });
  }

  public Future<Void> setMode(SqlClient c, UUID docId, String mode) {
    return c.preparedQuery("update documents set mode = $2 where id = $1").execute(Tuple.of(docId, mode)).mapEmpty();
  }

  public Future<Void> setLocked(SqlClient c, UUID docId, boolean locked) {
    return c.preparedQuery("update documents set locked = $2 where id = $1").execute(Tuple.of(docId, locked)).mapEmpty();
  }

  /** The highest committed seq (0 for an empty log). */
  public Future<Long> head(SqlClient c, UUID docId) {
    return c.preparedQuery("select coalesce(max(seq), 0) as m from op_log where doc_id = $1")
        .execute(Tuple.of(docId)).map(rows -> rows.iterator().next().getLong("m"));
  }

  /** An organisation as exports and budget totals name it. */
  public record Org(String id, String name, String side) {}

  /** Every organisation by id (a small table: the parties of the tavoli). */
  public Future<java.util.Map<String, Org>> organisations() {
    return pool.query("select id, name, side from organisations").execute().map(rows -> {
      java.util.Map<String, Org> m = new java.util.HashMap<>();
      for (Row r : rows) m.put(r.getUUID("id").toString(), new Org(r.getUUID("id").toString(), r.getString("name"), r.getString("side")));
      return m;
    });
  }
}
