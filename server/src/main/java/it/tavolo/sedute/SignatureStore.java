package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** The signed copies of approved verbali (V11): append-only, with what the check found. Stateless. */
final class SignatureStore {
  private final Pool pool;

  SignatureStore(Pool pool) {
    this.pool = pool;
  }

  Future<JsonObject> add(UUID sedutaId, String kind, byte[] file, String sha256, String approvedSha, JsonObject result, UUID by) {
    return pool.preparedQuery("""
            insert into seduta_verbale_signatures (id, seduta_id, kind, file, sha256, approved_pdf_sha256, result, uploaded_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            returning id, kind, sha256, length(file) as bytes, result, uploaded_by, uploaded_at""")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), sedutaId, kind, Buffer.buffer(file), sha256, approvedSha, result, by}))
        .map(rows -> json(rows.iterator().next()));
  }

  Future<List<JsonObject>> list(UUID sedutaId) {
    return SedutaStore.rows(pool, """
        select id, kind, sha256, length(file) as bytes, result, uploaded_by, uploaded_at
        from seduta_verbale_signatures where seduta_id = $1 order by uploaded_at, id""", Tuple.of(sedutaId))
        .map(rows -> rows.stream().map(SignatureStore::json).toList());
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getUUID("id").toString()).put("kind", r.getString("kind"))
        .put("sha256", r.getString("sha256")).put("bytes", r.getInteger("bytes"))
        .put("result", (JsonObject) r.getJson("result")).put("uploadedBy", r.getUUID("uploaded_by").toString())
        .put("uploadedAt", SedutaHeader.instant(r, "uploaded_at").toString());
  }
}
