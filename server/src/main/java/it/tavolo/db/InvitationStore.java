package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.auth.Refusal;
import it.tavolo.auth.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use invitation links. Only the token's hash is stored; using one is a conditional
 * update, so two people racing for the same link cannot both get in.
 */
public final class InvitationStore {
  private final Pool pool;

  public InvitationStore(Pool pool) { this.pool = pool; }

  /** What an invitation grants, as shown before accepting it. */
  public record Invitation(UUID id, UUID tavoloId, String tavoloTitle, Role role, Instant expiresAt,
                           Instant usedAt) {}

  public Future<UUID> create(byte[] tokenHash, UUID tavoloId, Role role, UUID createdBy, Instant expiresAt) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("""
            insert into invitations (id, token_hash, tavolo_id, role, created_by, expires_at)
            values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(id, Buffer.buffer(tokenHash), tavoloId, role.wire(), createdBy, utc(expiresAt)))
        .map(id);
  }

  public Future<Optional<Invitation>> find(byte[] tokenHash) {
    return pool.preparedQuery("""
            select i.id, i.tavolo_id, t.title, i.role, i.expires_at, i.used_at
            from invitations i join tavoli t on t.id = i.tavolo_id where i.token_hash = $1""")
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
        .compose(updated -> tx.preparedQuery("""
                select i.id, i.tavolo_id, t.title, i.role, i.expires_at, i.used_at
                from invitations i join tavoli t on t.id = i.tavolo_id where i.token_hash = $1""")
            .execute(Tuple.of(Buffer.buffer(tokenHash)))
            .compose(rows -> {
              if (rows.size() == 0) return Future.failedFuture(notFound());
              Invitation inv = from(rows.iterator().next());
              if (updated.rowCount() == 1) return Future.succeededFuture(inv);
              return Future.failedFuture(inv.usedAt() != null ? used() : expired());
            }));
  }

  public static Refusal notFound() { return Refusal.notFound("No such invitation: check the link."); }

  public static Refusal used() { return Refusal.gone("invitation_used", "This invitation has already been used: ask the coordinator for a new one."); }

  public static Refusal expired() { return Refusal.gone("invitation_expired", "This invitation has expired: ask the coordinator for a new one."); }

  private static Invitation from(Row r) {
    OffsetDateTime used = r.getOffsetDateTime("used_at");
    return new Invitation(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("title"),
        Role.parse(r.getString("role")).orElseThrow(), r.getOffsetDateTime("expires_at").toInstant(),
        used == null ? null : used.toInstant());
  }

  static OffsetDateTime utc(Instant i) { return OffsetDateTime.ofInstant(i, ZoneOffset.UTC); }
}
