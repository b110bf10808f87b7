package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Revoked access tokens (by jti) and sessions (by id), until the tokens would expire anyway. */
public final class RevocationStore {
  private final Pool pool;

  public RevocationStore(Pool pool) { this.pool = pool; }

  public Future<Void> insert(UUID id, String kind, Instant expiresAt) {
    return pool.preparedQuery("""
            insert into revoked_tokens (id, kind, expires_at) values ($1, $2, $3)
            on conflict (id) do update set expires_at = greatest(revoked_tokens.expires_at, excluded.expires_at)""")
        .execute(Tuple.of(id, kind, InvitationStore.utc(expiresAt))).mapEmpty();
  }

  /** Unexpired revocations made after {@code since} (all of them when null), and the database's clock. */
  public record Batch(Instant dbNow, Map<UUID, Instant> revoked) {}

  public Future<Batch> since(Instant since) {
    return pool.preparedQuery("""
            with n as (select now() as t)
            select n.t, r.id, r.expires_at from n
            left join revoked_tokens r on r.expires_at > n.t and ($1::timestamptz is null or r.revoked_at > $1)""")
        .execute(Tuple.of(since == null ? null : InvitationStore.utc(since)))
        .map(rows -> {
          Instant now = null;
          Map<UUID, Instant> out = new HashMap<>();
          for (Row r : rows) {
            now = r.getOffsetDateTime("t").toInstant();
            UUID id = r.getUUID("id");
            if (id != null) out.put(id, r.getOffsetDateTime("expires_at").toInstant());
          }
          return new Batch(now, out);
        });
  }

  public Future<Integer> purgeExpired() {
    return pool.preparedQuery("delete from revoked_tokens where expires_at < now() - interval '1 minute'")
        .execute().map(rows -> rows.rowCount());
  }
}
