package it.tavolo.templates;

import it.tavolo.auth.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.model.DocumentState;
import it.tavolo.web.Responses;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import it.tavolo.record.RecordServices;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/documents/:docId/copy} ({@code {"title"}} optional): a coordinator copies a
 * document of the tavolo as it is now into a new document of the same tavolo, its content one
 * op-log batch authored by the coordinator ({@code client_id} {@code copy}), recorded in the
 * audit trail with the source and its seq. Stateless; futures complete on event loops.
 */
public final class CopyRoutes implements Routes {
  static final int MAX_TITLE = 200;

  private final RecordServices record;

  public CopyRoutes(RecordServices record) {
    this.record = record;
  }

  @Override
  public void mount(Router router, AppContext app) {
    RecordServices r = record;
    router.post("/api/documents/:docId/copy").handler(rc -> copy(rc, r));
  }

  private static void copy(RoutingContext rc, RecordServices r) {
    UUID doc;
    try {
      doc = UUID.fromString(rc.pathParam("docId"));
    } catch (IllegalArgumentException e) {
      rc.fail(Refusal.notFound("No such document."));
      return;
    }
    JsonObject body;
    try {
      body = rc.body().available() && rc.body().length() > 0 ? rc.body().asJsonObject() : new JsonObject();
    } catch (RuntimeException e) {
      rc.fail(Refusal.invalid("bad_json", "The body is not a JSON object."));
      return;
    }
    if (body == null) body = new JsonObject();
    Object t = body.getValue("title");
    if (t != null && !(t instanceof String)) {
      rc.fail(Refusal.invalid("invalid_input", "title must be a string"));
      return;
    }
    String wanted = t == null ? "" : ((String) t).strip();
    if (wanted.length() > MAX_TITLE) {
      rc.fail(Refusal.invalid("invalid_input", "title is limited to " + MAX_TITLE + " characters"));
      return;
    }
    UUID user = TokenCheck.principal(rc).userId();
    r.auth().access().document(user, doc)
        .compose(a -> a.role() == Role.COORDINATOR ? Future.succeededFuture(a)
            : Future.failedFuture(Refusal.forbidden("Only a coordinator copies a document.")))
        .compose(a -> r.documents().head(r.app().pool(), doc).compose(head -> r.history().stateAt(doc, head)
            .compose(state -> r.app().vertx().executeBlocking(() -> {
              var ops = DocumentCopy.ops(state);
              OpApplier.applyAll(new DocumentState(), OpCodec.decodeBatch(ops.encode()), "copy", 1); // the copy applies as it is
              return ops;
            }, false))
            .compose(ops -> r.documents().get(doc).map(d -> d.title())
                .compose(from -> {
                  String title = wanted.isEmpty() ? clip("Copia di " + from) : wanted;
                  return r.auth().tavoli().addDocument(a.tavoloId(), title, (tx, tavolo, copy) -> it.tavolo.db.OpLogStore.insertFirst(tx, copy, user, "copy", ops)
                      .compose(x -> r.audit().append(tx, new AuditTrail.Event(tavolo, user, "document_copied", copy, copy.toString(),
                          Map.of("title", title, "from", doc.toString(), "seq", head)))));
                })
                .map(info -> info.toJson().put("copiedFrom", new JsonObject().put("id", doc.toString()).put("seq", head))))))
        .onSuccess(json -> Responses.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private static String clip(String s) {
    return s.length() > MAX_TITLE ? s.substring(0, MAX_TITLE) : s;
  }
}
