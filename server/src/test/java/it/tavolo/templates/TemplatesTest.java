package it.tavolo.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 17: a new document from a schema di progetto (the seeds' avvisi), and any document saved as a template. */
class TemplatesTest {
  static List<String> titles(DocumentState s, String coll) {
    List<String> ids = new ArrayList<>(s.ids(coll));
    ids.sort(Comparator.comparing(id -> String.valueOf(s.value(coll, id, "order"))));
    return ids.stream().map(id -> (String) s.value(coll, id, "title")).toList();
  }

  @Test
  void aDocumentFromTheSiaSchemaHasItsRequiredSectionsEmptyWithTheirGuidanceNotes() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    JsonObject listing = Api.ok(Api.call("GET", "/api/tavoli/" + t.id() + "/templates", Api.login("osservatore@demo.tavolo"), null), 200);
    assertTrue(listing.getJsonArray("schemi").stream().anyMatch(s -> "schema:sia-pistoiese".equals(((JsonObject) s).getString("id"))),
        listing.encode());

    JsonObject doc = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/documents/from-template", coord,
        new JsonObject().put("template", "schema:sia-pistoiese").put("title", "Proposta SIA").encode()), 201);
    assertEquals("Proposta SIA", doc.getString("title"));
    UUID id = UUID.fromString(doc.getString("id"));
    DocumentState s = CopyTest.stored(id);
    assertEquals(List.of("Proposta di assetto organizzativo", "Modalità operative e gestionali",
        "Collaborazione e collegamento con i soggetti coinvolti", "Risorse e cofinanziamento"), titles(s, Schema.SECTIONS));
    for (String sec : s.ids(Schema.SECTIONS)) assertEquals(0, s.textLength(Schema.SECTIONS, sec, "body"), "empty until written");
    assertEquals(5, s.ids(Schema.OBJECTIVES).size());
    Row log = TestServer.pool().preparedQuery("select count(*) over () as n, author, client_id from op_log where doc_id = $1")
        .execute(Tuple.of(id)).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals(1L, log.getLong("n"), "one creating batch");
    assertEquals(DemoSeed.COORDINATOR.id(), log.getUUID("author"));
    assertEquals("template", log.getString("client_id"));

    JsonObject guidance = Api.ok(Api.call("GET", "/api/documents/" + id + "/guidance", Api.login("ets1@demo.tavolo"), null), 200);
    assertTrue(guidance.getJsonObject("sections").getString("sec-1").contains("impianto unitario"), guidance.encode());
    assertEquals(4, guidance.getJsonObject("sections").size());
    assertTrue(guidance.getJsonObject("objectives").getString("obj-4").contains("contenuto operativo"), guidance.encode());

    Api.error(Api.call("POST", "/api/tavoli/" + t.id() + "/documents/from-template", Api.login("ets1@demo.tavolo"),
        new JsonObject().put("template", "schema:sia-pistoiese").encode()), 403, "forbidden");
    Api.error(Api.call("POST", "/api/tavoli/" + t.id() + "/documents/from-template", coord,
        new JsonObject().put("template", "schema:non-esiste").encode()), 404, "not_found");
  }

  @Test
  void aCoordinatorSavesADocumentsStructureAsATemplateAndStartsANewDocumentFromIt() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    JsonObject saved = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/templates", coord,
        new JsonObject().put("documentId", t.documentId().toString()).put("title", "Struttura della proposta SIA").encode()), 201);
    DocumentState original = CopyTest.stored(t.documentId());
    assertEquals(original.ids(Schema.SECTIONS).size(), saved.getJsonObject("counts").getInteger("sections"));
    JsonArray own = Api.ok(Api.call("GET", "/api/tavoli/" + t.id() + "/templates", coord, null), 200).getJsonArray("templates");
    assertEquals(1, own.size());
    assertEquals("Struttura della proposta SIA", own.getJsonObject(0).getString("title"));
    Api.error(Api.call("POST", "/api/tavoli/" + t.id() + "/templates", Api.login("pa@demo.tavolo"),
        new JsonObject().put("documentId", t.documentId().toString()).put("title", "x").encode()), 403, "forbidden");

    JsonObject doc = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/documents/from-template", coord,
        new JsonObject().put("template", saved.getString("id")).encode()), 201);
    assertEquals("Struttura della proposta SIA", doc.getString("title"), "the template's title by default");
    DocumentState fresh = CopyTest.stored(UUID.fromString(doc.getString("id")));
    assertEquals(titles(original, Schema.SECTIONS), titles(fresh, Schema.SECTIONS), "the same sections, in order");
    assertEquals(titles(original, Schema.ACTIVITIES), titles(fresh, Schema.ACTIVITIES));
    for (String sec : fresh.ids(Schema.SECTIONS)) assertEquals(0, fresh.textLength(Schema.SECTIONS, sec, "body"), "structure, not text");
    // a template of another tavolo is not found here
    JsonObject other = Api.newTavolo(coord, "Altro tavolo");
    Api.error(Api.call("POST", "/api/tavoli/" + other.getString("id") + "/documents/from-template", coord,
        new JsonObject().put("template", saved.getString("id")).encode()), 404, "not_found");
  }
}
