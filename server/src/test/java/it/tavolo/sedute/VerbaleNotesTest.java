package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The verbale's notes (issue 19): a document per seduta written live over /ws by its
 * segretario verbalizzante and the writers a coordinator allowed, read by everyone else,
 * locked at closing and read into the verbale as they were then.
 */
class VerbaleNotesTest {

  private static JsonObject textOp(String section, long retain, String insert) {
    JsonArray edit = new JsonArray();
    if (retain > 0) {
      edit.add(retain);
    }
    edit.add(insert);
    return new JsonObject().put("op", "text").put("coll", "sections").put("id", section).put("field", "body").put("edit", edit);
  }

  private static JsonObject submit(long clientSeq, long baseSeq, JsonObject op) {
    return new JsonObject().put("type", "submit").put("clientSeq", clientSeq).put("baseSeq", baseSeq).put("ops", new JsonArray().add(op));
  }

  @Test
  void twoWritersTakeNotesAtOnceOthersReadAndTheVerbaleSaysWhatTheyWroteWhenItClosed() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    String base = "/api/sedute/" + id;

    JsonObject none = ok(200, "osservatore", "GET", base + "/notes", null);
    assertEquals(null, none.getString("docId"), "no notes until a coordinator names the secretary");
    refused(403, "forbidden", "ets1", "PUT", base + "/notes", new JsonObject().put("secretary", DemoSeed.ETS1.id().toString()));
    refused(400, "invalid_input", "coordinatore", "PUT", base + "/notes",
        new JsonObject().put("secretary", DemoSeed.OBSERVER.id().toString()));

    JsonObject notes = ok(200, "coordinatore", "PUT", base + "/notes", new JsonObject()
        .put("secretary", DemoSeed.ETS1.id().toString()).put("writers", new JsonArray().add(DemoSeed.PA_MEMBER.id().toString())));
    UUID doc = UUID.fromString(notes.getString("docId"));
    assertEquals("Sara Innocenti", notes.getJsonObject("secretary").getString("name"));
    assertEquals(3, notes.getJsonArray("sections").size());
    String item1 = notes.getJsonArray("sections").getJsonObject(0).getString("itemId");
    assertTrue(ok(200, "ets1", "GET", base + "/notes", null).getBoolean("canWrite"));
    assertFalse(ok(200, "ets2", "GET", base + "/notes", null).getBoolean("canWrite"));
    String tavoli = Http.call("coordinatore", "GET", "/api/tavoli", null).body();
    assertFalse(tavoli.contains(doc.toString()), "the notes are not among the tavolo's documents");

