package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Versions (table versions; its trigger keeps consolidated rows immutable). */
public final class VersionStore {
  private static final String SELECT = """
      select v.doc_id, v.number, v.seq, v.name, v.created_by, cu.display_name as created_by_name, v.created_at,
             v.consolidated_by, ku.display_name as consolidated_by_name, v.consolidated_at, v.sha256
      from versions v join users cu on cu.id = v.created_by left join users ku on ku.id = v.consolidated_by
      """;

  private final Pool pool;

  public VersionStore(Pool pool) {
    this.pool = pool;
  }

  /** Adds the next version of the document; the caller's transaction must hold the document's row lock. */
  public Future<Integer> insert(SqlClient tx, UUID docId, long seq, String name, UUID by) {
    return tx.preparedQuery("insert into versions (doc_id, number, seq, name, created_by) "
            + "select $1, coalesce(max(number), 0) + 1, $2, $3, $4 from versions where doc_id = $1 returning number")
        .execute(Tuple.of(docId, seq, name, by))
        .map(rows -> rows.iterator().next().getInteger("number"));
  }

  public Future<Void> consolidate(SqlClient tx, UUID docId, int number, UUID by, String canonical, String sha256) {
    return tx.preparedQuery("update versions set consolidated_by = $3, consolidated_at = $4, canonical = $5, sha256 = $6 "
            + "where doc_id = $1 and number = $2")
        .execute(Tuple.tuple().addValue(docId).addValue(number).addValue(by).addValue(OffsetDateTime.now())
            .addValue(canonical).addValue(sha256))
        .mapEmpty();
  }

  /**
   * The number of the document's most recently consolidated version, if any, and whether its
   * content (the canonical form's collections: not its seq, which always moves) equals that
   * of {@code canonical}; jsonb equality, so key order and spacing do not matter.
   */
  public Future<Optional<Map.Entry<Integer, Boolean>>> lastConsolidated(SqlClient c, UUID docId, String canonical) {
    return c.preparedQuery("select number, (canonical::jsonb -> 'collections') = ($2::text::jsonb -> 'collections') as same "
            + "from versions where doc_id = $1 and sha256 is not null order by consolidated_at desc, number desc limit 1")
        .execute(Tuple.of(docId, canonical))
        .map(rows -> rows.size() == 0 ? Optional.<Map.Entry<Integer, Boolean>>empty()
            : Optional.of(Map.entry(rows.iterator().next().getInteger("number"), rows.iterator().next().getBoolean("same"))));
  }

  public Future<Optional<Version>> get(SqlClient c, UUID docId, int number) {
    return c.preparedQuery(SELECT + "where v.doc_id = $1 and v.number = $2").execute(Tuple.of(docId, number))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
  }

  public Future<List<Version>> list(UUID docId) {
    return pool.preparedQuery(SELECT + "where v.doc_id = $1 order by v.number").execute(Tuple.of(docId)).map(rows -> {
      List<Version> out = new ArrayList<>();
      for (Row r : rows) out.add(from(r));
      return out;
    });
  }

  /** The stored canonical text of a consolidated version (null for a named one). */
  public Future<String> canonical(UUID docId, int number) {
    return pool.preparedQuery("select canonical from versions where doc_id = $1 and number = $2")
        .execute(Tuple.of(docId, number))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("canonical"));
  }

  private static Version from(Row r) {
    return new Version(r.getUUID("doc_id"), r.getInteger("number"), r.getLong("seq"), r.getString("name"),
        r.getUUID("created_by"), r.getString("created_by_name"), r.getOffsetDateTime("created_at"),
        r.getUUID("consolidated_by"), r.getString("consolidated_by_name"), r.getOffsetDateTime("consolidated_at"),
        r.getString("sha256"));
  }
}
