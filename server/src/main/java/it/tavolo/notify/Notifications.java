package it.tavolo.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import it.tavolo.core.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The notifications API other layers call (docs/api.md, "Notifications and convocazioni"): a notification, and its
 * mail when the user chose "immediate" for its kind, are written with the caller's
 * transaction {@code tx}, so they exist exactly when the event does. After that transaction
 * commits, the user's open connections get a {@code notification} message and the mail
 * sender is woken; if it rolls back, nothing was written and nothing is pushed.
 *
 * <p>The payload is the notification's content, shown in the inbox and in mail:
 * {@code title} (required, one line; user text is fine, it is always escaped), and optionally
 * {@code body} (longer text), {@code by} (who did it), {@code path} (the app-relative link to the
 * exact place, starting with {@code /}) and any ids the web app uses ({@code doc},
 * {@code integration}, {@code seduta}, {@code thread}...). At most {@link #MAX_PAYLOAD_CHARS}.
 *
 * <p>Threading: stateless apart from final fields; call from any context.
 */
public final class Notifications {
  public static final int MAX_PAYLOAD_CHARS = 8_000;

  private final Push push;
  private final MailOutbox outbox;
  private final Supplier<String> origin;
  private final String from;

  Notifications(Push push, MailOutbox outbox, Supplier<String> origin, String from) {
    this.push = push;
    this.outbox = outbox;
    this.origin = origin;
    this.from = from;
  }

  /** The address mail comes from: a calendar invitation's ORGANIZER. */
  public String organizer() {
    return from;
  }

  /** The server's public origin, for links in invitations. */
  public String origin() {
    return origin.get();
  }

  /** An iCalendar invitation attached to the mail ({@code method}: REQUEST or CANCEL). */
  public record Invite(String method, String ics) {}

  /** Writes one notification for {@code userId} in {@code tx}; resolves with its id. */
  public Future<Long> add(SqlConnection tx, UUID userId, String kind, JsonObject payload) {
    return add(tx, userId, kind, payload, null);
  }

  /**
   * As {@link #add(SqlConnection, UUID, String, JsonObject)}, the mail (when the user wants
   * it now) carrying {@code invite}. A convocation's invitation goes out even to users who
   * chose the digest for its kind: a calendar needs it before the meeting.
   */
  public Future<Long> add(SqlConnection tx, UUID userId, String kind, JsonObject payload, Invite invite) {
    if (!Kinds.known(kind)) {
      return Future.failedFuture(Refusal.invalid("invalid_input", "Unknown notification kind '" + kind + "'."));
    }
    if (payload == null || payload.getString("title") == null || payload.encode().length() > MAX_PAYLOAD_CHARS) {
      return Future.failedFuture(Refusal.invalid("invalid_input", "A notification needs a 'title' and at most "
          + MAX_PAYLOAD_CHARS + " characters of payload."));
    }
    UUID tavolo = tavolo(payload);
    return byName(tx, payload).compose(x -> NotificationStore.recipient(tx, userId, kind)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(-1L); // a user since deleted: nobody to tell
      }
      NotificationStore.Recipient r = found.get();
      boolean now = Kinds.IMMEDIATE.equals(r.choice()) || (invite != null && !Kinds.NONE.equals(r.choice()));
      boolean digest = Kinds.DIGEST.equals(r.choice()) && !now;
      return NotificationStore.insert(tx, userId, kind, tavolo, payload, digest).compose(row -> {
        long id = row.getLong("id");
        Future<Void> mail = Future.succeededFuture();
        if (now) {
          MailText.Rendered m = MailText.one(kind, payload, r.name(), origin.get());
          mail = NotificationStore.insertMail(tx, new NotificationStore.Mail(userId, id, kind, r.email(), m.subject(),
              m.text(), m.html(), invite == null ? null : invite.ics(), invite == null ? null : invite.method())).mapEmpty();
        }
        boolean mailed = now;
        return mail.compose(x -> NotificationStore.unread(tx, userId)).map(unread -> {
          JsonObject n = new JsonObject().put("id", id).put("kind", kind)
              .put("tavolo", tavolo == null ? null : tavolo.toString()).put("payload", payload)
              .put("createdAt", NotificationStore.text(row.getOffsetDateTime("created_at"))).put("read", false);
          String message = new JsonObject().put("type", "notification").put("notification", n).put("unread", unread).encode();
          afterCommit(tx, () -> {
            push.toUser(userId, message);
            if (mailed) {
              outbox.wake();
            }
          });
          return id;
        });
      });
    });
  }

  /**
   * Notifies every member of {@code tavoloId} but {@code except} (who did it; null: nobody),
   * each with {@code payload} (and {@code invite}).
   */
  public Future<List<Long>> addToTavolo(SqlConnection tx, UUID tavoloId, UUID except, String kind, JsonObject payload,
                                        Invite invite) {
    return NotificationStore.members(tx, tavoloId).compose(users -> {
      List<Long> ids = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (UUID u : users) {
        if (u.equals(except)) {
          continue;
        }
        chain = chain.compose(x -> add(tx, u, kind, payload, invite).map(id -> {
          ids.add(id);
          return null;
        }));
      }
      return chain.map(x -> ids);
    });
  }

  /** With {@code actor} (a user id) and no {@code by}: the actor's display name as {@code by}. */
  private static Future<Void> byName(SqlConnection tx, JsonObject payload) {
    if (payload.getValue("by") != null || !(payload.getValue("actor") instanceof String actor)) {
      return Future.succeededFuture();
    }
    UUID id;
    try {
      id = UUID.fromString(actor);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture();
    }
    return NotificationStore.user(tx, id).map(u -> {
      u.ifPresent(x -> payload.put("by", x[1]));
      return null;
    });
  }

  private static UUID tavolo(JsonObject payload) {
    try {
      String t = payload.getString("tavolo");
      return t == null ? null : UUID.fromString(t);
    } catch (IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }

  /** Runs {@code r} once {@code tx}'s transaction committed (at once outside a transaction). */
  static void afterCommit(SqlConnection tx, Runnable r) {
    Transaction t = tx.transaction();
    if (t == null) {
      r.run();
    } else {
      t.completion().onSuccess(v -> r.run());
    }
  }
}
