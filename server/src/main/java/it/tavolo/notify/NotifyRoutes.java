package it.tavolo.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.web.JsonBody;
import it.tavolo.web.Calls;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The caller's own notifications (docs/api.md, "Notifications"): the inbox, read marks, the
 * email choices and the mail Tavolo sent or would have sent. Every route is about the caller
 * only: there is no way to name another user.
 */
public final class NotifyRoutes implements Routes {
  static final int MAX_PAGE = 100;

  private final NotifyServices services;

  public NotifyRoutes(NotifyServices services) {
    this.services = services;
  }

  @Override
  public void mount(Router router, AppContext app) {
    NotificationStore s = services.store();
    router.get("/api/me/notifications").handler(rc -> reply(rc, () -> {
      boolean unreadOnly = "true".equals(rc.queryParams().get("unread"));
      Long before = longParam(rc, "before");
      int limit = limit(rc);
      UUID me = me(rc);
      return s.list(me, unreadOnly, before, limit).compose(items -> s.unread(me).map(unread -> new JsonObject()
          .put("items", items).put("unread", unread)
          .put("next", items.size() == limit ? items.getJsonObject(items.size() - 1).getLong("id") : null)));
    }));
    router.get("/api/me/notifications/unread").handler(rc -> reply(rc, () ->
        s.unread(me(rc)).map(n -> new JsonObject().put("unread", n))));
    router.post("/api/me/notifications/read").handler(rc -> reply(rc, () -> {
      UUID me = me(rc);
      return s.markAllRead(me).compose(k -> s.unread(me).map(n -> new JsonObject().put("marked", k).put("unread", n)));
    }));
    router.post("/api/me/notifications/:id/read").handler(rc -> reply(rc, () -> {
      UUID me = me(rc);
      long id = pathLong(rc);
      return s.markRead(me, id).compose(ok -> ok ? s.unread(me).map(n -> new JsonObject().put("unread", n))
          : Future.failedFuture(Refusal.notFound("No such notification.")));
    }));
    router.get("/api/me/notification-settings").handler(rc -> reply(rc, () ->
        s.prefs(me(rc)).map(p -> new JsonObject().put("email", p))));
    router.put("/api/me/notification-settings").handler(rc -> reply(rc, () -> {
      UUID me = me(rc);
      JsonObject choices = choices(JsonBody.object(rc));
      return s.setPrefs(me, choices).compose(x -> s.prefs(me)).map(p -> new JsonObject().put("email", p));
    }));
    router.get("/api/me/mail").handler(rc -> reply(rc, () -> s.mails(me(rc), limit(rc)).map(mails -> new JsonObject()
        .put("smtp", services.outbox().sending()).put("mails", mails))));
  }

  /** {@code {"email": {kind: "immediate"|"digest"|"none", ...}}}: only the kinds given change. */
  static JsonObject choices(JsonObject body) {
    Object e = body.getValue("email");
    if (!(e instanceof JsonObject email)) {
      throw Refusal.invalid("invalid_input", "'email' must be an object of kind → immediate, digest or none.");
    }
    for (String k : email.fieldNames()) {
      if (!Kinds.known(k)) {
        throw Refusal.invalid("invalid_input", "Unknown notification kind '" + k + "'.");
      }
      if (!(email.getValue(k) instanceof String v) || !Kinds.EMAIL_CHOICES.contains(v)) {
        throw Refusal.invalid("invalid_input", "'" + k + "' must be immediate, digest or none.");
      }
    }
    return email;
  }

  private static UUID me(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  private static int limit(RoutingContext rc) {
    Long l = longParam(rc, "limit");
    if (l == null) {
      return 50;
    }
    if (l < 1 || l > MAX_PAGE) {
      throw Refusal.invalid("invalid_input", "'limit' is 1 to " + MAX_PAGE + ".");
    }
    return l.intValue();
  }

  private static Long longParam(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Refusal.invalid("invalid_input", "'" + name + "' must be a whole number.");
    }
  }

  private static long pathLong(RoutingContext rc) {
    try {
      return Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("No such notification.");
    }
  }

  private static void reply(RoutingContext rc, Supplier<Future<?>> work) {
    Calls.reply(rc, 200, work);
  }

}
