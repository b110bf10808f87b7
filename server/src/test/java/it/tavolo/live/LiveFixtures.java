package it.tavolo.live;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Documents made for one test: in a fresh tavolo of the demo accounts, or in one nobody belongs to. */
final class LiveFixtures {
  private LiveFixtures() {
  }

  /** A fresh tavolo's document holding the demo draft as seq 1. */
  static UUID seededDocument() {
    return TestServer.freshTavolo().documentId();
  }

  /** An empty document (seq 0) in a fresh tavolo of the demo accounts. */
  static UUID emptyDocument() {
    return document(TestServer.freshTavolo().id(), "live", false);
  }

  static UUID document(UUID tavolo, String mode, boolean locked) {
    UUID doc = UUID.randomUUID();
    sql("insert into documents (id, tavolo_id, title, mode, locked) values ($1, $2, 'Prova', $3, $4)",
        Tuple.of(doc, tavolo, mode, locked));
    return doc;
  }

  /** A document in a tavolo without members. */
  static UUID strangersDocument() {
    UUID tavolo = UUID.randomUUID();
    sql("insert into tavoli (id, title) values ($1, 'Altro tavolo')", Tuple.of(tavolo));
    return document(tavolo, "live", false);
  }

  static List<Row> sql(String query, Tuple args) {
    return sql(TestServer.pool(), query, args);
  }

  static List<Row> sql(Pool pool, String query, Tuple args) {
    try {
      List<Row> out = new ArrayList<>();
      pool.preparedQuery(query).execute(args).await(30, TimeUnit.SECONDS).forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(query + ": " + e, e);
    }
  }

  static long opLogRows(UUID doc) {
    return sql("select count(*) as n from op_log where doc_id = $1", Tuple.of(doc)).get(0).getLong("n");
  }
}
