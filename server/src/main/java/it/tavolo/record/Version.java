package it.tavolo.record;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A named point of a document's history; consolidated when it has a hash. */
public record Version(UUID docId, int number, long seq, String name, UUID createdBy, String createdByName,
                      OffsetDateTime createdAt, UUID consolidatedBy, String consolidatedByName,
                      OffsetDateTime consolidatedAt, String sha256) {

  public boolean consolidated() {
    return consolidatedAt != null;
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("number", number).put("seq", seq).put("name", name)
        .put("createdBy", new JsonObject().put("id", createdBy.toString()).put("name", createdByName))
        .put("createdAt", createdAt.toInstant().toString())
        .put("consolidated", consolidated());
    if (consolidated()) {
      o.put("consolidatedBy", new JsonObject().put("id", consolidatedBy.toString()).put("name", consolidatedByName))
          .put("consolidatedAt", consolidatedAt.toInstant().toString())
          .put("sha256", sha256);
    }
    return o;
  }
}
