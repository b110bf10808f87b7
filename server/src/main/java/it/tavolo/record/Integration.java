package it.tavolo.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One integration (a proposal) as stored, with its proposer's and decider's names, and its
 * {@code pledges}: {@code owners} (ids of the organisations whose budget lines it touches),
 * {@code awaiting} ({id,name} of those still to confirm this revision) and {@code
 * confirmations} ({organisation, by, at, revision} for this revision).
 */
public record Integration(
    UUID id, UUID docId, UUID tavoloId,
    UUID proposer, String proposerName, UUID proposerOrg, String proposerOrgName, String proposerSide,
    String status, long baseSeq, JsonArray ops, JsonArray targets, String rationale, int revision,
    OffsetDateTime createdAt, OffsetDateTime updatedAt,
    UUID decidedBy, String decidedByName, OffsetDateTime decidedAt, String decisionReason,
    Long appliedSeq, JsonObject conflict, int supports, int comments, JsonObject pledges) {

  public static final String OPEN = "open";
  public static final String APPLYING = "applying";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String WITHDRAWN = "withdrawn";

  /** The op_log client id of its applied batch: the link from a seq to the integration. */
  public String clientId() {
    return clientIdOf(id);
  }

  public static String clientIdOf(UUID id) {
    return "integration:" + id;
  }

  public JsonObject toJson() {
    JsonObject proposerJson = new JsonObject().put("id", id(proposer)).put("name", proposerName)
        .put("organisation", new JsonObject().put("id", id(proposerOrg)).put("name", proposerOrgName))
        .put("side", proposerSide);
    JsonObject decision = null;
    if (decidedAt != null && !APPLYING.equals(status)) {
      decision = new JsonObject().put("by", decidedBy == null ? null
              : new JsonObject().put("id", id(decidedBy)).put("name", decidedByName))
          .put("at", decidedAt.toInstant().toString()).put("reason", decisionReason).put("seq", appliedSeq);
    }
    return new JsonObject()
        .put("id", id(id)).put("document", id(docId)).put("status", status)
        .put("proposer", proposerJson)
        .put("baseSeq", baseSeq).put("revision", revision)
        .put("rationale", rationale).put("ops", ops).put("targets", targets)
        .put("createdAt", createdAt.toInstant().toString()).put("updatedAt", updatedAt.toInstant().toString())
        .put("decision", decision)
        .put("conflict", conflict)
        .put("supports", supports).put("comments", comments)
        .put("pledges", pledges);
  }

  /**
   * The organisations (with people at the tavolo) whose budget lines it touches and which have
   * not confirmed its current revision: a coordinator cannot accept it before they do (issue 15).
   */
  public JsonArray awaiting() {
    return pledges.getJsonArray("awaiting");
  }

  static String id(UUID u) {
    return u == null ? null : u.toString();
  }
}
