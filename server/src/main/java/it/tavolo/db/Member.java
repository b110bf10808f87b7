package it.tavolo.db;

import io.vertx.core.json.JsonObject;
import it.tavolo.core.Role;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tavolo member as the other members see them (no email: names and organisations suffice). */
public record Member(UUID userId, String name, Organisation organisation, Role role, OffsetDateTime joinedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId.toString()).put("name", name)
        .put("organisation", organisation.toJson()).put("side", organisation.side())
        .put("role", role.wire()).put("joinedAt", joinedAt.toInstant().toString());
  }
}
