package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Login sessions and their refresh tokens (stored as SHA-256). A refresh token is used at
 * most once: {@link #rotate} marks it used and stores its successor in one transaction.
 */
public final class SessionStore {
  private final Pool pool;

  public SessionStore(Pool pool) { this.pool = pool; }

  public Future<Void> open(UUID sessionId, UUID userId, byte[] refreshHash, Instant refreshExpiresAt) {
    return pool.withTransaction(tx -> tx.preparedQuery("insert into sessions (id, user_id) values ($1, $2)")
        .execute(Tuple.of(sessionId, userId))
        .compose(x -> tx.preparedQuery("insert into refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3)")
            .execute(Tuple.of(Buffer.buffer(refreshHash), sessionId, InvitationStore.utc(refreshExpiresAt))))
        .mapEmpty());
  }

  /** What became of a presented refresh token. */
  public sealed interface Rotation {
    /** The token was good: it is now used and {@code newHash} is the session's live token. */
    record Rotated(UUID sessionId, UUID userId) implements Rotation {}
    /** The token was already used: someone replays it, so the session has been revoked. */
    record Replayed(UUID sessionId) implements Rotation {}
    /** Unknown, expired, or its session was logged out. */
    record Invalid() implements Rotation {}
  }

  public Future<Rotation> rotate(byte[] oldHash, byte[] newHash, Instant newExpiresAt) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                select r.session_id, r.used_at, r.expires_at > now() as live, s.user_id, s.revoked_at
                from refresh_tokens r join sessions s on s.id = r.session_id
                where r.token_hash = $1 for update of r, s""")
        .execute(Tuple.of(Buffer.buffer(oldHash)))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(new Rotation.Invalid());
          Row r = rows.iterator().next();
          UUID sessionId = r.getUUID("session_id");
          if (r.getOffsetDateTime("revoked_at") != null) return Future.succeededFuture(new Rotation.Invalid());
          if (r.getOffsetDateTime("used_at") != null) {
            return tx.preparedQuery("update sessions set revoked_at = now() where id = $1").execute(Tuple.of(sessionId))
                .map(new Rotation.Replayed(sessionId));
          }
          if (!r.getBoolean("live")) return Future.succeededFuture(new Rotation.Invalid());
          return tx.preparedQuery("update refresh_tokens set used_at = now() where token_hash = $1")
              .execute(Tuple.of(Buffer.buffer(oldHash)))
              .compose(x -> tx.preparedQuery("insert into refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3)")
                  .execute(Tuple.of(Buffer.buffer(newHash), sessionId, InvitationStore.utc(newExpiresAt))))
              .map(new Rotation.Rotated(sessionId, r.getUUID("user_id")));
        }));
  }

  public Future<Void> revoke(UUID sessionId) {
    return pool.preparedQuery("update sessions set revoked_at = now() where id = $1 and revoked_at is null")
        .execute(Tuple.of(sessionId)).mapEmpty();
  }
}
