package it.tavolo.imports;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** The table {@code document_imports}: which file a draft was imported from. Stateless. */
final class ImportStore {
  private ImportStore() {
  }

  /** In the transaction that creates the draft (its content is seq 1). */
  static Future<Void> record(SqlClient tx, UUID doc, String fileName, String format, String sha256, long size, UUID by) {
    return tx.preparedQuery("insert into document_imports (doc_id, file_name, format, sha256, size_bytes, "
            + "imported_by, seq) values ($1, $2, $3, $4, $5, $6, 1)")
        .execute(Tuple.tuple(List.of(doc, fileName, format, sha256, size, by))).mapEmpty();
  }
}
