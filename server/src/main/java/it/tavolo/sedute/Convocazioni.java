package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.notify.Ics;
import it.tavolo.notify.Kinds;
import it.tavolo.notify.Notifications;
import java.util.List;
import java.util.UUID;

/**
 * Convening a tavolo to a seduta, in the transaction of the change that does it: every
 * member gets a notification and (by their email choice) a mail with an iCalendar
 * invitation. The first is SEQUENCE 0; each change sent raises it (same UID); a cancellation
 * is METHOD:CANCEL. Opening the seduta and its verbale notify without an invitation.
 * Stateless: safe from any context.
 */
final class Convocazioni {
  private final Notifications notifications;

  Convocazioni(Notifications notifications) {
    this.notifications = notifications;
  }

  /** Convenes (first time: {@code seduta_convened}) or sends the change ({@code seduta_changed}). */
  Future<Void> convene(SqlConnection tx, UUID sedutaId, UUID by) {
    return ConvocationStore.get(tx, sedutaId).compose(before -> {
      boolean first = before.isEmpty() || before.get().cancelled();
      return ConvocationStore.sent(tx, sedutaId, false).compose(c -> ConvocationStore.shown(tx, sedutaId).compose(s ->
          notifications.addToTavolo(tx, s.tavoloId(), null, first ? Kinds.SEDUTA_CONVENED : Kinds.SEDUTA_CHANGED,
              payload(sedutaId, s, by), new Notifications.Invite(Ics.REQUEST,
                  Ics.invitation(Ics.REQUEST, event(sedutaId, s, c, notifications.origin()), notifications.organizer())))));
    }).mapEmpty();
  }

  /** Whether the seduta was convened and not cancelled: a change then sends an update. */
  static Future<Boolean> convened(SqlConnection tx, UUID sedutaId) {
    return ConvocationStore.get(tx, sedutaId).map(c -> c.isPresent() && !c.get().cancelled());
  }

  /** Cancels the convocation: METHOD:CANCEL with a higher SEQUENCE. */
  Future<Void> cancel(SqlConnection tx, UUID sedutaId, UUID by) {
    return ConvocationStore.sent(tx, sedutaId, true).compose(c -> ConvocationStore.shown(tx, sedutaId).compose(s ->
        notifications.addToTavolo(tx, s.tavoloId(), null, Kinds.SEDUTA_CANCELLED, payload(sedutaId, s, by),
            new Notifications.Invite(Ics.CANCEL,
                Ics.invitation(Ics.CANCEL, event(sedutaId, s, c, notifications.origin()), notifications.organizer())))))
        .mapEmpty();
  }

  /** A notification to every member but {@code by}, without invitation (opened, verbale ready). */
  Future<Void> tell(SqlConnection tx, UUID sedutaId, UUID by, String kind) {
    return ConvocationStore.shown(tx, sedutaId).compose(s ->
        notifications.addToTavolo(tx, s.tavoloId(), by, kind, payload(sedutaId, s, by), null)).mapEmpty();
  }

  /**
   * A notification about the seduta's verbale, titled {@code title} (Italian), to those the
   * register records as present but {@code by} (remarks open); with {@code everyone}, to every
   * member of the tavolo but {@code by} (approved).
   */
  Future<Void> tellVerbale(SqlConnection tx, UUID sedutaId, UUID by, String kind, String title, boolean everyone) {
    return ConvocationStore.shown(tx, sedutaId).compose(s -> {
      JsonObject p = payload(sedutaId, s, by).put("title", title + ": " + s.title() + " — " + s.tavoloTitle());
      p.remove("body");
      if (everyone) return notifications.addToTavolo(tx, s.tavoloId(), by, kind, p, null).mapEmpty();
      return ConvocationStore.present(tx, sedutaId).compose(users -> {
        Future<Void> chain = Future.succeededFuture();
        for (UUID u : users) {
          if (!u.equals(by)) chain = chain.compose(x -> notifications.add(tx, u, kind, p.copy()).mapEmpty());
        }
        return chain;
      });
    });
  }

  private static JsonObject payload(UUID sedutaId, ConvocationStore.Shown s, UUID by) {
    JsonObject p = new JsonObject().put("title", s.title() + " — " + s.tavoloTitle())
        .put("tavolo", s.tavoloId().toString()).put("seduta", sedutaId.toString())
        .put("startsAt", s.start().toString()).put("path", "/#/seduta/" + s.tavoloId() + "/" + sedutaId)
        .put("body", Ics.description(new Ics.Event("", 0, s.title(), s.start(), s.place(), s.callUrl(), s.agenda(), null, false)));
    if (s.place() != null) p.put("place", s.place());
    if (s.callUrl() != null) p.put("callUrl", s.callUrl());
    if (by != null) p.put("actor", by.toString());
    return p;
  }

  static Ics.Event event(UUID sedutaId, ConvocationStore.Shown s, ConvocationStore.Convocation c, String origin) {
    return new Ics.Event(c == null ? ConvocationStore.uidOf(sedutaId) : c.uid(), c == null ? 0 : c.sequence(),
        s.title(), s.start(), s.place(), s.callUrl(), List.copyOf(s.agenda()),
        origin + "/#/seduta/" + s.tavoloId() + "/" + sedutaId, c != null && c.cancelled());
  }
}
