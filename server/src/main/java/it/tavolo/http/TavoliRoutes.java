package it.tavolo.http;

import it.tavolo.core.Refusal;

import it.tavolo.auth.AuditTrail;
import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;
import static it.tavolo.web.Calls.string;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import it.tavolo.auth.Access;
import it.tavolo.auth.AccountRules;
import it.tavolo.auth.AuthServices;
import it.tavolo.auth.Principal;
import it.tavolo.db.DocumentInfo;
import it.tavolo.db.TavoloStore.NewTavolo;
import it.tavolo.db.TavoloView;
import java.util.UUID;

/**
 * Tavoli and their documents. Any PA user may open a tavolo (the PA convenes the
 * co-design table, art. 55 CTS) and becomes its coordinator; ETS users join by invitation.
 */
final class TavoliRoutes {
  static final String DEFAULT_DOCUMENT_TITLE = "Bozza di progetto";
  private static final int MAX_TEXT = 500;

  private final AuthServices auth;
  /** Opening a tavolo and adding a draft start the record: the audit trail's first rows. */
  private final AuditTrail audit;

  TavoliRoutes(AuthServices auth, AuditTrail audit) {
    this.auth = auth;
    this.audit = audit;
  }

  void mount(Router router) {
    router.get("/api/tavoli").handler(rc -> reply(rc, 200, () -> {
      int limit = limit(rc);
      UUID cursor = cursor(rc);
      // one more than asked: whether there is a next page, without a count
      return auth.tavoli().listFor(TokenCheck.principal(rc).userId(), limit + 1, cursor).map(list -> {
        JsonArray out = new JsonArray();
        list.stream().limit(limit).forEach(t -> out.add(t.toJson()));
        if (list.size() > limit) {
          String next = "/api/tavoli?limit=" + limit + "&cursor=" + list.get(limit - 1).id();
          rc.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return out;
      });
    }));

    router.post("/api/tavoli").handler(rc -> reply(rc, 201, () -> {
      Principal p = TokenCheck.principal(rc);
      if (!"PA".equals(p.side())) throw Refusal.forbidden("Only users of a public administration (PA) can open a tavolo.");
      JsonObject b = body(rc);
      String phase = string(b, "phase");
      if (phase == null) phase = "co-progettazione";
      if (!TavoloView.PHASES.contains(phase)) {
        throw Refusal.invalid("invalid_input", "'phase' must be one of " + TavoloView.PHASES + ".");
      }
      NewTavolo t = new NewTavolo(bounded(AccountRules.name(string(b, "title"), "title")),
          optional(b, "avviso"), optional(b, "enteProponente"), optional(b, "ambito"), phase);
      String docTitle = string(b, "documentTitle");
      docTitle = docTitle == null || docTitle.isBlank() ? DEFAULT_DOCUMENT_TITLE : bounded(docTitle.strip());
      String firstTitle = docTitle;
      return auth.tavoli().create(p.userId(), t, docTitle, auth.settings().tavoliPerUser(), (tx, tavolo, doc) -> audit.append(tx,
              new AuditTrail.Event(tavolo, p.userId(), "tavolo_opened", doc, tavolo.toString(),
                  java.util.Map.of("title", t.title(), "phase", t.phase(), "document", firstTitle))))
          .map(TavoloView::toJson);
    }));

    router.get("/api/tavoli/:tavoloId").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      return auth.tavoli().getFor(TokenCheck.principal(rc).userId(), id)
          .map(t -> t.orElseThrow(Access::tavoloNotFound).toJson());
    }));

    router.post("/api/tavoli/:tavoloId/documents").handler(rc -> reply(rc, 201, () -> {
      UUID id = pathId(rc, "tavoloId");
      String title = bounded(AccountRules.name(string(body(rc), "title"), "title"));
      UUID actor = TokenCheck.principal(rc).userId();
      return auth.access().coordinator(actor, id)
          .compose(role -> auth.tavoli().addDocument(id, title, (tx, tavolo, doc) -> audit.append(tx,
              new AuditTrail.Event(tavolo, actor, "document_added", doc, doc.toString(),
                  java.util.Map.of("title", title)))))
          .map(DocumentInfo::toJson);
    }));
  }

  /** {@code GET /api/tavoli}'s page size: large, so clients that never page see all they saw before. */
  static final int DEFAULT_PAGE = 1000;
  static final int MAX_PAGE = 1000;

  private static int limit(io.vertx.ext.web.RoutingContext rc) {
    String v = rc.queryParams().get("limit");
    if (v == null) return DEFAULT_PAGE;
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_PAGE) return n;
    } catch (NumberFormatException e) {
      // the message below
    }
    throw Refusal.invalid("invalid_input", "'limit' must be a whole number from 1 to " + MAX_PAGE + ".");
  }

  private static UUID cursor(io.vertx.ext.web.RoutingContext rc) {
    String v = rc.queryParams().get("cursor");
    if (v == null) return null;
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("invalid_input", "'cursor' must be the value of a 'next' link.");
    }
  }

  private static String optional(JsonObject b, String field) {
    String s = string(b, field);
    if (s == null || s.isBlank()) return null;
    return bounded(s.strip());
  }

  private static String bounded(String s) {
    if (s.length() > MAX_TEXT) throw Refusal.invalid("invalid_input", "Text fields are limited to " + MAX_TEXT + " characters.");
    return s;
  }
}