    ok(200, "coordinatore", "POST", base + "/open", null);
    try (Ws secretary = Ws.join("ets1", doc); Ws writer = Ws.join("pa", doc); Ws reader = Ws.join("ets2", doc)) {
      assertEquals("member", secretary.welcome.getJsonObject("you").getString("role"));
      assertEquals("observer", reader.welcome.getJsonObject("you").getString("role"), "a member who is not a writer reads");
      long seq = secretary.welcome.getLong("seq");
      assertTrue(seq >= 3, "one section per agenda item: " + secretary.welcome.encode());

      // both write on the same item from the same base: the engine orders and transforms
      secretary.send(submit(1, seq, textOp(item1, 0, "Il Comune illustra i dati della zona.")));
      writer.send(submit(1, seq, textOp(item1, 0, "Le cooperative chiedono un tavolo tecnico. ")));
      assertNotNull(secretary.next("ack").getLong("seq"));
      assertNotNull(writer.next("ack").getLong("seq"));

      reader.send(submit(1, seq, textOp(item1, 0, "Non posso scrivere")));
      assertEquals("forbidden", reader.next("error").getString("code"));

      JsonObject intervento = ok(201, "ets1", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1)
          .put("kind", "intervento").put("speakerUserId", DemoSeed.ETS2.id().toString()).put("text", "Propone di coinvolgere le scuole."));
      assertEquals("Luca Bartolini", intervento.getString("speakerName"));
      assertEquals(DemoSeed.CONSORZIO.name(), intervento.getString("organisation"));
      ok(201, "pa", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1).put("kind", "riserva")
          .put("speakerName", "Donatella Turri").put("organisation", "Caritas Diocesi di Lucca").put("text", "Riserva sul cronoprogramma."));
      ok(201, "pa", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1).put("kind", "dichiarazione")
          .put("speakerName", "Marco Rossi").put("text", "Chiede che resti a verbale il parere dell'ufficio."));
      JsonObject withdrawn = ok(201, "pa", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1).put("kind", "intervento")
          .put("speakerName", "Per errore").put("text", "Da togliere."));
      Http.ok(204, "pa", "DELETE", base + "/notes/entries/" + withdrawn.getString("id"), null);
      refused(403, "forbidden", "ets2", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1)
          .put("kind", "intervento").put("speakerName", "X").put("text", "Y"));
      refused(400, "invalid_input", "ets1", "POST", base + "/notes/entries", new JsonObject().put("itemId", item1)
          .put("kind", "chiacchiera").put("speakerName", "X").put("text", "Y"));

      // an item added during the seduta gets its section
      ok(201, "coordinatore", "POST", base + "/agenda", new JsonObject().put("title", "Punto aggiunto"));
      JsonObject added = secretary.next("ops");
      while (!added.encode().contains("Punto aggiunto")) {
        added = secretary.next("ops");
      }

      ok(200, "coordinatore", "POST", base + "/close", null);
      JsonObject lock = secretary.next("doc");
      assertTrue(lock.getBoolean("locked"), "the closing locks the notes at once: " + lock.encode());
      secretary.send(submit(2, seq, textOp(item1, 0, "Dopo la chiusura")));
      assertEquals("locked", secretary.next("error").getString("code"));
    }

    JsonObject closed = ok(200, "osservatore", "GET", base + "/notes", null);
    assertNotNull(closed.getLong("closedSeq"));
    assertEquals(3, closed.getJsonArray("entries").size());
    JsonObject verbale = ok(200, "pa", "GET", base + "/verbale", null);
    String pdf = Verbale.flat(Verbale.pdfText(Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256"))));
    for (String expected : new String[] {"Il Comune illustra i dati della zona.", "Le cooperative chiedono un tavolo tecnico.",
        "Interventi", "Luca Bartolini (" + DemoSeed.CONSORZIO.name() + "): Propone di coinvolgere le scuole.", "Riserve",
        "Donatella Turri (Caritas Diocesi di Lucca): Riserva sul cronoprogramma.", "Dichiarazioni a verbale",
        "Marco Rossi: Chiede che resti a verbale il parere dell'ufficio."}) {
      assertTrue(pdf.contains(Verbale.flat(expected)), "the verbale says \"" + expected + "\":\n" + pdf);
    }
    assertFalse(pdf.contains("Dopo la chiusura") || pdf.contains("Da togliere"), pdf);

    // the database keeps them frozen, whatever the code does
    var pool = TestServer.pool();
    assertThrows(Exception.class, () -> pool.preparedQuery("update documents set locked = false where id = $1")
        .execute(Tuple.of(doc)).await(10, TimeUnit.SECONDS));
    // (entries now live in the notes' document; the rows recorded before stay frozen too)
    assertThrows(Exception.class, () -> pool.preparedQuery("""
            insert into seduta_note_entries (id, seduta_id, item_id, kind, speaker_name, text, recorded_by)
            values ($1, $2, $3, 'intervento', 'Tardi', 'Dopo la chiusura', $4)""")
        .execute(Tuple.of(UUID.randomUUID(), UUID.fromString(id), UUID.fromString(item1), DemoSeed.PA_MEMBER.id()))
        .await(10, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> pool.preparedQuery("update seduta_notes set secretary = $2 where seduta_id = $1")
        .execute(Tuple.of(UUID.fromString(id), DemoSeed.ETS2.id())).await(10, TimeUnit.SECONDS));
    refused(409, "seduta_closed", "coordinatore", "PUT", base + "/notes", new JsonObject().put("secretary", DemoSeed.ETS2.id().toString()));
  }
}
