package it.tavolo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static RowSet<Row> sql(String query, Tuple args) throws Exception {
    return TestServer.pool().preparedQuery(query).execute(args).await(10, TimeUnit.SECONDS);
  }

  /**
   * The migrations on the classpath, as Flyway names them: every {@code V<n>__<description>.sql}
   * file in {@code db/migration}, by version. Read from the files themselves, so a migration
   * added later is expected too, and one that Flyway skipped (a misnamed file) shows up here.
   */
  private static TreeMap<Integer, String> migrationFiles() throws Exception {
    URL dir = MigrationsTest.class.getClassLoader().getResource("db/migration");
    assertNotNull(dir, "db/migration is on the classpath");
    TreeMap<Integer, String> files = new TreeMap<>();
    Pattern name = Pattern.compile("V(\\d+)__(.+)\\.sql");
    try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
      for (Path p : (Iterable<Path>) list::iterator) {
        Matcher m = name.matcher(p.getFileName().toString());
        assertTrue(m.matches(), "not a Flyway migration name: " + p.getFileName());
        assertNull(files.put(Integer.parseInt(m.group(1)), p.getFileName().toString()),
            "two migrations with version " + m.group(1));
      }
    }
    return files;
  }

  @Test
  void everyMigrationIsAppliedAtStart() throws Exception {
    TreeMap<Integer, String> files = migrationFiles();
    // V1..Vn with no gap: a gap is a migration lost (or renamed) on the way
    assertEquals(1, files.firstKey(), "the first migration is V1: " + files);
    assertEquals(files.size(), files.lastKey(), "versions V1..V" + files.lastKey() + " with no gap: " + files.keySet());
    Map<Integer, String> applied = new TreeMap<>();
    for (Row r : sql("select version, script, success from flyway_schema_history where version is not null "
        + "order by installed_rank", Tuple.tuple())) {
      assertTrue(r.getBoolean("success"), "migration " + r.getString("script") + " failed");
      applied.put(Integer.parseInt(r.getString("version")), r.getString("script"));
    }
    assertEquals(files, applied, "each migration file applied once, under its own name");
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
