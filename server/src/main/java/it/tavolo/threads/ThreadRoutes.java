package it.tavolo.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.core.anchor.Anchor;
import it.tavolo.web.JsonBody;
import it.tavolo.web.Calls;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import java.util.UUID;
import java.util.function.Supplier;

/** Threads of comments on a document (docs/api.md "Threads"). Writes go over HTTP, never the WebSocket. */
public final class ThreadRoutes implements Routes {
  private final Threads threads;

  public ThreadRoutes(Threads threads) {
    this.threads = threads;
  }

  @Override
  public void mount(Router router, AppContext app) {
    String base = "/api/documents/:docId/threads";
    String one = base + "/:threadId";
    router.get(base).handler(rc -> reply(rc, 200, () ->
        threads.list(user(rc), id(rc, "docId"), rc.queryParams().get("status"), rc.queryParams().get("filter"))));
    // the role is checked first (every write), then the body is read
    router.post(base).handler(rc -> reply(rc, 201, () -> threads.writer(user(rc), id(rc, "docId")).compose(a -> {
      JsonObject b = JsonBody.object(rc);
      return threads.create(a, user(rc), anchor(b.getValue("anchor")), seq(b.getValue("seq")), string(b, "body"));
    })));
    router.get(one).handler(rc -> reply(rc, 200, () -> threads.get(user(rc), id(rc, "docId"), id(rc, "threadId"))));
    router.post(one + "/comments").handler(rc -> reply(rc, 201, () -> threads.writer(user(rc), id(rc, "docId"))
        .compose(a -> threads.reply(a, user(rc), id(rc, "threadId"), string(JsonBody.object(rc), "body")))));
    router.post(one + "/resolve").handler(rc -> reply(rc, 200, () ->
        threads.setResolved(user(rc), id(rc, "docId"), id(rc, "threadId"), true)));
    router.post(one + "/reopen").handler(rc -> reply(rc, 200, () ->
        threads.setResolved(user(rc), id(rc, "docId"), id(rc, "threadId"), false)));
  }

  /** {@code {"coll","id"}} (a whole entity) or {@code {"coll","id","field","start","end"}} (a passage). */
  static Anchor anchor(Object v) {
    if (!(v instanceof JsonObject a)) throw bad("'anchor' is an object: coll, id, and field, start, end for a passage.");
    if (!(a.getValue("coll") instanceof String coll) || !(a.getValue("id") instanceof String id)) {
      throw bad("'anchor' names a 'coll' and an 'id'.");
    }
    Object field = a.getValue("field");
    if (field == null) {
      if (a.containsKey("start") || a.containsKey("end")) throw bad("An anchor on a whole entity has no 'start' or 'end'.");
      return Anchor.entity(coll, id, "");
    }
    if (!(field instanceof String f)) throw bad("'anchor.field' is a text field's name.");
    if (!(a.getValue("start") instanceof Integer start) || !(a.getValue("end") instanceof Integer end) || start < 0
        || end <= start) {
      throw bad("A passage has whole numbers 'start' < 'end' (UTF-16 offsets in the field's text).");
    }
    // the quote is read from the document; this one is a placeholder of the right length
    return Anchor.passage(coll, id, f, start, end, " ".repeat(end - start));
  }

  private static long seq(Object v) {
    if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
    throw bad("'seq' is the document's seq the anchor's offsets are at.");
  }

  private static Refusal bad(String message) {
    return Refusal.invalid(Threads.BAD_ANCHOR, message);
  }

  private static String string(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null || v instanceof String) return (String) v;
    throw Refusal.invalid("invalid_input", "'" + field + "' must be a string.");
  }

  private static void reply(RoutingContext rc, int status, Supplier<Future<?>> work) {
    Calls.reply(rc, status, work);
  }


  private static UUID user(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  private static UUID id(RoutingContext rc, String param) {
    try {
      return UUID.fromString(rc.pathParam(param));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.notFound("No such " + param.replace("Id", "") + ".");
    }
  }
}
