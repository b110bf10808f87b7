package it.tavolo.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.UUID;

/**
 * A PA or an ETS. {@code etsKind} is one of {@link #ETS_KINDS} for ETS and null for PA
 * (the database checks it too).
 */
public record Organisation(UUID id, String name, String side, String etsKind) {

  public static final List<String> SIDES = List.of("PA", "ETS");
  public static final List<String> ETS_KINDS = List.of("cooperativa_sociale", "odv", "aps", "fondazione",
      "consorzio", "impresa_sociale", "ente_religioso", "altro");

  static Organisation from(Row r) {
    return new Organisation(r.getUUID("id"), r.getString("name"), r.getString("side"), r.getString("ets_kind"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("name", name).put("side", side).put("etsKind", etsKind);
  }
}
