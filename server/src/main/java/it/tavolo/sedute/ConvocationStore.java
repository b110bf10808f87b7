package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Convocations and calendar feeds (V9): a seduta's iCalendar UID and SEQUENCE, and the
 * per-tavolo feed secrets (hashes only). Stateless apart from the pool.
 */
final class ConvocationStore {
  private final Pool pool;

  ConvocationStore(Pool pool) {
    this.pool = pool;
  }

  /** The stored state of a convocation. */
  record Convocation(String uid, int sequence, boolean cancelled) {}

  static String uidOf(UUID sedutaId) {
    return "seduta-" + sedutaId + "@tavolo";
  }

  /** The seduta's convocation, locked for the transaction; empty when never convened. */
  static Future<Optional<Convocation>> get(SqlClient tx, UUID sedutaId) {
    return tx.preparedQuery("select uid, sequence, cancelled_at from seduta_convocations where seduta_id = $1 for update")
        .execute(Tuple.of(sedutaId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next())));
  }

  private static Convocation of(Row r) {
    return new Convocation(r.getString("uid"), r.getInteger("sequence"), r.getOffsetDateTime("cancelled_at") != null);
  }

  /**
   * Convened for the first time (SEQUENCE 0), or again: SEQUENCE one higher than any sent, so
   * calendars take the update (also after a cancellation: the same event comes back).
   */
  static Future<Convocation> sent(SqlClient tx, UUID sedutaId, boolean cancel) {
    return tx.preparedQuery("insert into seduta_convocations (seduta_id, uid, sequence, cancelled_at) "
            + "values ($1, $2, 0, case when $3 then now() end) on conflict (seduta_id) do update set "
            + "sequence = seduta_convocations.sequence + 1, cancelled_at = case when $3 then now() end "
            + "returning uid, sequence, cancelled_at")
        .execute(Tuple.of(sedutaId, uidOf(sedutaId), cancel))
        .map(rows -> of(rows.iterator().next()));
  }

  /** What an invitation shows: the seduta's row and its agenda titles in order. */
  record Shown(UUID tavoloId, String tavoloTitle, String title, Instant start, String place, String callUrl,
               String state, List<String> agenda) {}

  /** The accounts the register records as present at the seduta and still members of its tavolo. */
  static Future<List<UUID>> present(SqlClient c, UUID sedutaId) {
    return c.preparedQuery("""
            select distinct a.user_id from seduta_attendance a join sedute s on s.id = a.seduta_id
              join tavolo_members m on m.tavolo_id = s.tavolo_id and m.user_id = a.user_id
             where a.seduta_id = $1 order by a.user_id""")
        .execute(Tuple.of(sedutaId)).map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID(0)));
          return ids;
        });
  }

  static Future<Shown> shown(SqlClient c, UUID sedutaId) {
    return c.preparedQuery("select s.tavolo_id, t.title as tavolo_title, s.title, s.starts_at, s.place, s.call_url, s.state, "
            + "coalesce((select array_agg(a.title order by a.position) from seduta_agenda_items a where a.seduta_id = s.id), "
            + "'{}') as agenda from sedute s join tavoli t on t.id = s.tavolo_id where s.id = $1")
        .execute(Tuple.of(sedutaId)).map(rows -> shown(rows.iterator().next()));
  }

  private static Shown shown(Row r) {
    String[] agenda = r.getArrayOfStrings("agenda");
    return new Shown(r.getUUID("tavolo_id"), r.getString("tavolo_title"), r.getString("title"),
        r.getOffsetDateTime("starts_at").toInstant(), r.getString("place"), r.getString("call_url"),
        r.getString("state"), agenda == null ? List.of() : List.of(agenda));
  }

  /** A feed's event: the seduta shown, its id, and its convocation (null: never convened). */
  record FeedEntry(UUID sedutaId, Shown shown, Convocation convocation) {}

  /** Every seduta of the tavolo, oldest first, for its calendar feed. */
  Future<List<FeedEntry>> feed(UUID tavoloId) {
    return pool.preparedQuery("select s.id, s.tavolo_id, t.title as tavolo_title, s.title, s.starts_at, s.place, s.call_url, "
            + "s.state, coalesce((select array_agg(a.title order by a.position) from seduta_agenda_items a "
            + "where a.seduta_id = s.id), '{}') as agenda, c.uid, c.sequence, c.cancelled_at "
            + "from sedute s join tavoli t on t.id = s.tavolo_id left join seduta_convocations c on c.seduta_id = s.id "
            + "where s.tavolo_id = $1 order by s.starts_at, s.id")
        .execute(Tuple.of(tavoloId)).map(rows -> {
          List<FeedEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(new FeedEntry(r.getUUID("id"), shown(r), r.getString("uid") == null ? null : of(r))));
          return out;
        });
  }

  /** The tavolo whose feed this secret's hash opens. */
  Future<Optional<UUID>> tavoloOfFeed(byte[] hash) {
    return pool.preparedQuery("select tavolo_id from calendar_feeds where token_hash = $1")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("tavolo_id")));
  }

  /** A new feed secret for the tavolo; the previous one stops working. */
  Future<Void> replaceFeed(UUID tavoloId, byte[] hash, UUID by) {
    return pool.preparedQuery("insert into calendar_feeds (tavolo_id, token_hash, created_by) values ($1, $2, $3) "
            + "on conflict (tavolo_id) do update set token_hash = excluded.token_hash, created_by = excluded.created_by, "
            + "created_at = now()")
        .execute(Tuple.of(tavoloId, Buffer.buffer(hash), by)).mapEmpty();
  }

  /** Revokes the tavolo's feed; false when it had none. */
  Future<Boolean> revokeFeed(UUID tavoloId) {
    return pool.preparedQuery("delete from calendar_feeds where tavolo_id = $1").execute(Tuple.of(tavoloId))
        .map(rows -> rows.rowCount() > 0);
  }
}
