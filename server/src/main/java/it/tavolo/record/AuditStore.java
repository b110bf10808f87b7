package it.tavolo.record;

import it.tavolo.auth.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.record.AuditChain;
import it.tavolo.core.record.Canonical;
import it.tavolo.core.record.Sha256;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only, hash-chained audit trail of each tavolo (table audit_log; a trigger
 * refuses UPDATE, DELETE and TRUNCATE). Appends to one tavolo are serialised by a
 * transaction-scoped advisory lock, so the chain has no forks even across server processes.
 */
public final class AuditStore implements AuditTrail {
  private final Pool pool;

  public AuditStore(Pool pool) {
    this.pool = pool;
  }

  /** Appends in its own transaction. */
  @Override
  public Future<Void> append(Event e) {
    return pool.withTransaction(tx -> chain(tx, e)).mapEmpty();
  }

  /** Appends inside the caller's transaction (so the decision and its record commit together). */
  @Override
  public Future<Void> append(SqlClient tx, Event e) {
    return chain(tx, e).mapEmpty();
  }

  /** The row appended to the tavolo's hash chain ({@code details}: plain values, see {@link Canonical}). */
  private Future<AuditChain.Row> chain(SqlClient tx, Event e) {
    String details = Canonical.json(e.details() == null ? Map.of() : e.details());
    long lockKey = e.tavolo().getMostSignificantBits() ^ e.tavolo().getLeastSignificantBits();
    return tx.preparedQuery("select count(*) from (select pg_advisory_xact_lock($1)) l").execute(Tuple.of(lockKey))
        .compose(x -> tx.preparedQuery("select n, hash from audit_log where tavolo_id = $1 order by n desc limit 1")
            .execute(Tuple.of(e.tavolo())))
        .compose(rows -> {
          long n = 1;
          String prev = Sha256.ZERO;
          if (rows.size() > 0) {
            Row last = rows.iterator().next();
            n = last.getLong("n") + 1;
            prev = last.getString("hash");
          }
          Instant at = AuditChain.truncate(Instant.now());
          AuditChain.Row partial = new AuditChain.Row(e.tavolo().toString(), n, at, str(e.actor()), e.action(),
              str(e.doc()), e.subject(), details, prev, null);
          String hash = AuditChain.hash(prev, partial);
          AuditChain.Row row = new AuditChain.Row(partial.tavolo(), n, at, partial.actor(), partial.action(),
              partial.document(), partial.subject(), details, prev, hash);
          return tx.preparedQuery("insert into audit_log (tavolo_id, n, at, actor, action, doc_id, subject, details, "
                  + "prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
              .execute(Tuple.tuple().addValue(e.tavolo()).addValue(n).addValue(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                  .addValue(e.actor()).addValue(e.action()).addValue(e.doc()).addValue(e.subject())
                  .addValue(details).addValue(prev).addValue(hash))
              .map(r -> row);
        });
  }

  /** Rows with n greater than {@code after}, oldest first, at most {@code limit}. */
  public Future<List<AuditChain.Row>> list(UUID tavolo, long after, int limit) {
    return pool.preparedQuery(SELECT + "where tavolo_id = $1 and n > $2 order by n limit $3")
        .execute(Tuple.of(tavolo, after, limit))
        .map(AuditStore::rows);
  }

  /**
   * The latest rows with n less than {@code before}, newest first, at most {@code limit}: what a
   * reader of "the latest decisions" needs, however long the trail (and, with {@code before},
   * the page before the one shown).
   */
  public Future<List<AuditChain.Row>> latest(UUID tavolo, long before, int limit) {
    return pool.preparedQuery(SELECT + "where tavolo_id = $1 and n < $2 order by n desc limit $3")
        .execute(Tuple.of(tavolo, before, limit))
        .map(AuditStore::rows);
  }

  /** Every row of the tavolo, oldest first. */
  public Future<List<AuditChain.Row>> all(UUID tavolo) {
    return pool.preparedQuery(SELECT + "where tavolo_id = $1 order by n").execute(Tuple.of(tavolo)).map(AuditStore::rows);
  }

  public static JsonObject toJson(AuditChain.Row r) {
    Object details;
    try {
      details = new JsonObject(r.details());
    } catch (RuntimeException notAnObject) {
      details = r.details(); // shown as stored when it is not an object (a tampered row)
    }
    return new JsonObject().put("n", r.n()).put("at", AuditChain.at(r.at())).put("actor", r.actor())
        .put("action", r.action()).put("document", r.document()).put("subject", r.subject())
        .put("details", details).put("prevHash", r.prevHash()).put("hash", r.hash());
  }

  public static JsonArray toJson(List<AuditChain.Row> rows) {
    JsonArray a = new JsonArray();
    rows.forEach(r -> a.add(toJson(r)));
    return a;
  }

  private static final String SELECT =
      "select tavolo_id, n, at, actor, action, doc_id, subject, details, prev_hash, hash from audit_log ";

  private static List<AuditChain.Row> rows(io.vertx.sqlclient.RowSet<Row> rows) {
    List<AuditChain.Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new AuditChain.Row(r.getUUID("tavolo_id").toString(), r.getLong("n"),
          r.getOffsetDateTime("at").toInstant(), str(r.getUUID("actor")), r.getString("action"),
          str(r.getUUID("doc_id")), r.getString("subject"), r.getString("details"), r.getString("prev_hash"),
          r.getString("hash")));
    }
    return out;
  }

  static String str(UUID id) {
    return id == null ? null : id.toString();
  }
}
