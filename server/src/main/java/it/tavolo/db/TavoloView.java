package it.tavolo.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A tavolo as one of its members sees it: with their role and the documents. */
public record TavoloView(UUID id, String title, String avviso, String enteProponente, String ambito,
                         String phase, Role role, OffsetDateTime createdAt, List<DocumentInfo> documents) {

  public static final List<String> PHASES = List.of("co-programmazione", "co-progettazione");

  public JsonObject toJson() {
    JsonArray docs = new JsonArray();
    documents.forEach(d -> docs.add(d.toJson()));
    return new JsonObject().put("id", id.toString()).put("title", title).put("avviso", avviso)
        .put("enteProponente", enteProponente).put("ambito", ambito).put("phase", phase)
        .put("role", role.wire()).put("createdAt", createdAt.toInstant().toString()).put("documents", docs);
  }
}
