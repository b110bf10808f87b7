package it.tavolo.sedute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import org.junit.jupiter.api.Test;

/** The follow extension of presence (docs/protocol.md): only a coordinator's focus can lead. */
class FollowPresenceTest {

  private static JsonObject focus(String section, boolean follow) {
    return new JsonObject().put("type", "presence").put("follow", follow)
        .put("focus", new JsonObject().put("coll", "sections").put("id", section).put("field", "title"));
  }

  @Test
  void aCoordinatorsFocusCarriesFollowAndAMembersNever() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (Ws giulia = Ws.join("coordinatore", t.documentId());
         Ws sara = Ws.join("ets1", t.documentId())) {
      String section = sara.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections")
          .fieldNames().iterator().next();
      giulia.send(focus(section, true));
      JsonObject led = sara.next("presence");
      assertEquals(true, led.getBoolean("follow"));
      assertEquals(section, led.getJsonObject("focus").getString("id"));

      sara.send(focus(section, true));
      JsonObject fromMember = giulia.next("presence");
      assertFalse(fromMember.containsKey("follow"), "a member cannot lead: " + fromMember);

      giulia.send(focus(section, false));
      assertFalse(sara.next("presence").containsKey("follow"), "without follow the message keeps its usual shape");
    }
  }

  /**
   * docs/protocol.md, "Follow the coordinator": the server keeps the flag in the welcome's
   * {@code presence}, so someone joining mid-seduta knows at once what is being shown.
   */
  @Test
  void theLeadIsKeptInTheWelcomesPresenceForWhoJoinsLater() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (Ws giulia = Ws.join("coordinatore", t.documentId());
         Ws sara = Ws.join("ets1", t.documentId())) {
      String section = sara.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections")
          .fieldNames().iterator().next();
      giulia.send(focus(section, true));
      sara.next("presence"); // relayed: the server holds it now
      try (Ws luca = Ws.join("ets2", t.documentId())) {
        io.vertx.core.json.JsonArray presence = luca.welcome.getJsonArray("presence");
        assertEquals(1, presence.size(), "Giulia's focus only: " + presence);
        JsonObject p = presence.getJsonObject(0);
        assertEquals(giulia.welcome.getJsonObject("you").getString("client"), p.getString("client"));
        assertEquals(true, p.getBoolean("follow"), "the lead is kept: " + p);
        assertEquals(section, p.getJsonObject("focus").getString("id"));
      }
      // a later focus without follow replaces it, and then the welcome has no follow key
      giulia.send(focus(section, false));
      sara.next("presence");
      try (Ws paola = Ws.join("osservatore", t.documentId())) {
        JsonObject p = paola.welcome.getJsonArray("presence").getJsonObject(0);
        assertFalse(p.containsKey("follow"), "no longer leading: " + p);
      }
    }
  }
}
