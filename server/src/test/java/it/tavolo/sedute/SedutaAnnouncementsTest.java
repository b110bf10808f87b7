package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Sedute: seduta announcements": every connection to the tavolo's
 * documents hears of each change to the seduta while it runs — here recording and withdrawing
 * a decision, and changing the agenda (an item renamed, added, removed). Each action is
 * awaited before the next, so an action that announced nothing fails on its own.
 */
class SedutaAnnouncementsTest {
  private static final Set<String> KEYS = Set.of("type", "seduta", "tavolo", "title", "state", "currentItem", "item");

  /** The next seduta announcement, of the documented shape. */
  private static JsonObject announced(Ws c, String seduta, TestServer.Tavolo t) {
    JsonObject m = c.next("seduta");
    assertEquals(KEYS, m.fieldNames(), "the documented keys: " + m);
    assertEquals(seduta, m.getString("seduta"));
    assertEquals(t.id().toString(), m.getString("tavolo"));
    return m;
  }

  @Test
  void recordingADecisionAndChangingTheAgendaAreAnnouncedToEveryConnection() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject planned = SedutaLifecycleTest.plan(t, "in_presenza");
    String id = planned.getString("id");
    String base = "/api/sedute/" + id;
    try (Ws sara = Ws.join("ets1", t.documentId());
         Ws paola = Ws.join("osservatore", t.documentId())) {
      JsonObject open = ok(200, "coordinatore", "POST", base + "/open", null);
      for (Ws c : new Ws[] {sara, paola}) {
        JsonObject m = announced(c, id, t);
        assertEquals("open", m.getString("state"));
        assertNull(m.getString("currentItem"));
      }
      String item = open.getJsonArray("agenda").getJsonObject(1).getString("id");
      ok(200, "coordinatore", "POST", base + "/current", new JsonObject().put("itemId", item));
      for (Ws c : new Ws[] {sara, paola}) {
        assertEquals(item, announced(c, id, t).getString("currentItem"));
      }

      // a decision recorded
      JsonObject decided = ok(201, "coordinatore", "POST", base + "/agenda/" + item + "/decisions",
          new JsonObject().put("text", "Il cofinanziamento è approvato."));
      String decision = decided.getJsonArray("agenda").getJsonObject(1).getJsonArray("decisions").getJsonObject(0).getString("id");
      for (Ws c : new Ws[] {sara, paola}) {
        JsonObject m = announced(c, id, t);
        assertEquals("open", m.getString("state"));
        assertEquals(item, m.getString("currentItem"));
      }

      // the agenda changed: the item in discussion renamed...
      ok(200, "coordinatore", "PUT", base + "/agenda/" + item, new JsonObject().put("title", "Piano economico rivisto"));
      for (Ws c : new Ws[] {sara, paola}) {
        JsonObject m = announced(c, id, t);
        assertEquals("Piano economico rivisto", m.getJsonObject("item").getString("title"), m.encode());
        assertEquals(item, m.getJsonObject("item").getString("id"));
        assertEquals(1, m.getJsonObject("item").getInteger("position"));
      }
      // ...an item added before it (so it moves down)...
      ok(201, "coordinatore", "POST", base + "/agenda", new JsonObject().put("title", "Comunicazioni").put("position", 0));
      for (Ws c : new Ws[] {sara, paola}) {
        assertEquals(2, announced(c, id, t).getJsonObject("item").getInteger("position"), "the current item moved down");
      }
      // ...and removed again
      String added = ok(200, "coordinatore", "GET", base, null).getJsonArray("agenda").getJsonObject(0).getString("id");
      ok(200, "coordinatore", "DELETE", base + "/agenda/" + added, null);
      for (Ws c : new Ws[] {sara, paola}) {
        assertEquals(1, announced(c, id, t).getJsonObject("item").getInteger("position"));
      }

      // a decision withdrawn
      ok(200, "coordinatore", "DELETE", base + "/decisions/" + decision, null);
      for (Ws c : new Ws[] {sara, paola}) {
        assertEquals(item, announced(c, id, t).getString("currentItem"));
      }
    }
  }
}
