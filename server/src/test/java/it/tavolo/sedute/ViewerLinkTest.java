package it.tavolo.sedute;

import it.tavolo.demo.SeduteDemo;
import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Read-only live links: a guest watches the seduta's documents, changes nothing, and is cut off when the link goes. */
class ViewerLinkTest {

  private static long opLogRows(UUID doc) throws Exception {
    return TestServer.pool().preparedQuery("select count(*) as n from op_log where doc_id = $1").execute(Tuple.of(doc))
        .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  private static JsonObject setTitle(long clientSeq, long baseSeq, String section, String title) {
    return new JsonObject().put("type", "submit").put("clientSeq", clientSeq).put("baseSeq", baseSeq)
        .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "sections").put("id", section)
            .put("field", "title").put("value", title)));
  }

  @Test
  void aGuestWatchesLiveButCannotChangeAnythingAndIsCutOffWhenTheLinkIsRevoked() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "online").getString("id");
    JsonObject link = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/viewer-link", null);
    String secret = link.getString("token");
    assertTrue(link.getString("url").endsWith("/#/segui/" + secret), link.encode());

    HttpResponse<String> info = Http.call(null, "GET", "/api/viewer/" + secret, null);
    assertEquals(200, info.statusCode(), info.body());
    assertEquals(t.documentId().toString(), new JsonObject(info.body()).getJsonArray("documents").getJsonObject(0).getString("id"));
    // the same with the secret in a header, out of access logs
    HttpResponse<String> byHeader = TestServer.get("/api/viewer", "Tavolo-Viewer", secret);
    assertEquals(200, byHeader.statusCode(), byHeader.body());
    assertEquals(new JsonObject(info.body()), new JsonObject(byHeader.body()));

    try (Ws giulia = Ws.join("coordinatore", t.documentId());
         Ws guest = Ws.view(secret, t.documentId())) {
      JsonObject welcome = guest.next("welcome");
      assertEquals("viewer", welcome.getJsonObject("you").getString("role"));
      assertNotNull(welcome.getJsonObject("snapshot"));
      String section = welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections")
          .fieldNames().iterator().next();
      long seq = welcome.getLong("seq");
      for (Object m : welcome.getJsonArray("members")) {
        assertFalse("viewer".equals(((JsonObject) m).getString("role")), "guests are not listed as members: " + m);
      }

      // nothing a guest sends changes the document or shows up for others
      long before = opLogRows(t.documentId());
      guest.send(setTitle(1, seq, section, "Titolo cambiato da un ospite"));
      assertEquals(1L, guest.error("forbidden").getLong("clientSeq"));
      guest.send(new JsonObject().put("type", "presence").put("focus", new JsonObject().put("coll", "sections")
          .put("id", section).put("field", "title")).put("follow", true));
      guest.error("forbidden");
      Ws.sleep(300);
      assertEquals(before, opLogRows(t.documentId()));
      assertTrue(giulia.inbox.stream().noneMatch(m -> "presence".equals(m.getString("type"))), "no presence from a guest");

      // but they see the live changes
      giulia.send(setTitle(1, seq, section, "Analisi del bisogno (versione della seduta)"));
      giulia.next("ack");
      JsonObject ops = guest.next("ops");
      assertEquals("Analisi del bisogno (versione della seduta)", ops.getJsonArray("ops").getJsonObject(0).getString("value"));

      // the secret is not an account's token
      assertEquals(401, Http.callWithBearer(secret, "GET", "/api/tavoli").statusCode());

      ok(204, "coordinatore", "DELETE", "/api/sedute/" + id + "/viewer-link", null);
      guest.awaitClosed(4401);
    }
    try (Ws again = Ws.view(secret, t.documentId())) {
      again.awaitClosed(4401);
    }
    refused(410, "link_revoked", null, "GET", "/api/viewer/" + secret, null);
    refused(404, "not_found", "coordinatore", "DELETE", "/api/sedute/" + id + "/viewer-link", null);
  }

  @Test
  void aGuestOutlivesTheLiveLayersPeriodicRechecksUntilTheLinkGoes() throws Exception {
    it.tavolo.App app = TestServer.startDemoAppWith(java.util.Map.of("TAVOLO_WS_RECHECK_SECONDS", "1"));
    try {
      String origin = "http://127.0.0.1:" + app.port();
      String token = new JsonObject(TestServer.post(origin + "/api/auth/login",
          new JsonObject().put("email", "coordinatore@demo.tavolo").put("password", "demo").encode()).body()).getString("token");
      HttpResponse<String> link = TestServer.request("POST", origin + "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/viewer-link", null,
          "Authorization", "Bearer " + token);
      assertEquals(201, link.statusCode(), link.body());
      try (Ws guest = Ws.view(app.port(), new JsonObject(link.body()).getString("token"), it.tavolo.demo.DemoSeed.DOCUMENT_ID)) {
        guest.next("welcome");
        Ws.sleep(3500); // three rechecks
        assertFalse(guest.closed, "a guest is not a member, yet stays: the link is what lets them in (" + guest.closeCode + ")");
        assertEquals(204, TestServer.request("DELETE", origin + "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/viewer-link", null,
            "Authorization", "Bearer " + token).statusCode());
        guest.awaitClosed(4401);
      }
    } finally {
      app.stop();
    }
  }

  @Test
  void aLinkShowsOnlyItsSedutasDocuments() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "online").getString("id");
    String secret = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/viewer-link", null).getString("token");
    try (Ws elsewhere = Ws.view(secret, TestServer.freshTavolo().documentId())) {
      elsewhere.awaitClosed(4404);
    }
    try (Ws unknown = Ws.view("x".repeat(43), t.documentId())) {
      unknown.awaitClosed(4401);
    }
    refused(404, "not_found", null, "GET", "/api/viewer/" + "y".repeat(43), null);
  }

  @Test
  void aNewLinkReplacesTheOldOneAndClosingTheSedutaEndsIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "online").getString("id");
    String first = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/viewer-link", null).getString("token");
    refused(403, "forbidden", "ets1", "POST", "/api/sedute/" + id + "/viewer-link", null);
    try (Ws guest1 = Ws.view(first, t.documentId())) {
      guest1.next("welcome");
      String second = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/viewer-link", null).getString("token");
      guest1.awaitClosed(4401);
      try (Ws guest2 = Ws.view(second, t.documentId())) {
        guest2.next("welcome");
        ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
        assertEquals("open", guest2.next("seduta").getString("state"), "guests hear the seduta's announcements too");
        ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
        guest2.awaitClosed(4401);
      }
      refused(410, "link_revoked", null, "GET", "/api/viewer/" + second, null);
    }
  }
}
