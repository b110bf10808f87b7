package it.tavolo.templates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * The tables {@code tavolo_templates} and {@code document_guidance}, and the creating batch a
 * document made from a template starts with. Callers pass the pool, or the transaction the
 * write belongs to. Stateless.
 */
final class TemplateStore {
  private TemplateStore() {
  }

  /** A tavolo's own templates with their authors, oldest first. */
  static Future<RowSet<Row>> list(SqlClient c, UUID tavolo) {
    return c.preparedQuery("""
            select t.id, t.title, t.structure::text as structure, t.created_at, u.id as uid, u.display_name
            from tavolo_templates t join users u on u.id = t.created_by where t.tavolo_id = $1 order by t.created_at, t.id""")
        .execute(Tuple.of(tavolo));
  }

  static Future<RowSet<Row>> insert(SqlClient tx, UUID id, UUID tavolo, String title, JsonObject structure, UUID fromDoc, UUID user) {
    return tx.preparedQuery(
            "insert into tavolo_templates (id, tavolo_id, title, structure, from_doc, created_by) values ($1, $2, $3, $4::jsonb, $5, $6)")
        .execute(Tuple.of(id, tavolo, title, structure, fromDoc, user));
  }

  /** One template of the tavolo: its title and its structure as text ({@code s}); no row when it is not the tavolo's. */
  static Future<RowSet<Row>> find(SqlClient c, UUID id, UUID tavolo) {
    return c.preparedQuery("select title, structure::text as s from tavolo_templates where id = $1 and tavolo_id = $2")
        .execute(Tuple.of(id, tavolo));
  }

  /** The new document's first batch (seq 1, client {@code template}). */
  static Future<RowSet<Row>> firstBatch(SqlClient tx, UUID doc, UUID user, JsonArray ops) {
    return tx.preparedQuery("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) values ($1, 1, $2, 'template', 1, $3::jsonb)")
        .execute(Tuple.of(doc, user, ops));
  }

  /** Guidance notes, one tuple (doc, coll, entity id, text) each; the list is not empty. */
  static Future<RowSet<Row>> insertGuidance(SqlClient tx, List<Tuple> notes) {
    return tx.preparedQuery("insert into document_guidance (doc_id, coll, entity_id, guidance) values ($1, $2, $3, $4)").executeBatch(notes);
  }

  static Future<RowSet<Row>> guidance(SqlClient c, UUID doc) {
    return c.preparedQuery("select coll, entity_id, guidance from document_guidance where doc_id = $1")
        .execute(Tuple.of(doc));
  }
}
