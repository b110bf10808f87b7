package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tavolo's territori (V9 {@code tavolo_territori}): the comuni or zones its budget lines may
 * name, in the order its coordinators gave them. Stateless over the pool; safe from any thread.
 */
public final class TerritorioStore {
  private final Pool pool;

  public TerritorioStore(Pool pool) {
    this.pool = pool;
  }

  /** The tavolo's territori, in their order. */
  public Future<List<String>> of(SqlClient c, UUID tavoloId) {
    return c.preparedQuery("select name from tavolo_territori where tavolo_id = $1 order by position, name")
        .execute(Tuple.of(tavoloId)).map(rows -> {
          List<String> out = new ArrayList<>();
          for (Row r : rows) out.add(r.getString(0));
          return out;
        });
  }

  /** The territori of a document's tavolo: what its budget lines may name. */
  public Future<Set<String>> atDocument(UUID docId) {
    return pool.preparedQuery("select t.name from tavolo_territori t join documents d on d.tavolo_id = t.tavolo_id "
            + "where d.id = $1")
        .execute(Tuple.of(docId)).map(rows -> {
          Set<String> out = new LinkedHashSet<>();
          for (Row r : rows) out.add(r.getString(0));
          return out;
        });
  }

  /** Replaces the tavolo's list with {@code names} (already checked), in one transaction. */
  public Future<List<String>> replace(UUID tavoloId, List<String> names) {
    return pool.withTransaction(tx -> tx.preparedQuery("delete from tavolo_territori where tavolo_id = $1")
        .execute(Tuple.of(tavoloId))
        .compose(x -> {
          if (names.isEmpty()) return Future.succeededFuture();
          List<Tuple> rows = new ArrayList<>(names.size());
          for (int i = 0; i < names.size(); i++) rows.add(Tuple.of(tavoloId, names.get(i), i));
          return tx.preparedQuery("insert into tavolo_territori (tavolo_id, name, position) values ($1, $2, $3)")
              .executeBatch(rows).mapEmpty();
        })
        .map(x -> List.copyOf(names)));
  }

  /** Adds the names the tavolo does not list yet, after the others (the demo's seeding). */
  public static Future<Void> ensure(SqlClient c, UUID tavoloId, List<String> names) {
    List<Tuple> rows = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) rows.add(Tuple.of(tavoloId, names.get(i), i));
    return c.preparedQuery("insert into tavolo_territori (tavolo_id, name, position) values ($1, $2, $3) "
        + "on conflict do nothing").executeBatch(rows).mapEmpty();
  }
}
