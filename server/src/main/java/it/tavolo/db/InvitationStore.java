package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use invitation links. Only the token's hash is stored; using one is a conditional
 * update, so two people racing for the same link cannot both get in.
 */
public final class InvitationStore {
  private final Pool pool;

  public InvitationStore(Pool pool) { this.pool = pool; }

  /**
   * What an invitation grants, as shown before accepting it. {@code organisation}: the one the
   * inviter chose for a new account; null for invitations made without one (they cannot be used
   * to register).
   */
  public record Invitation(UUID id, UUID tavoloId, String tavoloTitle, Role role, Instant expiresAt,
                           Instant usedAt, Organisation organisation) {}

  private static final String SELECT = """
      select i.id, i.tavolo_id, t.title, i.role, i.expires_at, i.used_at,
             o.id as org_id, o.name as org_name, o.side as org_side, o.ets_kind as org_ets_kind
      from invitations i join tavoli t on t.id = i.tavolo_id left join organisations o on o.id = i.organisation_id
      where i.token_hash = $1""";

  /** Creates an invitation inside the caller's transaction (its audit row commits with it). */
  public Future<UUID> create(SqlConnection tx, byte[] tokenHash, UUID tavoloId, Role role, UUID createdBy,
                             Instant expiresAt, UUID organisationId) {
    UUID id = UUID.randomUUID();
    return tx.preparedQuery("""
            insert into invitations (id, token_hash, tavolo_id, role, created_by, expires_at, organisation_id)
            values ($1, $2, $3, $4, $5, $6, $7)""")
        .execute(Tuple.from(new Object[] {id, Buffer.buffer(tokenHash), tavoloId, role.wire(), createdBy,
            utc(expiresAt), organisationId}))
        .map(id);
  }

  public Future<Optional<Invitation>> find(byte[] tokenHash) {
    return pool.preparedQuery(SELECT)
        .execute(Tuple.of(Buffer.buffer(tokenHash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
  }

  /**
   * Marks the invitation used by {@code userId}, inside the caller's transaction, and returns
   * it. Fails with not_found, {@code invitation_used} or {@code invitation_expired}.
   */
  public Future<Invitation> consume(SqlConnection tx, byte[] tokenHash, UUID userId) {
    return tx.preparedQuery("""
            update invitations set used_at = now(), used_by = $2
            where token_hash = $1 and used_at is null and expires_at > now()
            returning id""")
        .execute(Tuple.of(Buffer.buffer(tokenHash), userId))
        .compose(updated -> tx.preparedQuery(SELECT)
            .execute(Tuple.of(Buffer.buffer(tokenHash)))
            .compose(rows -> {
              if (rows.size() == 0) return Future.failedFuture(notFound());
              Invitation inv = from(rows.iterator().next());
              if (updated.rowCount() == 1) return Future.succeededFuture(inv);
              return Future.failedFuture(inv.usedAt() != null ? used() : expired());
            }));
  }

  /** An invitation as its tavolo's coordinators see it (never the token: only its hash is kept). */
  public record Summary(UUID id, Role role, String status, Instant createdAt, Instant expiresAt, UUID createdBy,
                        String createdByName, Instant usedAt, UUID usedBy, String usedByName, Organisation organisation) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("role", role.wire()).put("status", status)
          .put("organisation", organisation == null ? null : organisation.toJson())
          .put("createdAt", createdAt.toString()).put("expiresAt", expiresAt.toString())
          .put("createdBy", new JsonObject().put("userId", createdBy.toString()).put("name", createdByName))
          .put("usedAt", usedAt == null ? null : usedAt.toString())
          .put("usedBy", usedBy == null ? null : new JsonObject().put("userId", usedBy.toString()).put("name", usedByName));
    }
  }

  /** The tavolo's invitations, newest first, with status pending, used or expired. */
  public Future<List<Summary>> ofTavolo(UUID tavoloId) {
    return pool.preparedQuery("""
            select i.id, i.role, i.created_at, i.expires_at, i.used_at, i.created_by, c.display_name as created_by_name,
                   i.used_by, u.display_name as used_by_name,
                   o.id as org_id, o.name as org_name, o.side as org_side, o.ets_kind as org_ets_kind,
                   case when i.used_at is not null then 'used' when i.expires_at <= now() then 'expired' else 'pending' end as status
            from invitations i join users c on c.id = i.created_by left join users u on u.id = i.used_by
                 left join organisations o on o.id = i.organisation_id
            where i.tavolo_id = $1 order by i.created_at desc, i.id""")
        .execute(Tuple.of(tavoloId))
        .map(rows -> {
          List<Summary> out = new ArrayList<>();
          for (Row r : rows) {
            OffsetDateTime used = r.getOffsetDateTime("used_at");
            out.add(new Summary(r.getUUID("id"), Role.parse(r.getString("role")).orElseThrow(), r.getString("status"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("expires_at").toInstant(),
                r.getUUID("created_by"), r.getString("created_by_name"), used == null ? null : used.toInstant(),
                r.getUUID("used_by"), r.getString("used_by_name"), organisation(r)));
          }
          return out;
        });
  }

  /**
   * Withdraws an unused invitation of the tavolo: it expires now (kept for the record).
   * Already expired: nothing to do. Used: {@code invitation_used}. Not in this tavolo: not_found.
   */
  public Future<Void> withdraw(SqlConnection tx, UUID tavoloId, UUID invitationId) {
    return tx.preparedQuery("""
            update invitations set expires_at = least(expires_at, now())
            where id = $1 and tavolo_id = $2 and used_at is null""")
        .execute(Tuple.of(invitationId, tavoloId))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Void>succeededFuture()
            : tx.preparedQuery("select 1 from invitations where id = $1 and tavolo_id = $2")
                .execute(Tuple.of(invitationId, tavoloId))
                .compose(rows -> Future.failedFuture(rows.size() == 0 ? notFound() : used())));
  }

  public static Refusal notFound() { return Refusal.notFound("No such invitation: check the link."); }

  public static Refusal used() { return Refusal.gone("invitation_used", "This invitation has already been used: ask the coordinator for a new one."); }

  public static Refusal expired() { return Refusal.gone("invitation_expired", "This invitation has expired: ask the coordinator for a new one."); }

  private static Invitation from(Row r) {
    OffsetDateTime used = r.getOffsetDateTime("used_at");
    return new Invitation(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("title"),
        Role.parse(r.getString("role")).orElseThrow(), r.getOffsetDateTime("expires_at").toInstant(),
        used == null ? null : used.toInstant(), organisation(r));
  }

  private static Organisation organisation(Row r) {
    UUID id = r.getUUID("org_id");
    return id == null ? null
        : new Organisation(id, r.getString("org_name"), r.getString("org_side"), r.getString("org_ets_kind"));
  }

  static OffsetDateTime utc(Instant i) { return OffsetDateTime.ofInstant(i, ZoneOffset.UTC); }
}
