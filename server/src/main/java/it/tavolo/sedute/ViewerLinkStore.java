package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.auth.SecretTokens;
import it.tavolo.core.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only live links of a seduta, for people who watch without an account. The secret is
 * shown once; only its SHA-256 is stored. A seduta has at most one active link: a new one
 * replaces it, and closing the seduta revokes it. Revocations are polled from the database,
 * so a connection opened through another server process is closed within a few seconds.
 */
final class ViewerLinkStore {
  private static final Duration POLL = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final Pool pool;
  private final Set<UUID> revoked = ConcurrentHashMap.newKeySet();
  private long timer = -1;
  private volatile java.util.function.Consumer<List<UUID>> onRevokedElsewhere = ids -> { };

  ViewerLinkStore(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /**
   * Starts polling; {@code onRevokedElsewhere} gets the links another process revoked, newly
   * seen by a poll, so their connections here are closed within a poll (docs/protocol.md,
   * "Read-only guests": within a few seconds on the other processes).
   */
  void start(java.util.function.Consumer<List<UUID>> onRevokedElsewhere) {
    this.onRevokedElsewhere = onRevokedElsewhere;
    timer = vertx.setPeriodic(POLL.toMillis(), t -> poll());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  record Created(UUID id, String token, Instant createdAt, List<UUID> replaced) {
  }

  record Active(UUID id, Instant createdAt, UUID createdBy) {
  }

  /** A link that a viewer presented: which seduta it opens. */
  record Link(UUID id, UUID sedutaId, UUID tavoloId, String state) {
  }

  /** A new link for the seduta; the previous one (if any) stops working. */
  Future<Created> create(UUID sedutaId, UUID by) {
    String token = SecretTokens.generate();
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery(
                "update seduta_viewer_links set revoked_at = now(), revoked_by = $2 where seduta_id = $1 and revoked_at is null returning id")
            .execute(Tuple.of(sedutaId, by))
            .compose(old -> {
              List<UUID> replaced = new java.util.ArrayList<>();
              old.forEach(r -> replaced.add(r.getUUID("id")));
              return tx.preparedQuery("insert into seduta_viewer_links (id, seduta_id, token_hash, created_by) values ($1, $2, $3, $4) returning created_at")
                  .execute(Tuple.of(id, sedutaId, io.vertx.core.buffer.Buffer.buffer(SecretTokens.hash(token)), by))
                  .map(rows -> new Created(id, token, SedutaHeader.instant(rows.iterator().next(), "created_at"), replaced));
            }))
        .onSuccess(c -> revoked.addAll(c.replaced()));
  }

  /** Revokes the seduta's active link; returns the ids revoked (none: nothing to revoke). */
  Future<List<UUID>> revoke(UUID sedutaId, UUID by) {
    return pool.preparedQuery("update seduta_viewer_links set revoked_at = now(), revoked_by = $2 where seduta_id = $1 and revoked_at is null returning id")
        .execute(Tuple.of(sedutaId, by))
        .map(rows -> {
          List<UUID> ids = new java.util.ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID("id")));
          revoked.addAll(ids);
          return ids;
        });
  }

  /** Revokes the seduta's active link in the caller's transaction (closing a seduta); then {@link #revokedElsewhere}. */
  static Future<List<UUID>> revokeAll(io.vertx.sqlclient.SqlClient tx, UUID sedutaId, UUID by) {
    return tx.preparedQuery("update seduta_viewer_links set revoked_at = now(), revoked_by = $2 "
            + "where seduta_id = $1 and revoked_at is null returning id").execute(Tuple.of(sedutaId, by))
        .map(rows -> {
          List<UUID> ids = new java.util.ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID("id")));
          return ids;
        });
  }

  /** A document's mode and lock, as a viewer's pass carries them. */
  record DocumentState(String mode, boolean locked) {
  }

  Future<DocumentState> documentState(UUID docId) {
    return pool.preparedQuery("select mode, locked from documents where id = $1").execute(Tuple.of(docId))
        .map(rows -> new DocumentState(rows.iterator().next().getString("mode"), rows.iterator().next().getBoolean("locked")));
  }

  /** Marks links revoked by a transaction of the caller's (closing a seduta). */
  void revokedElsewhere(List<UUID> ids) {
    revoked.addAll(ids);
  }

  Future<Optional<Active>> active(UUID sedutaId) {
    return pool.preparedQuery("select id, created_at, created_by from seduta_viewer_links where seduta_id = $1 and revoked_at is null")
        .execute(Tuple.of(sedutaId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Active(r.getUUID("id"), SedutaHeader.instant(r, "created_at"), r.getUUID("created_by")));
        });
  }

  /**
   * The link for a secret: fails {@code not_found} when unknown, {@code link_revoked} when
   * revoked (or its seduta is closed).
   */
  Future<Link> find(String secret) {
    if (!SecretTokens.looksValid(secret)) {
      return Future.failedFuture(unknown());
    }
    return pool.preparedQuery("""
            select l.id, l.seduta_id, l.revoked_at, s.tavolo_id, s.state
            from seduta_viewer_links l join sedute s on s.id = l.seduta_id where l.token_hash = $1""")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(SecretTokens.hash(secret))))
        .map(rows -> link(rows));
  }

  private Link link(io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw unknown();
    }
    Row r = rows.iterator().next();
    if (r.getValue("revoked_at") != null) {
      revoked.add(r.getUUID("id"));
      throw Refusal.gone("link_revoked", "This viewer link was revoked by the coordinator.");
    }
    return new Link(r.getUUID("id"), r.getUUID("seduta_id"), r.getUUID("tavolo_id"), r.getString("state"));
  }

  /** The link with this id, with the same refusals as {@link #find}. */
  Future<Link> byId(UUID linkId) {
    return pool.preparedQuery("""
            select l.id, l.seduta_id, l.revoked_at, s.tavolo_id, s.state
            from seduta_viewer_links l join sedute s on s.id = l.seduta_id where l.id = $1""")
        .execute(Tuple.of(linkId))
        .map(rows -> link(rows));
  }

  /** The documents a link lets one watch: the seduta's, or all the tavolo's when it lists none. */
  Future<Boolean> covers(Link link, UUID docId) {
    return pool.preparedQuery("""
            select exists (select 1 from seduta_documents where seduta_id = $1 and doc_id = $3)
                or (not exists (select 1 from seduta_documents where seduta_id = $1)
                    and exists (select 1 from documents where id = $3 and tavolo_id = $2)) as ok""")
        .execute(Tuple.of(link.sedutaId(), link.tavoloId(), docId))
        .map(rows -> rows.iterator().next().getBoolean("ok"));
  }

  boolean isRevoked(UUID linkId) {
    return revoked.contains(linkId);
  }

  /** Revocations of the last minute, by any process (a missed poll is covered by the next ones). */
  private void poll() {
    pool.query("select id from seduta_viewer_links where revoked_at >= now() - interval '1 minute'").execute()
        .onSuccess(rows -> {
          List<UUID> fresh = new java.util.ArrayList<>();
          rows.forEach(r -> {
            if (revoked.add(r.getUUID("id"))) {
              fresh.add(r.getUUID("id"));
            }
          });
          if (!fresh.isEmpty()) {
            onRevokedElsewhere.accept(fresh);
          }
        });
  }

  private static Refusal unknown() {
    return Refusal.notFound("No such viewer link.");
  }
}
