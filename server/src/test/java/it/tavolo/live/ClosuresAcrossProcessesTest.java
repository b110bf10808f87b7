package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.OtherProcesses;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one database (docs/protocol.md, "Server-initiated" and "Read-only
 * guests"): a change made over HTTP on one closes the connections it concerns on the other.
 * The second is an App of this JVM, which shares nothing with the first but the database,
 * exactly as a process does (as in {@link MultiProcessTest}). A role change travels by the
 * cluster's NOTIFY (at once); a logout and a revoked guest link by the revocation polls (1 s
 * and 2 s): all well before the 30 s periodic recheck, which therefore cannot be what closed them.
 */
class ClosuresAcrossProcessesTest {
  /** Well under the periodic recheck (30 s): what closes the connection is the change itself. */
  private static final long WITHIN_MS = 8_000;
  private static App first;
  private static App other;

  /**
   * Two processes on the shared server's database, each with DATABASE_URL as in a deployment
   * of several (so each LISTENs and NOTIFYs: TAVOLO_CLUSTER's default for an external database).
   */
  @BeforeAll
  static void startTwoProcesses() {
    first = OtherProcesses.start();
    other = OtherProcesses.start();
  }

  @AfterAll
  static void stop() {
    OtherProcesses.stop(first, other);
  }

  /** A call to the first process, as the coordinator. */
  private static HttpResponse<String> onTheFirst(String method, String path, String body) {
    return onTheFirst(method, path, body, LiveClient.token("coordinatore"));
  }

  private static HttpResponse<String> onTheFirst(String method, String path, String body, String token) {
    return TestServer.request(method, "http://127.0.0.1:" + first.port() + path, body, "Authorization", "Bearer " + token,
        "Content-Type", "application/json");
  }

  /** Waits for the error that closes {@code c}, then the close; returns how long it took. */
  private static long closedWith(LiveClient c, String code, int close, long since) {
    JsonNode e = c.next("error", WITHIN_MS);
    assertEquals(code, e.path("code").asText(), e.toString());
    c.awaitClosed(close);
    return (System.nanoTime() - since) / 1_000_000;
  }

  @Test
  void aRoleChangedOnOneProcessClosesTheMembersConnectionOnTheOtherWithRoleChanged() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient ets1 = LiveClient.join(other.port(), LiveClient.token("ets1"), t.documentId(), "xp-role-" + t.id(), null);
         LiveClient pa = LiveClient.join(other.port(), LiveClient.token("pa"), t.documentId(), "xp-stays-" + t.id(), null)) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = onTheFirst("PUT", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.ETS1.id(), "{\"role\":\"observer\"}");
      assertEquals(200, r.statusCode(), r.body());
      long ms = closedWith(ets1, "role_changed", 4403, t0);
      System.out.println("role change seen by the other process after " + ms + " ms");
      // the others there are not affected
      pa.submit(1, pa.welcome.path("seq").asLong(), "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"title\",\"value\":\"Avanti\"}]");
      pa.next("ack");
      assertTrue(!pa.closed);
    }
    // and coming back to the other process, the new role holds
    try (LiveClient again = LiveClient.join(other.port(), LiveClient.token("ets1"), t.documentId(), "xp-role-" + t.id(), null)) {
      assertEquals("observer", again.welcome.path("you").path("role").asText());
    }
  }

  @Test
  void aLogoutOnOneProcessClosesThatTokensConnectionOnTheOtherWithTokenRevoked() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String token = LiveClient.login("ets2"); // its own: the shared cached one must stay valid
    try (LiveClient ets2 = LiveClient.join(other.port(), token, t.documentId(), "xp-logout-" + UUID.randomUUID(), null)) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = onTheFirst("POST", "/api/auth/logout", null, token);
      assertEquals(204, r.statusCode(), r.body());
      long ms = closedWith(ets2, "token_revoked", 4401, t0);
      System.out.println("logout seen by the other process's connection after " + ms + " ms");
    }
  }

  @Test
  void aGuestLinkRevokedOnOneProcessClosesTheGuestOnTheOtherWithTokenRevoked() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    HttpResponse<String> planned = onTheFirst("POST", "/api/tavoli/" + t.id() + "/sedute",
        "{\"title\":\"Seduta tra processi\",\"startsAt\":\"2026-12-01T09:30:00Z\",\"mode\":\"in_presenza\","
            + "\"place\":\"Sala consiliare\",\"documents\":[\"" + t.documentId() + "\"]}");
    assertEquals(201, planned.statusCode(), planned.body());
    String seduta = LiveClient.JSON.readTree(planned.body()).path("id").asText();
    assertEquals(200, onTheFirst("POST", "/api/sedute/" + seduta + "/open", null).statusCode());
    HttpResponse<String> link = onTheFirst("POST", "/api/sedute/" + seduta + "/viewer-link", null);
    assertEquals(201, link.statusCode(), link.body());
    String secret = LiveClient.JSON.readTree(link.body()).path("token").asText();

    LiveClient guest = LiveClient.connect(other.port(), null);
    try (guest) {
      guest.sendText("{\"type\":\"hello\",\"viewer\":\"" + secret + "\",\"doc\":\"" + t.documentId()
          + "\",\"client\":\"xp-guest\",\"since\":null}");
      assertEquals("viewer", guest.next("welcome").path("you").path("role").asText());
      long t0 = System.nanoTime();
      HttpResponse<String> revoked = onTheFirst("DELETE", "/api/sedute/" + seduta + "/viewer-link", null);
      assertEquals(204, revoked.statusCode(), revoked.body());
      long ms = closedWith(guest, "token_revoked", 4401, t0);
      System.out.println("guest link revocation seen by the other process after " + ms + " ms");
    }
    // and the revoked secret opens nothing there any more
    try (LiveClient again = LiveClient.connect(other.port(), null)) {
      again.sendText("{\"type\":\"hello\",\"viewer\":\"" + secret + "\",\"doc\":\"" + t.documentId()
          + "\",\"client\":\"xp-guest-2\",\"since\":null}");
      again.error("unauthorized");
      again.awaitClosed(4401);
    }
  }
}
