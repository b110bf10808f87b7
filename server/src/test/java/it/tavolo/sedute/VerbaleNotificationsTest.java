package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 tells people about the verbale: those present at the seduta when its remarks open,
 * every member when it is approved; never the coordinator who did it.
 */
class VerbaleNotificationsTest {

  /** {@code who}'s notifications about seduta {@code id}, as kinds, newest first. */
  private static List<JsonObject> about(String who, String id) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : ok(200, who, "GET", "/api/me/notifications?limit=100", null).getJsonArray("items")) {
      JsonObject n = (JsonObject) o;
      if (id.equals(n.getJsonObject("payload").getString("seduta"))) out.add(n);
    }
    return out;
  }

  private static List<String> kinds(String who, String id) {
    return about(who, id).stream().map(n -> n.getString("kind")).toList();
  }

  @Test
  void openingTheRemarksTellsThosePresentAndTheApprovalTellsEveryMemberButTheCoordinator() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = VerbaleApprovalTest.closedSeduta(t);
    String base = "/api/sedute/" + id + "/verbale";
    List<String> before = kinds("ets2", id);

    ok(200, "coordinatore", "PUT", base + "/remarks-period", new JsonObject().put("until", Instant.now().plusSeconds(3600).toString()));
    JsonObject n = about("ets1", id).get(0);
    assertEquals("verbale_remarks_open", n.getString("kind"), "Sara was present");
    assertTrue(n.getJsonObject("payload").getString("title").startsWith("Osservazioni aperte sul verbale"), n.encode());
    assertEquals("/#/seduta/" + t.id() + "/" + id, n.getJsonObject("payload").getString("path"));
    assertEquals("verbale_remarks_open", kinds("pa", id).get(0), "Marco was present");
    assertEquals(before, kinds("ets2", id), "Luca was not present: not told");
    assertTrue(!kinds("coordinatore", id).contains("verbale_remarks_open"), "the coordinator who opened them is not told");

    // closing the period early tells no one; the approval tells every member but the coordinator
    Instant until = VerbaleApprovalTest.closeRemarksSoon(base);
    assertEquals(1, kinds("ets1", id).stream().filter("verbale_remarks_open"::equals).count());
    VerbaleApprovalTest.waitPast(until);
    ok(200, "coordinatore", "POST", base + "/approve", null);
    for (String who : new String[] {"ets1", "pa", "ets2"}) {
      assertEquals("verbale_approved", kinds(who, id).get(0), who + " is told the verbale is approved");
    }
    assertTrue(!kinds("coordinatore", id).contains("verbale_approved"), "the coordinator who approved it is not told");
  }
}
