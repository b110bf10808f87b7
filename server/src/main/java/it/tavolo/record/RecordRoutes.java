package it.tavolo.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.bool;
import static it.tavolo.web.Calls.optionalBody;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;
import static it.tavolo.web.Calls.string;

import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import java.util.UUID;

/** The record layer's HTTP routes (docs/api.md, "Integrations, versions, audit"). */
public final class RecordRoutes implements Routes {
  private final RecordServices r;

  public RecordRoutes(RecordServices r) {
    this.r = r;
  }

  @Override
  public void mount(Router router, AppContext app) {
    Integrations in = r.integrations();
    Versions vs = r.versions();
    Attribution at = new Attribution(r);
    String doc = "/api/documents/:docId";
    String one = doc + "/integrations/:integrationId";

    router.post(doc + "/integrations").handler(rc -> reply(rc, 201, () -> {
      JsonObject b = body(rc);
      return in.propose(user(rc), pathId(rc, "docId"), longField(b, "baseSeq", true), array(b, "ops"), string(b, "rationale"));
    }));
    router.get(doc + "/integrations").handler(rc -> reply(rc, 200, () ->
        in.list(user(rc), pathId(rc, "docId"), rc.queryParams().get("status"))));
    router.get(one).handler(rc -> reply(rc, 200, () -> in.get(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"))));
    router.put(one).handler(rc -> reply(rc, 200, () -> {
      JsonObject b = body(rc);
      return in.amend(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"), longField(b, "baseSeq", true), array(b, "ops"),
          string(b, "rationale"));
    }));
    router.post(one + "/withdraw").handler(rc -> reply(rc, 200, () -> in.withdraw(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"))));
    router.post(one + "/support").handler(rc -> reply(rc, 200, () -> in.support(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"), true)));
    router.delete(one + "/support").handler(rc -> reply(rc, 200, () -> in.support(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"), false)));
    router.post(one + "/comments").handler(rc -> reply(rc, 201, () ->
        in.comment(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"), string(body(rc), "body"))));
    router.post(one + "/confirm").handler(rc -> reply(rc, 200, () -> in.confirm(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"))));
    router.post(one + "/accept").handler(rc -> reply(rc, 200, () -> in.accept(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"))));
    router.post(one + "/reject").handler(rc -> reply(rc, 200, () ->
        in.reject(user(rc), pathId(rc, "docId"), pathId(rc, "integrationId"), string(body(rc), "reason"))));

    router.put(doc + "/mode").handler(rc -> reply(rc, 200, () -> vs.setMode(user(rc), pathId(rc, "docId"), string(body(rc), "mode"))));
    router.put(doc + "/lock").handler(rc -> reply(rc, 200, () -> {
      Boolean locked = bool(body(rc), "locked");
      if (locked == null) throw Errors.invalid("'locked' must be true or false.");
      return vs.setLocked(user(rc), pathId(rc, "docId"), locked);
    }));

    router.get(doc + "/versions").handler(rc -> reply(rc, 200, () -> vs.list(user(rc), pathId(rc, "docId"))));
    router.post(doc + "/versions").handler(rc -> reply(rc, 201, () -> {
      JsonObject b = body(rc);
      Boolean c = bool(b, "consolidate");
      return vs.create(user(rc), pathId(rc, "docId"), b.containsKey("seq") ? longField(b, "seq", false) : null,
          string(b, "name"), Boolean.TRUE.equals(c));
    }));
    router.get(doc + "/versions/:v").handler(rc -> reply(rc, 200, () -> vs.get(user(rc), pathId(rc, "docId"), number(rc))));
    router.post(doc + "/versions/:v/consolidate").handler(rc -> reply(rc, 200, () ->
        vs.consolidate(user(rc), pathId(rc, "docId"), number(rc))));
    router.get(doc + "/versions/:v/confirmations").handler(rc -> reply(rc, 200, () ->
        r.contributions().list(user(rc), pathId(rc, "docId"), number(rc))));
    router.post(doc + "/versions/:v/confirmations").handler(rc -> reply(rc, 200, () ->
        r.contributions().confirm(user(rc), pathId(rc, "docId"), number(rc), onBehalfOf(rc))));
    router.get(doc + "/groupings/totals").handler(rc -> reply(rc, 200, () -> r.groupings().totals(user(rc), pathId(rc, "docId"))));
    String groupings = "/api/tavoli/:tavoloId/groupings";
    router.get(groupings).handler(rc -> reply(rc, 200, () -> r.groupings().list(user(rc), pathId(rc, "tavoloId"))));
    router.post(groupings).handler(rc -> reply(rc, 201, () -> r.groupings().create(user(rc), pathId(rc, "tavoloId"), body(rc))));
    router.put(groupings + "/:groupingId").handler(rc -> reply(rc, 200, () ->
        r.groupings().change(user(rc), pathId(rc, "tavoloId"), pathId(rc, "groupingId"), body(rc))));
    router.post(groupings + "/:groupingId/delegation").handler(rc -> reply(rc, 200, () ->
        r.groupings().delegate(user(rc), pathId(rc, "tavoloId"), pathId(rc, "groupingId"), true)));
    router.delete(groupings + "/:groupingId/delegation").handler(rc -> reply(rc, 200, () ->
        r.groupings().delegate(user(rc), pathId(rc, "tavoloId"), pathId(rc, "groupingId"), false)));
    router.get(doc + "/versions/:v/verify").handler(rc -> reply(rc, 200, () -> vs.verify(user(rc), pathId(rc, "docId"), number(rc))));
    router.post(doc + "/versions/:v/restore").handler(rc -> {
      // {"asIntegration": true} asks for the restore as an integration (201, the integration)
      JsonObject b;
      Boolean as;
      try {
        b = optionalBody(rc);
        as = bool(b, "asIntegration");
      } catch (RuntimeException e) {
        rc.fail(e);
        return;
      }
      if (Boolean.TRUE.equals(as)) {
        reply(rc, 201, () -> vs.restoreAsIntegration(user(rc), pathId(rc, "docId"), number(rc), string(b, "rationale")));
      } else {
        reply(rc, 200, () -> vs.restore(user(rc), pathId(rc, "docId"), number(rc)));
      }
    });

    router.get(doc + "/diff").handler(rc -> reply(rc, 200, () -> vs.diff(user(rc), pathId(rc, "docId"),
        rc.queryParams().get("from"), rc.queryParams().get("to"))));
    router.get(doc + "/attribution").handler(rc -> reply(rc, 200, () -> at.report(user(rc), pathId(rc, "docId"))));
    router.get(doc + "/provenance").handler(rc -> reply(rc, 200, () ->
        at.provenance(user(rc), pathId(rc, "docId"), rc.queryParams().get("at"))));

    router.get("/api/tavoli/:tavoloId/audit").handler(rc -> reply(rc, 200, () -> {
      String order = rc.queryParams().get("order");
      if (order != null && !order.equals("asc") && !order.equals("desc")) throw Errors.invalid("'order' is asc or desc.");
      boolean desc = "desc".equals(order);
      if (desc && rc.queryParams().contains("after")) throw Errors.invalid("'after' is for order=asc; page back with 'before'.");
      if (!desc && rc.queryParams().contains("before")) throw Errors.invalid("'before' is for order=desc.");
      long after = queryLong(rc, "after", 0);
      long before = queryLong(rc, "before", Long.MAX_VALUE);
      long limit = queryLong(rc, "limit", 500);
      if (limit < 1 || limit > 1000) throw Errors.invalid("'limit' is between 1 and 1000.");
      return at.audit(user(rc), pathId(rc, "tavoloId"), desc, after, before, (int) limit);
    }));
    router.get("/api/tavoli/:tavoloId/audit/verify").handler(rc -> reply(rc, 200, () ->
        at.verifyAudit(user(rc), pathId(rc, "tavoloId"))));
  }

  // ---- helpers of the record routes (the shared ones are the web toolkit's Calls) ----

  static UUID user(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  static int number(RoutingContext rc) {
    String v = rc.pathParam("v");
    try {
      int n = Integer.parseInt(v.startsWith("v") ? v.substring(1) : v);
      if (n > 0) return n;
    } catch (NumberFormatException | NullPointerException ignored) {
      // below
    }
    throw Refusal.notFound("No such version of this document.");
  }

  /**
   * The organisation a capofila confirms for ({@code organisation} in an optional body), or
   * null: the caller's own.
   */
  static UUID onBehalfOf(RoutingContext rc) {
    io.vertx.core.buffer.Buffer raw = rc.body() == null ? null : rc.body().buffer();
    if (raw == null || raw.length() == 0) return null;
    String org = string(body(rc), "organisation");
    if (org == null) return null;
    try {
      return UUID.fromString(org);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("invalid_input", "'organisation' must be an organisation id.");
    }
  }

  static JsonArray array(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v instanceof JsonArray a) return a;
    throw Errors.invalidOp("'" + field + "' must be an array of operations.");
  }

  static long longField(JsonObject b, String field, boolean required) {
    Object v = b.getValue(field);
    if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
    throw Errors.invalid("'" + field + "' must be a whole number" + (required ? " and is required." : "."));
  }

  static long queryLong(RoutingContext rc, String name, long dflt) {
    String v = rc.queryParams().get(name);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Errors.invalid("'" + name + "' must be a whole number.");
    }
  }
}
