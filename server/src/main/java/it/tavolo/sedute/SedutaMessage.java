package it.tavolo.sedute;

import io.vertx.core.json.JsonObject;

/**
 * The {@code seduta} server message (docs/protocol.md, extension): the seduta's state and
 * the agenda item in discussion, sent to everyone connected to the tavolo's documents when
 * the coordinator opens, moves through the agenda, records a decision or closes.
 */
final class SedutaMessage {
  private SedutaMessage() {
  }

  static String of(JsonObject view) {
    JsonObject m = new JsonObject().put("type", "seduta")
        .put("seduta", view.getString("id"))
        .put("tavolo", view.getString("tavoloId"))
        .put("title", view.getString("title"))
        .put("state", view.getString("state"))
        .put("currentItem", view.getString("currentItem"));
    JsonObject current = null;
    for (Object o : view.getJsonArray("agenda")) {
      JsonObject i = (JsonObject) o;
      if (i.getString("id").equals(view.getString("currentItem"))) {
        current = new JsonObject().put("id", i.getString("id")).put("position", i.getInteger("position"))
            .put("title", i.getString("title"));
      }
    }
    m.put("item", current);
    return m.encode();
  }
}
