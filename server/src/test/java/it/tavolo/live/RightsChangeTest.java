package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An open connection keeps no right its user lost: a demotion, a removal or a logout closes
 * it at once, well before the periodic recheck (30 s on the test server).
 */
class RightsChangeTest {
  private static final long SOONER_THAN_THE_RECHECK_MS = 5_000;

  private static HttpResponse<String> asCoordinator(String method, String path, String body) {
    return TestServer.request(method, path, body, "Authorization", "Bearer " + LiveClient.token("coordinatore"),
        "Content-Type", "application/json");
  }

  private static String setTitle(String title) {
    return "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"title\",\"value\":\"" + title + "\"}]";
  }

  @Test
  void aMemberDemotedToObserverIsClosedAtOnceAndRejoinsReadOnly() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient ets1 = LiveClient.join("ets1", t.documentId(), "demoted-" + t.id())) {
      HttpResponse<String> r = asCoordinator("PUT", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.ETS1.id(),
          "{\"role\":\"observer\"}");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode e = ets1.next("error", SOONER_THAN_THE_RECHECK_MS);
      assertEquals("role_changed", e.path("code").asText(), e.toString());
      ets1.awaitClosed(4403);
    }
    try (LiveClient again = LiveClient.join("ets1", t.documentId(), "demoted-" + t.id())) {
      assertEquals("observer", again.welcome.path("you").path("role").asText(), again.welcome.toString());
      long head = again.welcome.path("seq").asLong();
      again.submit(1, head, setTitle("Non più"));
      again.error("forbidden");
      assertEquals(head, LiveFixtures.opLogRows(t.documentId()));
    }
  }

  @Test
  void aRemovedMemberIsClosedAtOnce() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient ets2 = LiveClient.join("ets2", t.documentId(), "removed-" + t.id())) {
      HttpResponse<String> r = asCoordinator("DELETE", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.ETS2.id(), null);
      assertEquals(204, r.statusCode(), r.body());
      assertEquals("role_changed", ets2.next("error", SOONER_THAN_THE_RECHECK_MS).path("code").asText());
      ets2.awaitClosed(4403);
    }
  }

  @Test
  void aLogoutClosesTheConnectionsOfThatTokenAtOnce() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String token = LiveClient.login("pa"); // its own: the shared cached token must stay valid
    try (LiveClient pa = LiveClient.join(TestServer.port(), token, t.documentId(), "logout-" + UUID.randomUUID(), null);
         LiveClient other = LiveClient.join("ets1", t.documentId(), "stays-" + UUID.randomUUID())) {
      HttpResponse<String> r = TestServer.request("POST", "/api/auth/logout", null, "Authorization", "Bearer " + token);
      assertEquals(204, r.statusCode(), r.body());
      assertEquals("token_revoked", pa.next("error", SOONER_THAN_THE_RECHECK_MS).path("code").asText());
      pa.awaitClosed(4401);
      other.submit(1, other.welcome.path("seq").asLong(), setTitle("Si continua"));
      other.next("ack");
    }
  }
}
