package it.tavolo.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 17: any document can be copied, as it is now, into a new document of its tavolo. */
class CopyTest {
  static DocumentState stored(UUID doc) throws Exception {
    var rows = TestServer.pool().preparedQuery("select seq, ops::text as ops from op_log where doc_id = $1 order by seq")
        .execute(Tuple.of(doc)).await(30, TimeUnit.SECONDS);
    DocumentState s = new DocumentState();
    for (Row r : rows) OpApplier.applyAll(s, OpCodec.decodeBatch(r.getString("ops")), "x", r.getLong("seq"));
    return s;
  }

  @Test
  void aCoordinatorCopiesTheDraftAsItIsNowIntoOneBatchOfANewDocument() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    // a change after the seed, so the copy is of the head, not of the seed
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations", Api.login("ets1@demo.tavolo"),
        new JsonObject().put("baseSeq", 1).put("rationale", "titolo").put("ops", new JsonArray().add(new JsonObject()
            .put("op", "set").put("coll", "activities").put("id", "act-4").put("field", "title").put("value", "Centro famiglie")))
            .encode()), 201);
    String integration = new JsonArray(Api.call("GET", "/api/documents/" + t.documentId() + "/integrations", coord, null).body())
        .getJsonObject(0).getString("id");
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations/" + integration + "/accept", coord, "{}"), 200);

    JsonObject copy = Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/copy", coord, "{}"), 201);
    UUID id = UUID.fromString(copy.getString("id"));
    assertNotEquals(t.documentId(), id);
    assertEquals("Copia di " + DemoSeed.DOCUMENT_TITLE, copy.getString("title"));
    assertEquals(2L, copy.getJsonObject("copiedFrom").getLong("seq"));
    DocumentState original = stored(t.documentId());
    DocumentState copied = stored(id);
    for (String coll : new String[] {Schema.SECTIONS, Schema.OBJECTIVES, Schema.ACTIVITIES, Schema.BUDGET}) {
      assertEquals(original.ids(coll).size(), copied.ids(coll).size(), coll);
      for (String e : original.ids(coll)) assertEquals(original.fields(coll, e), copied.fields(coll, e), coll + "/" + e);
    }
    assertEquals("Centro famiglie", copied.value("activities", "act-4", "title"));
    Row log = TestServer.pool().preparedQuery("select count(*) over () as n, author, client_id from op_log where doc_id = $1")
        .execute(Tuple.of(id)).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals(1L, log.getLong("n"));
    assertEquals(DemoSeed.COORDINATOR.id(), log.getUUID("author"));
    assertEquals("copy", log.getString("client_id"));

    JsonObject named = Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/copy", coord,
        "{\"title\": \"Variante per il Comune\"}"), 201);
    assertEquals("Variante per il Comune", named.getString("title"));
    JsonObject refused = Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/copy", Api.login("ets1@demo.tavolo"), "{}"), 403);
    assertEquals("forbidden", refused.getString("code"));
  }
}
