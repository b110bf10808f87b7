package it.tavolo.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A document's header (its content lives in the op log and snapshots). */
public record DocumentInfo(UUID id, UUID tavoloId, String title, String mode, boolean locked) {

  static DocumentInfo from(Row r) {
    return new DocumentInfo(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("title"),
        r.getString("mode"), r.getBoolean("locked"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("title", title).put("mode", mode).put("locked", locked);
  }
}
