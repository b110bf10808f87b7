package it.tavolo.templates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.web.JsonBody;
import it.tavolo.web.Calls;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import it.tavolo.record.AuditStore;
import it.tavolo.record.RecordServices;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Templates (docs/api.md, "Templates"): the schemi di progetto shipped with the server and the
 * tavolo's own templates; a new document from either (one creating batch by the coordinator,
 * {@code client_id} {@code template}, and the guidance notes in {@code document_guidance});
 * a document's structure saved as a template; a document's guidance notes. Stateless apart
 * from the schemi, read once and immutable.
 */
public final class TemplateRoutes implements Routes {
  private final RecordServices record;
  private final Schemi schemi = new Schemi();

  public TemplateRoutes(RecordServices record) {
    this.record = record;
  }

  @Override
  public void mount(Router router, AppContext app) {
    router.get("/api/tavoli/:tavoloId/templates").handler(rc -> reply(rc, 200, () -> list(user(rc), tavolo(rc))));
    router.post("/api/tavoli/:tavoloId/templates").handler(rc -> reply(rc, 201, () -> save(rc, user(rc), tavolo(rc))));
    router.post("/api/tavoli/:tavoloId/documents/from-template").handler(rc -> reply(rc, 201, () -> create(rc, user(rc), tavolo(rc))));
    router.get("/api/documents/:docId/guidance").handler(rc -> reply(rc, 200, () -> guidance(user(rc), id(rc, "docId", "document"))));
  }

  private Future<JsonObject> list(UUID user, UUID tavolo) {
    return record.auth().access().member(user, tavolo).compose(role -> TemplateStore.list(record.app().pool(), tavolo))
        .map(rows -> {
          JsonArray own = new JsonArray();
          for (Row r : rows) {
            own.add(new JsonObject().put("id", r.getUUID("id").toString()).put("title", r.getString("title"))
                .put("createdBy", new JsonObject().put("id", r.getUUID("uid").toString()).put("name", r.getString("display_name")))
                .put("createdAt", r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString())
                .put("counts", Structure.counts(new JsonObject(r.getString("structure")))));
          }
          return new JsonObject().put("schemi", schemi.listing()).put("templates", own);
        });
  }

  /** A coordinator saves a document's structure (titles, kinds, its guidance notes) as a template of the tavolo. */
  private Future<JsonObject> save(RoutingContext rc, UUID user, UUID tavolo) {
    return record.auth().access().coordinator(user, tavolo).compose(role -> {
      JsonObject body = JsonBody.object(rc);
      String title = title(body, null);
      UUID doc;
      try {
        doc = UUID.fromString(String.valueOf(body.getValue("documentId")));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("invalid_input", "documentId is the id of a document of this tavolo.");
      }
      return record.auth().access().document(user, doc).compose(a -> {
        if (!a.tavoloId().equals(tavolo)) throw Refusal.notFound("No such document in this tavolo.");
        return record.documents().head(record.app().pool(), doc).compose(head -> record.history().stateAt(doc, head))
            .compose(state -> notes(doc).map(notes -> Structure.of(state, notes)));
      }).compose(structure -> {
        UUID id = UUID.randomUUID();
        return record.app().pool().withTransaction(tx -> TemplateStore.insert(tx, id, tavolo, title, structure, doc, user)
            .compose(x -> record.audit().append(tx, new AuditStore.Event(tavolo, user, "template_saved", doc, id.toString(),
                Map.of("title", title)))))
            .map(x -> new JsonObject().put("id", id.toString()).put("title", title).put("counts", Structure.counts(structure))
                .put("structure", structure));
      });
    });
  }

