package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A seduta run end to end against the real server: people join and leave the tavolo's
 * document over real WebSockets, one is added by hand, the coordinator moves through the
 * agenda (announced live), records a decision and closes; the register and the verbale say
 * what happened.
 */
class SedutaEndToEndTest {

  @Test
  void theRegisterFollowsRealConnectionsAndTheVerbaleSaysWhoWasThere() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "ibrida").getString("id");

    try (Ws sara = Ws.join("ets1", t.documentId());
         Ws giulia = Ws.join("coordinatore", t.documentId())) {
      // Sara and Giulia were connected before the seduta opened: they are in the register from its opening
      JsonObject open = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
      JsonObject announced = sara.next("seduta");
      assertEquals(id, announced.getString("seduta"));
      assertEquals("open", announced.getString("state"));
      JsonArray register = okArray("coordinatore", "/api/sedute/" + id + "/register");
      assertEquals(2, register.size(), register.encode());
      JsonObject saraRow = byUser(register, DemoSeed.ETS1.id().toString());
      assertEquals("connected", saraRow.getString("presence"));
      assertEquals("Cooperativa sociale Il Ponte", saraRow.getString("organisation"));
      assertEquals("ETS", saraRow.getString("side"));
      assertEquals("member", saraRow.getString("role"));
      assertEquals(open.getString("openedAt"), saraRow.getString("joinedAt"));

      // Luca joins, then leaves; Marco joins from two tabs and closes one
      Ws luca = Ws.join("ets2", t.documentId());
      Ws marco1 = Ws.join("pa", t.documentId());
      Ws marco2 = Ws.join("pa", t.documentId());
      await(id, r -> byUser(r, DemoSeed.ETS2.id().toString()) != null && byUser(r, DemoSeed.PA_MEMBER.id().toString()) != null);
      Instant beforeLucaLeft = Instant.now();
      luca.close();
      marco2.close();
      JsonArray afterLeave = await(id, r -> byUser(r, DemoSeed.ETS2.id().toString()).getString("leftAt") != null);
      JsonObject lucaRow = byUser(afterLeave, DemoSeed.ETS2.id().toString());
      assertFalse(Instant.parse(lucaRow.getString("leftAt")).isBefore(beforeLucaLeft.minusSeconds(1)));
      assertFalse(lucaRow.getBoolean("connected"));
      Ws.sleep(300);
      JsonObject marcoRow = byUser(okArray("coordinatore", "/api/sedute/" + id + "/register"), DemoSeed.PA_MEMBER.id().toString());
      assertNull(marcoRow.getString("leftAt"), "Marco still has a tab open: " + marcoRow);
      assertTrue(marcoRow.getBoolean("connected"));

      // someone only on the call, added by hand
      ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/register", new JsonObject()
          .put("name", "Angela Silvia Pavesi").put("organisation", "Politecnico di Milano").put("role", "Relatrice").put("presence", "on_call"));

      // the coordinator moves through the agenda: everyone connected hears it
      String item = open.getJsonArray("agenda").getJsonObject(1).getString("id");
      ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/current", new JsonObject().put("itemId", item));
      JsonObject moved = sara.next("seduta", m -> item.equals(m.getString("currentItem")));
      assertEquals("Piano economico e cofinanziamento", moved.getJsonObject("item").getString("title"));
      marco1.next("seduta", m -> item.equals(m.getString("currentItem")));
      ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/agenda/" + item + "/decisions",
          new JsonObject().put("text", "Si approva il piano economico con il cofinanziamento ETS indicato."));

      // the record of issue 6: an integration accepted and a version consolidated while the seduta is open
      String section = sara.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections")
          .fieldNames().iterator().next();
      JsonObject sections = sara.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections");
      String oldTitle = sections.getJsonObject(section).getString("title");
      JsonObject budget = sara.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("budget");
      String line = budget.fieldNames().stream().sorted().findFirst().orElseThrow();
      long oldAmount = budget.getJsonObject(line).getLong("amount");
      String lineName = budget.getJsonObject(line).getString("description");
      String doc = "/api/documents/" + t.documentId();
      JsonObject proposal = ok(201, "ets1", "POST", doc + "/integrations", new JsonObject()
          .put("baseSeq", sara.welcome.getLong("seq"))
          .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "sections").put("id", section)
              .put("field", "title").put("value", "Analisi del bisogno della Zona Pistoiese"))
              .add(new JsonObject().put("op", "set").put("coll", "budget").put("id", line).put("field", "amount").put("value", oldAmount + 150_000)))
          .put("rationale", "Il titolo nomina la zona, come nell'avviso"));
      // the budget line is the SdS's pledge (issue 15): the SdS confirms before it is accepted
      ok(200, "coordinatore", "POST", doc + "/integrations/" + proposal.getString("id") + "/confirm", null);
      ok(200, "coordinatore", "POST", doc + "/integrations/" + proposal.getString("id") + "/accept", null);
      ok(201, "coordinatore", "POST", doc + "/versions", new JsonObject().put("name", "Bozza condivisa al secondo incontro")
          .put("consolidate", true));
      JsonObject running = ok(200, "ets2", "GET", "/api/sedute/" + id, null);
      assertEquals(1, running.getJsonArray("integrations").size(), running.encode());
      assertEquals("Il titolo nomina la zona, come nell'avviso", running.getJsonArray("integrations").getJsonObject(0).getString("title"));
      assertEquals("Sara Innocenti", running.getJsonArray("integrations").getJsonObject(0).getString("proposedBy"));
      assertEquals("Giulia Bianchi", running.getJsonArray("integrations").getJsonObject(0).getString("acceptedBy"));
      assertEquals(1, running.getJsonArray("versions").size(), running.encode());
      String versionSha = running.getJsonArray("versions").getJsonObject(0).getString("sha256");
      assertEquals(64, versionSha.length());

      JsonObject closed = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
      assertEquals(running.getJsonArray("integrations"), closed.getJsonArray("integrations"), "copied to the seduta at closing");
      assertEquals(running.getJsonArray("versions"), closed.getJsonArray("versions"));
      assertEquals("closed", sara.next("seduta", m -> "closed".equals(m.getString("state"))).getString("state"));
      String closedAt = closed.getString("closedAt");

      JsonArray last = okArray("pa", "/api/sedute/" + id + "/register");
      assertEquals(5, last.size(), last.encode());
      assertEquals(closedAt, byUser(last, DemoSeed.ETS1.id().toString()).getString("leftAt"), "still connected at closing");
      assertEquals(closedAt, byUser(last, DemoSeed.PA_MEMBER.id().toString()).getString("leftAt"));
      assertEquals(lucaRow.getString("leftAt"), byUser(last, DemoSeed.ETS2.id().toString()).getString("leftAt"));

      // leaving after the closing changes nothing
      marco1.close();
      Ws.sleep(300);
      assertEquals(last, okArray("pa", "/api/sedute/" + id + "/register"));

      byte[] pdfBytes = Verbale.file("ets1", id, "pdf", closed.getJsonObject("verbale").getJsonObject("pdf").getString("sha256"));
      String pdf = Verbale.flat(Verbale.pdfText(pdfBytes));
      String page = Verbale.flat(Verbale.pdfText(pdfBytes, true));
      for (String s0 : new String[] {"Presenti 5 persone di 4 organizzazioni.",
          "Società della Salute Pistoiese (PA)", "Giulia Bianchi", "coordinamento", "Marco Rossi", "partecipante",
          "Cooperativa sociale Il Ponte (ETS)", "Sara Innocenti",
          "Consorzio di cooperative sociali Colline Pistoiesi (ETS)", "Luca Bartolini",
          "Politecnico di Milano", "Angela Silvia Pavesi", "Relatrice", "in videochiamata", "collegato/a a Tavolo",
          "Si approva il piano economico con il cofinanziamento ETS indicato.",
          "Integrazioni accolte durante la seduta", "Il titolo nomina la zona, come nell'avviso",
          "Versioni consolidate durante la seduta", "Bozza condivisa al secondo incontro", versionSha,
          // what the integration changed, in words, with its proposer (issue 19)
          "Modifiche dell'integrazione «Il titolo nomina la zona, come nell'avviso» proposta da Sara Innocenti",
          "Titolo della sezione «Analisi del bisogno della Zona Pistoiese»: «" + oldTitle + "» → «Analisi del bisogno della Zona Pistoiese».",
          "Importo della voce di bilancio «" + lineName + "»: " + it.tavolo.export.Italian.money(oldAmount) + " → "
              + it.tavolo.export.Italian.money(oldAmount + 150_000) + ".",
          "Piano economico: Progetto SIA — bozza", "Totale del piano", "All'apertura", "Alla chiusura"}) {
        String s = Verbale.flat(s0);
        assertTrue(pdf.contains(s), "the verbale says \"" + s0 + "\":\n" + pdf);
      }
      assertTrue(page.indexOf(Verbale.flat("Società della Salute Pistoiese (PA)")) < page.indexOf(Verbale.flat("Cooperativa sociale Il Ponte (ETS)")),
          "PA first, then ETS");
      assertTrue(page.indexOf("GiuliaBianchi") < page.indexOf("MarcoRossi"), "by name within an organisation");
      assertTrue(page.indexOf("Presenti5persone") < page.indexOf("Ordinedelgiorno"), "attendees, then the agenda");
    }
  }

  static JsonObject byUser(JsonArray register, String userId) {
    for (Object o : register) {
      JsonObject e = (JsonObject) o;
      if (userId.equals(e.getString("userId"))) {
        return e;
      }
    }
    return null;
  }

  /** The register once it satisfies {@code done} (the live layer writes it asynchronously). */
  static JsonArray await(String sedutaId, Predicate<JsonArray> done) {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonArray r = null;
    while (System.currentTimeMillis() < deadline) {
      r = okArray("coordinatore", "/api/sedute/" + sedutaId + "/register");
      try {
        if (done.test(r)) {
          return r;
        }
      } catch (NullPointerException notYet) {
        // an entry not there yet
      }
      Ws.sleep(50);
    }
    throw new AssertionError("the register never got there: " + r);
  }

  static void assertPresent(JsonObject o) {
    assertNotNull(o);
  }
}
