package it.tavolo.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import it.tavolo.db.RevocationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which access tokens (by jti) and sessions (by id) are revoked, checked on every request
 * and WebSocket message, so it is a map lookup. The database is the record; this process
 * sees its own revocations at once and other processes' within {@code pollEvery}.
 */
public final class Revocations {
  private static final Logger log = LoggerFactory.getLogger(Revocations.class);
  /** Re-read this far back at each poll: a revocation committed late is still seen. */
  private static final Duration OVERLAP = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final RevocationStore store;
  private final Duration pollEvery;
  private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
  private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
  private volatile Instant lastDbNow;
  private long timer = -1;
  private long polls;

  public Revocations(Vertx vertx, RevocationStore store, Duration pollEvery) {
    this.vertx = vertx;
    this.store = store;
    this.pollEvery = pollEvery;
  }

  /**
   * Polls for revocations from now on; the future completes after the first successful poll
   * (retried until the database answers), and no token should be accepted before that.
   */
  public Future<Void> start() {
    Promise<Void> loaded = Promise.promise();
    Handler<Long> tick = id -> poll()
        .onSuccess(x -> loaded.tryComplete())
        .onFailure(e -> log.warn("revocation poll failed: {}", e.toString()));
    timer = vertx.setPeriodic(1, pollEvery.toMillis(), tick);
    return loaded.future();
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  public boolean isRevoked(UUID jti, UUID sessionId) {
    return revoked.containsKey(jti) || (sessionId != null && revoked.containsKey(sessionId));
  }

  /** Revokes one access token until it expires. */
  public Future<Void> revokeToken(UUID jti, Instant expiresAt) {
    return revoke(jti, "access", expiresAt);
  }

  /** Revokes every access token of a session; {@code until} is when the last of them expires. */
  public Future<Void> revokeSession(UUID sessionId, Instant until) {
    return revoke(sessionId, "session", until);
  }

  /**
   * Called with a jti or session id whenever one becomes revoked (here or, after a poll, in
   * another process), so open WebSocket connections can be closed.
   */
  public void onRevoked(Consumer<UUID> listener) {
    listeners.add(listener);
  }

  private Future<Void> revoke(UUID id, String kind, Instant until) {
    return store.insert(id, kind, until).onSuccess(x -> remember(id, until));
  }

  private void remember(UUID id, Instant until) {
    if (revoked.put(id, until) == null) {
      for (Consumer<UUID> l : listeners) {
        try {
          l.accept(id);
        } catch (RuntimeException e) {
          log.warn("revocation listener failed", e);
        }
      }
    }
  }

  private Future<Void> poll() {
    Instant since = lastDbNow == null ? null : lastDbNow.minus(OVERLAP);
    return store.since(since).compose(batch -> {
      lastDbNow = batch.dbNow();
      batch.revoked().forEach(this::remember);
      revoked.values().removeIf(exp -> exp.isBefore(batch.dbNow()));
      // the table only needs rows that can still matter; one process purging now and then suffices
      return (polls++ % 600 == 0) ? store.purgeExpired().mapEmpty() : Future.succeededFuture();
    });
  }
}
