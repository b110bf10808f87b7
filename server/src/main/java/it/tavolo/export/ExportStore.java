package it.tavolo.export;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * What the exports read and keep: the table {@code version_exports} (the first export of a
 * consolidated version in each format, kept for every later download), a document's heading
 * and its tavolo's audit head. Stateless; its futures complete on the pool's event loop.
 */
final class ExportStore {
  private final Pool pool;

  ExportStore(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<ExportFile>> get(UUID doc, int number, String format) {
    return pool.preparedQuery("select content, sha256 from version_exports where doc_id = $1 and version_number = $2 "
            + "and format = $3")
        .execute(Tuple.of(doc, number, format))
        .map(ExportStore::first);
  }

  /**
   * Keeps {@code file} unless another download stored this version's file first (two first
   * downloads at once): then that one is returned, so every answer carries the same bytes.
   */
  Future<ExportFile> keep(UUID doc, int number, String format, ExportFile file) {
    return pool.preparedQuery("insert into version_exports (doc_id, version_number, format, content, sha256) "
            + "values ($1, $2, $3, $4, $5) on conflict do nothing")
        .execute(Tuple.of(doc, number, format, Buffer.buffer(file.bytes()), file.sha256()))
        .compose(x -> get(doc, number, format))
        .map(Optional::orElseThrow);
  }

  private static Optional<ExportFile> first(RowSet<Row> rows) {
    if (rows.size() == 0) return Optional.empty();
    Row row = rows.iterator().next();
    return Optional.of(new ExportFile(row.getBuffer("content").getBytes(), row.getString("sha256"), true));
  }

  /** The document's title and its tavolo's heading: columns tavolo_id, tavolo_title, avviso, ente_proponente, ambito, title. */
  Future<Row> heading(UUID doc) {
    return pool.preparedQuery("select t.id as tavolo_id, t.title as tavolo_title, t.avviso, "
            + "t.ente_proponente, t.ambito, d.title from documents d join tavoli t on t.id = d.tavolo_id where d.id = $1")
        .execute(Tuple.of(doc)).map(rows -> rows.iterator().next());
  }

  /** The hash of the tavolo's newest audit row, or null. */
  Future<String> auditHead(UUID tavolo) {
    return pool.preparedQuery("select hash from audit_log where tavolo_id = $1 order by n desc limit 1")
        .execute(Tuple.of(tavolo)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("hash"));
  }
}
