package it.tavolo.sedute;

import it.tavolo.testing.Ws;
import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The interventi, riserve and dichiarazioni a verbale live in the notes' document (collection
 * {@code interventi}): written over /ws with the draft's engine by the secretary and the
 * writers, by the REST routes as server batches, read by everyone at once, frozen at closing
 * and listed by the verbale under their agenda item with speaker and organisation.
 */
class NotesInterventiTest {

  private static JsonObject create(String id, String item, String kind, String speaker, String speakerUser, String org, String text) {
    JsonObject fields = new JsonObject().put("order", "t0001").put("item", item).put("kind", kind).put("speaker", speaker)
        .put("speakerUser", speakerUser).put("organisation", org).put("text", text);
    return new JsonObject().put("op", "create").put("coll", "interventi").put("id", id).put("fields", fields);
  }

  private static JsonObject submit(long clientSeq, long baseSeq, JsonObject op) {
    return new JsonObject().put("type", "submit").put("clientSeq", clientSeq).put("baseSeq", baseSeq).put("ops", new JsonArray().add(op));
  }

  private static boolean mentions(JsonObject ops, String id) {
    return ops.encode().contains("\"interventi\"") && ops.encode().contains(id);
  }

  /** The other's batch reached this connection (perhaps while it waited for its own ack). */
  private static void sees(Ws w, String entry) {
    synchronized (w.skipped) {
      if (w.skipped.stream().anyMatch(m -> "ops".equals(m.getString("type")) && mentions(m, entry))) {
        return;
      }
    }
    w.next("ops", m -> mentions(m, entry));
  }

  @Test
  void twoWritersRecordInterventiAtOnceOverTheSocketEveryoneSeesThemAndTheVerbaleListsBoth() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    String base = "/api/sedute/" + id;
    JsonObject notes = ok(200, "coordinatore", "PUT", base + "/notes", new JsonObject()
        .put("secretary", DemoSeed.ETS1.id().toString()).put("writers", new JsonArray().add(DemoSeed.PA_MEMBER.id().toString())));
    UUID doc = UUID.fromString(notes.getString("docId"));
    String item1 = notes.getJsonArray("sections").getJsonObject(0).getString("itemId");
    String item2 = notes.getJsonArray("sections").getJsonObject(1).getString("itemId");
    ok(200, "coordinatore", "POST", base + "/open", null);

    try (Ws secretary = Ws.join("ets1", doc); Ws writer = Ws.join("pa", doc); Ws reader = Ws.join("ets2", doc)) {
      long seq = secretary.welcome.getLong("seq");
      assertFalse(secretary.welcome.encode().contains("\"interventi\""), "no entry yet: the snapshot has no such collection");
      // the same base, the same order key, at once: the engine sequences both, nothing is lost
      secretary.send(submit(1, seq, create("i-sara", item1, "intervento", "Luca Bartolini", DemoSeed.ETS2.id().toString(),
          DemoSeed.CONSORZIO.name(), "Propone di coinvolgere le scuole.")));
      writer.send(submit(1, seq, create("i-marco", item1, "riserva", "Donatella Turri", "", "Caritas Diocesi di Lucca",
          "Riserva sul cronoprogramma.")));
      long a = secretary.next("ack").getLong("seq");
      long b = writer.next("ack").getLong("seq");
      assertNotEquals(a, b);
      sees(reader, "i-sara");
      sees(reader, "i-marco");
      sees(secretary, "i-marco");
      sees(writer, "i-sara");

      // reading is not writing: a member who is not a writer is refused with a stable code
      reader.send(submit(1, Math.max(a, b), create("i-luca", item1, "intervento", "Luca", "", "", "Non posso")));
      assertEquals("forbidden", reader.next("error").getString("code"));
      refused(403, "forbidden", "ets2", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1)
          .put("kind", "intervento").put("speakerName", "X").put("text", "Y"));

      // the REST route writes into the same document: the connected see it at once
      JsonObject viaRest = ok(201, "pa", "POST", base + "/notes/entries", new JsonObject().put("itemId", item2)
          .put("kind", "dichiarazione").put("speakerUserId", DemoSeed.ETS1.id().toString()).put("text", "Chiede che resti a verbale."));
      assertEquals("Sara Innocenti", viaRest.getString("speakerName"));
      sees(reader, viaRest.getString("id"));

