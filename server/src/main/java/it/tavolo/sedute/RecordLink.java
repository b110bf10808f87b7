package it.tavolo.sedute;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * An integration accepted or a version consolidated while a seduta was open (the record of
 * issue 6), as the seduta shows it and the verbale lists it.
 *
 * @param actor       who proposed the integration, or who consolidated the version
 * @param secondActor who accepted the integration (null for versions)
 */
record RecordLink(String kind, String refId, UUID docId, String document, String title, String actor,
                  String secondActor, Long seq, String sha256, Instant at) {
  static final String INTEGRATION = "integration";
  static final String VERSION = "version";

  JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", refId).put("documentId", docId == null ? null : docId.toString())
        .put("document", document).put("title", title).put("at", at.toString());
    if (INTEGRATION.equals(kind)) {
      o.put("proposedBy", actor).put("acceptedBy", secondActor);
    } else {
      o.put("seq", seq).put("sha256", sha256).put("consolidatedBy", actor);
    }
    return o;
  }
}