  /** A new document from a schema ({@code schema:<id>}) or a tavolo template (its id). */
  private Future<JsonObject> create(RoutingContext rc, UUID user, UUID tavolo) {
    return record.auth().access().coordinator(user, tavolo).compose(role -> {
      JsonObject body = JsonBody.object(rc);
      Object t = body.getValue("template");
      if (!(t instanceof String template)) throw Refusal.invalid("invalid_input", "template is schema:<id> or a template's id.");
      Future<JsonObject> found;
      if (template.startsWith("schema:")) {
        found = Future.succeededFuture(schemi.get(template.substring(7))
            .orElseThrow(() -> Refusal.notFound("No such schema di progetto.")));
      } else {
        UUID id;
        try {
          id = UUID.fromString(template);
        } catch (IllegalArgumentException e) {
          throw Refusal.notFound("No such template.");
        }
        found = TemplateStore.find(record.app().pool(), id, tavolo).map(rows -> {
              if (rows.size() == 0) throw Refusal.notFound("No such template in this tavolo.");
              Row r = rows.iterator().next();
              return new JsonObject(r.getString("s")).put("title", r.getString("title"));
            });
      }
      return found.compose(structure -> {
        String title = title(body, structure.getString("title"));
        Structure.Plan plan = Structure.plan(structure);
        OpApplier.applyAll(new DocumentState(), OpCodec.decodeBatch(plan.ops().encode()), "template", 1); // it applies as it is
        List<Tuple> notes = new ArrayList<>();
        return record.auth().tavoli().addDocument(tavolo, title, (tx, tv, doc) -> {
              for (Map.Entry<String, String> n : plan.guidance().entrySet()) {
                String[] k = n.getKey().split("/", 2);
                notes.add(Tuple.of(doc, k[0], k[1], n.getValue()));
              }
              return TemplateStore.firstBatch(tx, doc, user, plan.ops())
                  .compose(x -> notes.isEmpty() ? Future.succeededFuture()
                      : TemplateStore.insertGuidance(tx, notes))
                  .compose(x -> record.audit().append(tx, new AuditStore.Event(tavolo, user, "document_from_template", doc, doc.toString(),
                      Map.of("title", title, "template", template))));
            })
            .map(info -> info.toJson().put("template", new JsonObject().put("id", template).put("title", structure.getString("title")))
                .put("guidance", notes.size()));
      });
    });
  }

  private Future<JsonObject> guidance(UUID user, UUID doc) {
    return record.auth().access().document(user, doc).compose(a -> notes(doc)).map(notes -> {
      JsonObject out = new JsonObject().put("sections", new JsonObject()).put("objectives", new JsonObject());
      notes.forEach((k, v) -> {
        String[] p = k.split("/", 2);
        out.getJsonObject(p[0]).put(p[1], v);
      });
      return out;
    });
  }

  /** A document's notes keyed "sections/sec-1". */
  private Future<Map<String, String>> notes(UUID doc) {
    return TemplateStore.guidance(record.app().pool(), doc).map(rows -> {
          Map<String, String> m = new HashMap<>();
          for (Row r : rows) m.put(r.getString("coll") + "/" + r.getString("entity_id"), r.getString("guidance"));
          return m;
        });
  }

  private static String title(JsonObject body, String fallback) {
    Object t = body.getValue("title");
    if (t != null && !(t instanceof String)) throw Refusal.invalid("invalid_input", "title must be a string.");
    String s = t == null ? "" : ((String) t).strip();
    if (s.isEmpty()) s = fallback == null ? "" : fallback.strip();
    if (s.isEmpty() || s.length() > CopyRoutes.MAX_TITLE) {
      throw Refusal.invalid("invalid_input", "title is required, up to " + CopyRoutes.MAX_TITLE + " characters.");
    }
    return s;
  }

  private static UUID user(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  private static UUID tavolo(RoutingContext rc) {
    return id(rc, "tavoloId", "tavolo");
  }

  private static UUID id(RoutingContext rc, String param, String what) {
    try {
      return UUID.fromString(rc.pathParam(param));
    } catch (IllegalArgumentException e) {
      throw Refusal.notFound("No such " + what + ".");
    }
  }

  private static void reply(RoutingContext rc, int status, Supplier<Future<?>> work) {
    Calls.reply(rc, status, work);
  }

}
