package it.tavolo.files;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.auth.SecretTokens;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the tavolo's files (V9: {@code tavolo_files}, {@code tavolo_file_chunks}). Stateless;
 * futures complete on the pool's event loops.
 */
final class FileStore {
  private static final String COLUMNS = """
      f.id, f.tavolo_id, f.name, f.content_type, f.size_bytes, f.sha256, f.uploaded_by, u.display_name as uploader,
      f.uploaded_at, f.link_kind, f.link_id, f.link_section, f.public, f.withdrawn_at, f.withdrawn_by,
      w.display_name as withdrawer, f.withdrawn_reason""";
  private static final String FROM = " from tavolo_files f join users u on u.id = f.uploaded_by left join users w on w.id = f.withdrawn_by";

  private final Pool pool;

  FileStore(Pool pool) {
    this.pool = pool;
  }

  /** A stored file's row. {@code link}: kind, id and (for a section) the section's id; null when unlinked. */
  record StoredFile(UUID id, UUID tavolo, String name, String contentType, long bytes, String sha256, UUID uploadedBy,
      String uploader, OffsetDateTime uploadedAt, Link link, boolean isPublic, OffsetDateTime withdrawnAt,
      UUID withdrawnBy, String withdrawer, String withdrawnReason) {
    boolean withdrawn() {
      return withdrawnAt != null;
    }

    JsonObject toJson() {
      JsonObject j = new JsonObject().put("id", id.toString()).put("name", name).put("contentType", contentType)
          .put("bytes", bytes).put("sha256", sha256)
          .put("uploadedBy", new JsonObject().put("id", uploadedBy.toString()).put("name", uploader))
          .put("uploadedAt", iso(uploadedAt)).put("link", link == null ? null : link.toJson()).put("public", isPublic);
      j.put("withdrawn", withdrawnAt == null ? null : new JsonObject()
          .put("by", new JsonObject().put("id", withdrawnBy.toString()).put("name", withdrawer))
          .put("at", iso(withdrawnAt)).put("reason", withdrawnReason));
      return j;
    }

    /** What a viewer link shows: no people. */
    JsonObject toPublicJson() {
      return new JsonObject().put("id", id.toString()).put("name", name).put("contentType", contentType)
          .put("bytes", bytes).put("sha256", sha256).put("uploadedAt", iso(uploadedAt));
    }
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }

  Future<Void> insertChunk(SqlClient tx, UUID file, int n, Buffer data) {
    return tx.preparedQuery("insert into tavolo_file_chunks (file_id, n, data) values ($1, $2, $3)")
        .execute(Tuple.of(file, n, data)).mapEmpty();
  }

  Future<Void> insertFile(SqlClient tx, UUID id, UUID tavolo, String name, String type, long bytes, String sha256,
      UUID user, Link link) {
    return tx.preparedQuery("""
            insert into tavolo_files (id, tavolo_id, name, content_type, size_bytes, sha256, uploaded_by, link_kind, link_id, link_section)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
        .execute(Tuple.tuple().addValue(id).addValue(tavolo).addValue(name).addValue(type).addValue(bytes).addValue(sha256)
            .addValue(user).addValue(link == null ? null : link.kind()).addValue(link == null ? null : link.id())
            .addValue(link == null ? null : link.section()))
        .mapEmpty();
  }

  Future<List<StoredFile>> list(UUID tavolo) {
    return pool.preparedQuery("select " + COLUMNS + FROM + " where f.tavolo_id = $1 order by f.uploaded_at, f.id")
        .execute(Tuple.of(tavolo)).map(rows -> {
          List<StoredFile> out = new ArrayList<>();
          for (Row r : rows) out.add(file(r));
          return out;
        });
  }

  Future<Optional<StoredFile>> get(SqlClient c, UUID tavolo, UUID id) {
    return c.preparedQuery("select " + COLUMNS + FROM + " where f.tavolo_id = $1 and f.id = $2")
        .execute(Tuple.of(tavolo, id)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(file(rows.iterator().next())));
  }

  Future<Optional<StoredFile>> get(UUID tavolo, UUID id) {
    return get(pool, tavolo, id);
  }

  /** Chunk {@code n} of a file, or null when there is none (withdrawn: its chunks were dropped). */
  Future<Buffer> chunk(UUID file, int n) {
    return pool.preparedQuery("select data from tavolo_file_chunks where file_id = $1 and n = $2").execute(Tuple.of(file, n))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer("data"));
  }

  /** Marks the file withdrawn and drops its bytes; false when it was withdrawn already. */
  Future<Boolean> withdraw(SqlClient tx, UUID tavolo, UUID id, UUID by, String reason) {
    return tx.preparedQuery("""
            update tavolo_files set withdrawn_at = now(), withdrawn_by = $3, withdrawn_reason = $4, public = false
            where tavolo_id = $1 and id = $2 and withdrawn_at is null returning id""")
        .execute(Tuple.of(tavolo, id, by, reason))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
            : tx.preparedQuery("delete from tavolo_file_chunks where file_id = $1").execute(Tuple.of(id)).map(x -> true));
  }

  Future<Void> setPublic(SqlClient tx, UUID id, boolean isPublic) {
    return tx.preparedQuery("update tavolo_files set public = $2 where id = $1").execute(Tuple.of(id, isPublic)).mapEmpty();
  }

  /** The tavolo a live viewer link (not revoked) opens, if the secret is one. */
  Future<Optional<UUID>> viewerTavolo(String secret) {
    if (!SecretTokens.looksValid(secret)) return Future.succeededFuture(Optional.empty());
    return pool.preparedQuery("""
            select s.tavolo_id from seduta_viewer_links l join sedute s on s.id = l.seduta_id
            where l.token_hash = $1 and l.revoked_at is null""")
        .execute(Tuple.of(Buffer.buffer(SecretTokens.hash(secret))))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("tavolo_id")));
  }

  /** Whether the link's target (seduta, agenda item, integration, document) belongs to this tavolo. */
  Future<Boolean> linkInTavolo(Link link, UUID tavolo) {
    String sql = switch (link.kind()) {
      case "seduta" -> "select 1 from sedute where id = $1 and tavolo_id = $2";
      case "agenda_item" -> "select 1 from seduta_agenda_items i join sedute s on s.id = i.seduta_id where i.id = $1 and s.tavolo_id = $2";
      case "integration" -> "select 1 from integrations where id = $1 and tavolo_id = $2";
      case "section" -> "select 1 from documents where id = $1 and tavolo_id = $2";
      default -> throw new IllegalArgumentException(link.kind());
    };
    return pool.preparedQuery(sql).execute(Tuple.of(link.id(), tavolo)).map(rows -> rows.size() > 0);
  }

  private static StoredFile file(Row r) {
    String kind = r.getString("link_kind");
    Link link = kind == null ? null : new Link(kind, r.getUUID("link_id"), r.getString("link_section"));
    return new StoredFile(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("name"), r.getString("content_type"),
        r.getLong("size_bytes"), r.getString("sha256"), r.getUUID("uploaded_by"), r.getString("uploader"),
        r.getOffsetDateTime("uploaded_at"), link, r.getBoolean("public"), r.getOffsetDateTime("withdrawn_at"),
        r.getUUID("withdrawn_by"), r.getString("withdrawer"), r.getString("withdrawn_reason"));
  }
}