      JsonArray entries = ok(200, "osservatore", "GET", base + "/notes", null).getJsonArray("entries");
      Map<String, JsonObject> byId = new HashMap<>();
      entries.forEach(e -> byId.put(((JsonObject) e).getString("id"), (JsonObject) e));
      assertEquals(3, byId.size(), entries.encode());
      assertEquals(DemoSeed.ETS1.id().toString(), byId.get("i-sara").getString("recordedBy"), "who created it recorded it");
      assertEquals(DemoSeed.PA_MEMBER.id().toString(), byId.get("i-marco").getString("recordedBy"));
      assertEquals("riserva", byId.get("i-marco").getString("kind"));
      assertEquals(item1, byId.get("i-marco").getString("itemId"));
      assertTrue(byId.get("i-marco").getString("recordedAt") != null, entries.encode());
      assertEquals(viaRest.getString("recordedAt"), byId.get(viaRest.getString("id")).getString("recordedAt"),
          "the route answers what every later read says: the batch's commit time");

      ok(200, "coordinatore", "POST", base + "/close", null);
      assertTrue(secretary.next("doc").getBoolean("locked"));
      secretary.send(submit(2, Math.max(a, b), create("i-late", item1, "intervento", "Tardi", "", "", "Dopo la chiusura")));
      assertEquals("locked", secretary.next("error").getString("code"));
    }
    refused(409, "seduta_closed", "pa", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1)
        .put("kind", "intervento").put("speakerName", "Tardi").put("text", "Dopo la chiusura"));

    JsonObject verbale = ok(200, "pa", "GET", base + "/verbale", null);
    String pdf = Verbale.flat(Verbale.pdfText(Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256"))));
    for (String expected : new String[] {"Interventi", "Luca Bartolini (" + DemoSeed.CONSORZIO.name() + "): Propone di coinvolgere le scuole.",
        "Riserve", "Donatella Turri (Caritas Diocesi di Lucca): Riserva sul cronoprogramma.",
        "Dichiarazioni a verbale", "Sara Innocenti"}) {
      assertTrue(pdf.contains(Verbale.flat(expected)), "the verbale says \"" + expected + "\":\n" + pdf);
    }
    assertFalse(pdf.contains("Dopo la chiusura"), pdf);
  }

  @Test
  void aDraftRefusesInterventiSoItsContentAndHashesStayWhatItsPagesShow() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (Ws member = Ws.join("ets1", t.documentId())) {
      assertEquals("member", member.welcome.getJsonObject("you").getString("role"));
      member.send(submit(1, member.welcome.getLong("seq"), create("i-1", null, "intervento", "Luca", "", "", "Nel posto sbagliato")));
      JsonObject e = member.next("error");
      assertEquals("invalid_op", e.getString("code"), e.encode());
      assertEquals(1L, e.getLong("clientSeq"));
    }
  }

  @Test
  void aMemberNamedWriterWhileConnectedWritesWithinASecondNotAtTheNextRecheck() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    String base = "/api/sedute/" + id;
    JsonObject notes = ok(200, "coordinatore", "PUT", base + "/notes", new JsonObject().put("secretary", DemoSeed.ETS1.id().toString()));
    UUID doc = UUID.fromString(notes.getString("docId"));
    String item1 = notes.getJsonArray("sections").getJsonObject(0).getString("itemId");
    ok(200, "coordinatore", "POST", base + "/open", null);
    try (Ws reader = Ws.join("ets2", doc)) {
      assertEquals("observer", reader.welcome.getJsonObject("you").getString("role"));
      long named = System.nanoTime();
      ok(200, "coordinatore", "PUT", base + "/notes", new JsonObject().put("secretary", DemoSeed.ETS1.id().toString())
          .put("writers", new JsonArray().add(DemoSeed.ETS2.id().toString())));
      // the default recheck is every 30 s: the change is pushed instead
      assertEquals("role_changed", reader.next("error", 1_000).getString("code"));
      try (Ws writer = Ws.join("ets2", doc)) {
        assertEquals("member", writer.welcome.getJsonObject("you").getString("role"));
        writer.send(submit(1, writer.welcome.getLong("seq"), create("i-luca", item1, "intervento", "Luca Bartolini", "", "", "Ora scrivo.")));
        writer.next("ack", 1_000);
        long ms = (System.nanoTime() - named) / 1_000_000;
        System.out.println("named writer to first acknowledged write: " + ms + " ms");
        assertTrue(ms < 1_000, "named writer to an acknowledged write took " + ms + " ms");
      }
    }
  }
}
