package it.tavolo.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notifications' SQL (V9): the inbox, the email choices, the mail outbox. Stateless
 * apart from the pool; safe from any thread (vertx-pg-client futures).
 */
final class NotificationStore {
  private final Pool pool;

  NotificationStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Who gets it: the address, the name and the email choice for this kind (immediate by default). */
  record Recipient(UUID id, String email, String name, String choice) {}

  static Future<Optional<Recipient>> recipient(SqlClient c, UUID user, String kind) {
    return c.preparedQuery("select u.email, u.display_name, coalesce(p.email, 'immediate') as choice from users u "
            + "left join notification_prefs p on p.user_id = u.id and p.kind = $2 where u.id = $1")
        .execute(Tuple.of(user, kind))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Recipient(user,
            rows.iterator().next().getString("email"), rows.iterator().next().getString("display_name"),
            rows.iterator().next().getString("choice"))));
  }

  static Future<Row> insert(SqlClient c, UUID user, String kind, UUID tavolo, JsonObject payload, boolean digest) {
    return c.preparedQuery("insert into notifications (user_id, kind, tavolo_id, payload, digest_due) "
            + "values ($1, $2, $3, $4, $5) returning id, created_at")
        .execute(Tuple.of(user, kind, tavolo, payload, digest))
        .map(rows -> rows.iterator().next());
  }

  static Future<Long> unread(SqlClient c, UUID user) {
    return c.preparedQuery("select count(*) as n from notifications where user_id = $1 and read_at is null")
        .execute(Tuple.of(user)).map(rows -> rows.iterator().next().getLong("n"));
  }

  /** A mail to send, as rendered at the event. */
  record Mail(UUID user, Long notification, String kind, String to, String subject, String text, String html,
              String ics, String icsMethod) {}

  static Future<Long> insertMail(SqlClient c, Mail m) {
    return c.preparedQuery("insert into mail_outbox (user_id, notification_id, kind, to_address, subject, body_text, "
            + "body_html, ics, ics_method) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id")
        .execute(Tuple.from(new Object[] {m.user(), m.notification(), m.kind(), m.to(), m.subject(), m.text(), m.html(),
            m.ics(), m.icsMethod()}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  static Future<List<UUID>> members(SqlClient c, UUID tavolo) {
    return c.preparedQuery("select user_id from tavolo_members where tavolo_id = $1 order by user_id")
        .execute(Tuple.of(tavolo)).map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID("user_id")));
          return out;
        });
  }

  // ---- the inbox ----

  Future<JsonArray> list(UUID user, boolean unreadOnly, Long before, int limit) {
    return pool.preparedQuery("select id, kind, tavolo_id, payload, created_at, read_at from notifications "
            + "where user_id = $1 and ($2 = false or read_at is null) and ($3::bigint is null or id < $3) "
            + "order by id desc limit $4")
        .execute(Tuple.of(user, unreadOnly, before, limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          return out;
        });
  }

  static JsonObject json(Row r) {
    Object payload = r.getValue("payload");
    return new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
        .put("tavolo", r.getUUID("tavolo_id") == null ? null : r.getUUID("tavolo_id").toString())
        .put("payload", payload instanceof JsonObject o ? o : new JsonObject(String.valueOf(payload)))
        .put("createdAt", text(r.getOffsetDateTime("created_at")))
        .put("read", r.getOffsetDateTime("read_at") != null);
  }

  static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  Future<Long> unread(UUID user) {
    return unread(pool, user);
  }

  /** Marks one read; false when it is not the user's. */
  Future<Boolean> markRead(UUID user, long id) {
    return pool.preparedQuery("update notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2")
        .execute(Tuple.of(id, user)).map(rows -> rows.rowCount() == 1);
  }

  Future<Integer> markAllRead(UUID user) {
    return pool.preparedQuery("update notifications set read_at = now() where user_id = $1 and read_at is null")
        .execute(Tuple.of(user)).map(rows -> rows.rowCount());
  }

  Future<JsonObject> prefs(UUID user) {
    return pool.preparedQuery("select kind, email from notification_prefs where user_id = $1").execute(Tuple.of(user))
        .map(rows -> {
          JsonObject out = new JsonObject();
          Kinds.ALL.forEach(k -> out.put(k, Kinds.IMMEDIATE));
          rows.forEach(r -> out.put(r.getString("kind"), r.getString("email")));
          return out;
        });
  }

  Future<Void> setPrefs(UUID user, JsonObject choices) {
    List<Tuple> rows = new ArrayList<>();
    choices.forEach(e -> rows.add(Tuple.of(user, e.getKey(), e.getValue())));
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("insert into notification_prefs (user_id, kind, email) values ($1, $2, $3) "
        + "on conflict (user_id, kind) do update set email = excluded.email").executeBatch(rows).mapEmpty();
  }

  /** The user's own mail, newest first: sent, due, or given up (the demo's "would have been sent"). */
  Future<JsonArray> mails(UUID user, int limit) {
    return pool.preparedQuery("select id, kind, to_address, subject, body_text, ics_method, created_at, attempts, "
            + "last_error, sent_at, gave_up_at from mail_outbox where user_id = $1 order by id desc limit $2")
        .execute(Tuple.of(user, limit)).map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
              .put("to", r.getString("to_address")).put("subject", r.getString("subject"))
              .put("text", r.getString("body_text")).put("invitation", r.getString("ics_method"))
              .put("createdAt", text(r.getOffsetDateTime("created_at"))).put("attempts", r.getInteger("attempts"))
              .put("lastError", r.getString("last_error")).put("sentAt", text(r.getOffsetDateTime("sent_at")))
              .put("gaveUpAt", text(r.getOffsetDateTime("gave_up_at")))));
          return out;
        });
  }

  // ---- the outbox, for the sender ----

  /** A claimed mail. */
  record Claimed(long id, String to, String subject, String text, String html, String ics, String icsMethod,
                 int attempts) {}

  /**
   * Claims up to {@code limit} due mails for {@code leaseMillis} (counting the attempt now): a
   * sender that dies holding them leaves them due again when the lease ends. SKIP LOCKED lets
   * several server processes share the outbox without taking the same row.
   */
  Future<List<Claimed>> claim(int limit, long leaseMillis) {
    return pool.preparedQuery("update mail_outbox set claimed_until = now() + $1 * interval '1 millisecond', "
            + "attempts = attempts + 1 where id in (select id from mail_outbox where sent_at is null and gave_up_at is null "
            + "and due_at <= now() and (claimed_until is null or claimed_until < now()) order by id limit $2 "
            + "for update skip locked) returning id, to_address, subject, body_text, body_html, ics, ics_method, attempts")
        .execute(Tuple.of(leaseMillis, limit)).map(rows -> {
          List<Claimed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Claimed(r.getLong("id"), r.getString("to_address"), r.getString("subject"),
              r.getString("body_text"), r.getString("body_html"), r.getString("ics"), r.getString("ics_method"),
              r.getInteger("attempts"))));
          out.sort(java.util.Comparator.comparingLong(Claimed::id));
          return out;
        });
  }

  Future<Void> sent(long id) {
    return pool.preparedQuery("update mail_outbox set sent_at = now(), claimed_until = null, last_error = null where id = $1")
        .execute(Tuple.of(id)).mapEmpty();
  }

  /** A failed attempt: due again after {@code retryMillis}, or given up when null. */
  Future<Void> failed(long id, String error, Long retryMillis) {
    String e = error == null ? "" : error.length() > 500 ? error.substring(0, 500) : error;
    if (retryMillis == null) {
      return pool.preparedQuery("update mail_outbox set gave_up_at = now(), claimed_until = null, last_error = $2 where id = $1")
          .execute(Tuple.of(id, e)).mapEmpty();
    }
    return pool.preparedQuery("update mail_outbox set due_at = now() + $3 * interval '1 millisecond', claimed_until = null, "
        + "last_error = $2 where id = $1").execute(Tuple.of(id, e, retryMillis)).mapEmpty();
  }

  // ---- retention ----

  /**
   * Deletes up to {@code limit} read notifications created more than {@code days} days ago,
   * oldest first, in one transaction; how many went. Those a digest has yet to take or an
   * unsent mail still names stay; the mail sent for one keeps its row, no longer naming it.
   * Rows another sweeper has locked are skipped.
   */
  Future<Integer> deleteOldRead(int days, int limit) {
    return pool.withTransaction(tx -> tx.preparedQuery("select n.id from notifications n where n.read_at is not null "
            + "and not n.digest_due and n.created_at < now() - $1 * interval '1 day' and not exists (select 1 from mail_outbox m "
            + "where m.notification_id = n.id and m.sent_at is null and m.gave_up_at is null) "
            + "order by n.id limit $2 for update of n skip locked")
        .execute(Tuple.of(days, limit))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0);
          }
          Long[] ids = new Long[rows.size()];
          int i = 0;
          for (Row r : rows) {
            ids[i++] = r.getLong("id");
          }
          Tuple t = Tuple.tuple().addArrayOfLong(ids);
          return tx.preparedQuery("update mail_outbox set notification_id = null where notification_id = any($1)").execute(t)
              .compose(x -> tx.preparedQuery("delete from notifications where id = any($1)").execute(t))
              .map(r -> r.rowCount());
        }));
  }

  // ---- the daily digest ----

  /** Users with notifications for the digest created before {@code cutoff}. */
  Future<List<UUID>> digestUsers(OffsetDateTime cutoff) {
    return pool.preparedQuery("select distinct user_id from notifications where digest_due and created_at < $1")
        .execute(Tuple.of(cutoff)).map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID("user_id")));
          return out;
        });
  }

  /** Takes (clears) a user's digest notifications before {@code cutoff}, oldest first, in {@code tx}. */
  static Future<List<JsonObject>> takeDigest(SqlClient tx, UUID user, OffsetDateTime cutoff) {
    return tx.preparedQuery("update notifications set digest_due = false where user_id = $1 and digest_due "
            + "and created_at < $2 returning id, kind, tavolo_id, payload, created_at, read_at")
        .execute(Tuple.of(user, cutoff)).map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> out.add(json(r)));
          out.sort(java.util.Comparator.comparingLong(o -> o.getLong("id")));
          return out;
        });
  }

  static Future<Optional<String[]>> user(SqlClient c, UUID user) {
    return c.preparedQuery("select email, display_name from users where id = $1").execute(Tuple.of(user))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new String[] {rows.iterator().next().getString("email"), rows.iterator().next().getString("display_name")}));
  }
}
