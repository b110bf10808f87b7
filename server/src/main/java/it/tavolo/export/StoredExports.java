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
 * The table {@code version_exports}: the first export of a consolidated version in each format,
 * kept for every later download. Stateless; its futures complete on the pool's event loop.
 */
final class StoredExports {
  private final Pool pool;

  StoredExports(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<ExportFile>> get(UUID doc, int number, String format) {
    return pool.preparedQuery("select content, sha256 from version_exports where doc_id = $1 and version_number = $2 "
            + "and format = $3")
        .execute(Tuple.of(doc, number, format))
        .map(StoredExports::first);
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
}
