package it.tavolo.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A user with their organisation, as login and the token claims need them. */
public record Account(UUID userId, String email, String name, String passwordHash, Organisation organisation) {

  static final String COLUMNS =
      "u.id, u.email, u.display_name, u.password_hash, o.id as org_id, o.name as org_name, o.side, o.ets_kind";

  static Account from(Row r) {
    return new Account(r.getUUID("id"), r.getString("email"), r.getString("display_name"),
        r.getString("password_hash"),
        new Organisation(r.getUUID("org_id"), r.getString("org_name"), r.getString("side"), r.getString("ets_kind")));
  }

  /** The public view (never the hash). */
  public JsonObject toJson() {
    return new JsonObject().put("id", userId.toString()).put("email", email).put("name", name)
        .put("organisation", organisation.toJson()).put("side", organisation.side());
  }
}
