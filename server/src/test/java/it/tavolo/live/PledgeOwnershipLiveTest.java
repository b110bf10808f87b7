package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 over the real WebSocket: a budget line is its contributor's pledge. In the demo
 * budget bud-1 is the SdS's (Marco Rossi, "pa", and the coordinator Giulia are SdS), bud-6
 * the Cooperativa's (Sara, "ets1"), bud-8 the Consorzio's (Luca, "ets2").
 */
class PledgeOwnershipLiveTest {
  private static final String SET_SDS = "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-1\",\"field\":\"amount\",\"value\":1}]";

  private static JsonNode state(UUID doc, String who) {
    try (LiveClient c = LiveClient.join(who, doc, "look-" + UUID.randomUUID())) {
      return c.welcome.path("snapshot");
    }
  }

  @Test
  void anEtsMemberCannotTouchTheSdsLinesLiveAndTheDocumentIsUnchanged() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    JsonNode before = state(doc, "pa");
    assertTrue(before.path("collections").path("budget").has("bud-1"), "the demo budget is there");
    try (LiveClient sara = LiveClient.join("ets1", doc, "own-" + t.id())) {
      long head = sara.welcome.path("seq").asLong();
      sara.submit(1, head, SET_SDS);
      JsonNode refused = sara.next("error");
      assertEquals("not_your_pledge", refused.path("code").asText());
      assertEquals(1, refused.path("clientSeq").asLong());

      sara.submit(2, head, "[{\"op\":\"delete\",\"coll\":\"budget\",\"id\":\"bud-2\"}]");
      assertEquals("not_your_pledge", sara.next("error").path("code").asText());
      sara.submit(3, head, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"contributor\",\"value\":\""
          + DemoSeed.SDS.id() + "\"}]");
      assertEquals("not_your_pledge", sara.next("error").path("code").asText(), "moving her line to the SdS");
      sara.submit(4, head, "[{\"op\":\"create\",\"coll\":\"budget\",\"id\":\"bud-x\",\"fields\":{\"order\":\"z\","
          + "\"contributor\":\"" + DemoSeed.SDS.id() + "\",\"amount\":100}}]");
      assertEquals("not_your_pledge", sara.next("error").path("code").asText(), "a new line in the SdS's name");

      // her own line and the SdS's in one batch: nothing of it is applied
      sara.submit(5, head, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":3900000},"
          + SET_SDS.substring(1));
      assertEquals("not_your_pledge", sara.next("error").path("code").asText());

      // the resend of the refused batch is judged again, and refused again
      sara.submit(1, head, SET_SDS);
      assertEquals("not_your_pledge", sara.next("error").path("code").asText());
      assertEquals(head, LiveFixtures.opLogRows(doc), "nothing committed");
      assertEquals(before, state(doc, "pa"), "the document is unchanged");

      // her own line she changes
      sara.submit(6, head, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":3900000}]");
      assertEquals(head + 1, sara.next("ack").path("seq").asLong());
    }
  }

  @Test
  void theCoordinatorToo() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    try (LiveClient giulia = LiveClient.join("coordinatore", doc, "coord-" + t.id())) {
      long head = giulia.welcome.path("seq").asLong();
      giulia.submit(1, head, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":1}]");
      assertEquals("not_your_pledge", giulia.next("error").path("code").asText());
      // her own organisation's (the SdS's) line she changes
      giulia.submit(2, head, SET_SDS);
      assertEquals(head + 1, giulia.next("ack").path("seq").asLong());
      assertEquals(head + 1, LiveFixtures.opLogRows(doc));
    }
  }
}
