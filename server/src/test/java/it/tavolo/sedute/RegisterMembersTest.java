package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Marking members present in the room with one tap each (issue 19), and what that lets them do. */
class RegisterMembersTest {

  @Test
  void aCoordinatorMarksMembersInTheRoomWithOneTapAndTheyMayRemarkOnTheVerbale() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    String base = "/api/sedute/" + id;
    refused(409, "seduta_not_open", "coordinatore", "POST", base + "/register/members",
        new JsonObject().put("userId", DemoSeed.ETS2.id().toString()));
    ok(200, "coordinatore", "POST", base + "/open", null);

    JsonObject luca = ok(201, "coordinatore", "POST", base + "/register/members", new JsonObject().put("userId", DemoSeed.ETS2.id().toString()));
    assertEquals("Luca Bartolini", luca.getString("name"));
    assertEquals(DemoSeed.CONSORZIO.name(), luca.getString("organisation"));
    assertEquals("in_room", luca.getString("presence"));
    assertTrue(luca.getBoolean("corrected"), "marked by the coordinator: " + luca.encode());
    JsonObject again = ok(201, "coordinatore", "POST", base + "/register/members", new JsonObject().put("userId", DemoSeed.ETS2.id().toString()));
    assertEquals(luca.getString("id"), again.getString("id"), "a second tap changes nothing");

    ok(200, "ets1", "GET", base + "?attend=true", null); // Sara follows from the page: connected
    JsonObject sara = ok(201, "coordinatore", "POST", base + "/register/members", new JsonObject().put("userId", DemoSeed.ETS1.id().toString()));
    assertEquals("in_room", sara.getString("presence"), "she is in the room too: the same row");
    assertEquals(3, okArray("pa", base + "/register").size(), "with the coordinator who opened it");

    refused(400, "invalid_input", "coordinatore", "POST", base + "/register/members",
        new JsonObject().put("userId", "00000000-0000-4000-8000-000000000099"));
    refused(403, "forbidden", "pa", "POST", base + "/register/members", new JsonObject().put("userId", DemoSeed.PA_MEMBER.id().toString()));

    ok(200, "coordinatore", "POST", base + "/close", null);
    ok(200, "coordinatore", "PUT", base + "/verbale/remarks-period", new JsonObject().put("until", Instant.now().plusSeconds(600).toString()));
    ok(201, "ets2", "POST", base + "/verbale/remarks", new JsonObject().put("text", "Ero in sala: confermo."));
    refused(403, "forbidden", "pa", "POST", base + "/verbale/remarks", new JsonObject().put("text", "Non c'ero."));
  }
}
