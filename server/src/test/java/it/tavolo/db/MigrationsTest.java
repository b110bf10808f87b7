package it.tavolo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static RowSet<Row> sql(String query, Tuple args) throws Exception {
    return TestServer.pool().preparedQuery(query).execute(args).await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyMigrationIsAppliedAtStart() throws Exception {
    RowSet<Row> rows = sql("select version, success from flyway_schema_history where version is not null order by installed_rank", Tuple.tuple());
    assertTrue(rows.size() >= 1);
    assertEquals("1", rows.iterator().next().getString("version"));
    for (Row r : rows) {
      assertTrue(r.getBoolean("success"), "migration " + r.getString("version"));
    }
  }

  @Test
  void opLogRejectsUpdate() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Exception e = assertThrows(Exception.class,
        () -> sql("update op_log set client_id = 'tampered' where doc_id = $1", Tuple.of(t.documentId())));
    assertTrue(rootMessage(e).contains("append-only"), rootMessage(e));
  }

  @Test
  void opLogRejectsDelete() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Exception e = assertThrows(Exception.class,
        () -> sql("delete from op_log where doc_id = $1", Tuple.of(t.documentId())));
    assertTrue(rootMessage(e).contains("append-only"), rootMessage(e));
    assertEquals(1, sql("select count(*) from op_log where doc_id = $1", Tuple.of(t.documentId()))
        .iterator().next().getLong(0));
    // the demo document is untouched too
    assertEquals(1, sql("select count(*) from op_log where doc_id = $1", Tuple.of(DemoSeed.DOCUMENT_ID))
        .iterator().next().getLong(0));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || !(t instanceof PgException)) && t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
