package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Organisations proposed by invitees (issue 22: an invitee cannot choose their own
 * affiliation). A proposal changes nothing until a coordinator of its tavolo confirms it: then
 * the organisation is created, the account moved to it and the organisation named a partner of
 * the tavolo. Stateless (the database holds the state): any thread.
 */
public final class OrganisationProposalStore {
  private static final String COLUMNS = """
      p.id, p.tavolo_id, p.user_id, u.display_name, p.name, p.side, p.ets_kind, p.proposed_at, p.status,
      p.decided_by, p.decided_at, p.organisation_id""";

  private final Pool pool;

  public OrganisationProposalStore(Pool pool) { this.pool = pool; }

  public record Proposal(UUID id, UUID tavoloId, UUID userId, String userName, String name, String side, String etsKind,
                         Instant proposedAt, String status, UUID decidedBy, Instant decidedAt, UUID organisationId) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString())
          .put("user", new JsonObject().put("userId", userId.toString()).put("name", userName))
          .put("organisation", new JsonObject().put("name", name).put("side", side).put("etsKind", etsKind))
          .put("status", status).put("proposedAt", proposedAt.toString())
          .put("decidedAt", decidedAt == null ? null : decidedAt.toString())
          .put("decidedBy", decidedBy == null ? null : decidedBy.toString())
          .put("organisationId", organisationId == null ? null : organisationId.toString());
    }
  }

  /** Records a pending proposal in the caller's transaction (the registration's). */
  public Future<UUID> insert(SqlConnection tx, UUID tavoloId, UUID userId, String name, String side, String etsKind) {
    UUID id = UUID.randomUUID();
    return tx.preparedQuery("""
            insert into organisation_proposals (id, tavolo_id, user_id, name, side, ets_kind)
            values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(id, tavoloId, userId, name, side, etsKind)).map(id);
  }

  /** The tavolo's proposals, pending first, then newest first. */
  public Future<List<Proposal>> ofTavolo(UUID tavoloId) {
    return pool.preparedQuery("select " + COLUMNS + " from organisation_proposals p join users u on u.id = p.user_id"
            + " where p.tavolo_id = $1 order by (p.status = 'pending') desc, p.proposed_at desc, p.id")
        .execute(Tuple.of(tavoloId)).map(rows -> {
          List<Proposal> out = new ArrayList<>();
          for (Row r : rows) out.add(from(r));
          return out;
        });
  }

  /**
   * Confirms or rejects a pending proposal of the tavolo, in the caller's transaction. Not in
   * this tavolo: not_found; already decided: {@code proposal_decided}. Confirming creates the
   * organisation, moves the account to it and names it a partner of the tavolo.
   */
  public Future<Proposal> decide(SqlConnection tx, UUID tavoloId, UUID proposalId, UUID actor, boolean confirm,
                                 OrganisationStore organisations) {
    return tx.preparedQuery("select " + COLUMNS + " from organisation_proposals p join users u on u.id = p.user_id"
            + " where p.id = $1 and p.tavolo_id = $2 for update of p")
        .execute(Tuple.of(proposalId, tavoloId))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Refusal.notFound("No such organisation proposal in this tavolo."));
          Proposal p = from(rows.iterator().next());
          if (!"pending".equals(p.status())) {
            return Future.failedFuture(Refusal.conflict("proposal_decided", "This proposal was already " + p.status() + "."));
          }
          Future<UUID> org = !confirm ? Future.succeededFuture(null)
              : organisations.insert(tx, p.name(), p.side(), p.etsKind())
                  .compose(o -> tx.preparedQuery("update users set organisation_id = $2 where id = $1")
                      .execute(Tuple.of(p.userId(), o.id()))
                      .compose(x -> organisations.addPartner(tx, tavoloId, o.id())).map(o.id()));
          return org.compose(orgId -> tx.preparedQuery("""
                  update organisation_proposals set status = $2, decided_by = $3, decided_at = now(), organisation_id = $4
                  where id = $1""")
              .execute(Tuple.of(proposalId, confirm ? "confirmed" : "rejected", actor, orgId)))
              .compose(x -> tx.preparedQuery("select " + COLUMNS
                      + " from organisation_proposals p join users u on u.id = p.user_id where p.id = $1")
                  .execute(Tuple.of(proposalId)))
              .map(r -> from(r.iterator().next()));
        });
  }

  private static Proposal from(Row r) {
    OffsetDateTime decided = r.getOffsetDateTime("decided_at");
    return new Proposal(r.getUUID("id"), r.getUUID("tavolo_id"), r.getUUID("user_id"), r.getString("display_name"),
        r.getString("name"), r.getString("side"), r.getString("ets_kind"), r.getOffsetDateTime("proposed_at").toInstant(),
        r.getString("status"), r.getUUID("decided_by"), decided == null ? null : decided.toInstant(),
        r.getUUID("organisation_id"));
  }
}
