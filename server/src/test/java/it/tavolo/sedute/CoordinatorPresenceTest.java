package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the coordinator running the seduta from the seduta page, with no connection to any
 * document, is recorded as present by her own actions (open, current item, close), not by the
 * page's refresh.
 */
class CoordinatorPresenceTest {

  @Test
  void aCoordinatorWhoOpensTheSedutaWithoutAnyConnectionIsPresentAndNamedInTheVerbale() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject planned = SedutaLifecycleTest.plan(t, "in_presenza");
    String id = planned.getString("id");
    String coordinator = DemoSeed.COORDINATOR.id().toString();
    assertEquals(0, okArray("coordinatore", "/api/sedute/" + id + "/register").size(), "nobody is connected to the tavolo");

    JsonObject open = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    JsonArray register = okArray("pa", "/api/sedute/" + id + "/register");
    assertEquals(1, register.size(), register.encode());
    JsonObject giulia = SedutaEndToEndTest.byUser(register, coordinator);
    assertNotNull(giulia, "the coordinator who opened it is in the register: " + register.encode());
    assertEquals("Giulia Bianchi", giulia.getString("name"));
    assertEquals("connected", giulia.getString("presence"));
    assertEquals("coordinator", giulia.getString("role"));
    assertNull(giulia.getString("leftAt"));
    assertTrue(!java.time.Instant.parse(giulia.getString("joinedAt")).isBefore(java.time.Instant.parse(open.getString("openedAt"))),
        "present from the opening: " + giulia.encode());

    // her other actions from the page keep her in the register, still one row
    String item = open.getJsonArray("agenda").getJsonObject(1).getString("id");
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/current", new JsonObject().put("itemId", item));
    assertEquals(1, okArray("coordinatore", "/api/sedute/" + id + "/register").size());

    JsonObject closed = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
    JsonObject after = SedutaEndToEndTest.byUser(okArray("coordinatore", "/api/sedute/" + id + "/register"), coordinator);
    assertEquals(closed.getString("closedAt"), after.getString("leftAt"), "she leaves when she closes it");

    JsonObject verbale = closed.getJsonObject("verbale");
    String pdf = Verbale.flat(Verbale.pdfText(Verbale.file("ets1", id, "pdf", verbale.getJsonObject("pdf").getString("sha256"))));
    assertTrue(pdf.contains(Verbale.flat("Presenti 1 persona di 1 organizzazione.")), pdf);
    assertTrue(pdf.contains(Verbale.flat("Società della Salute Pistoiese (PA)")), pdf);
    assertTrue(pdf.contains(Verbale.flat("Giulia Bianchi")), pdf);
  }
}
