package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.db.EmbeddedDatabase;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, the {@code unavailable} row: "4503 if the document cannot be loaded". A
 * server on a database that then stops: a hello for a document is answered with
 * {@code unavailable} and close 4503 (not a refusal that would send the person away, such as
 * 4401 or 4404), so the client knows to retry. Tagged faults: it stops a database.
 */
@Tag(FaultsTaggedTest.TAG)
class UnavailableAtJoinTest {

  @Test
  void aHelloWhileTheDatabaseIsDownIsAnsweredUnavailableAndClosedWith4503() throws Exception {
    EmbeddedDatabase pg = EmbeddedDatabase.start(TestServer.tempDir("unavailable-pg"));
    App app = null;
    try {
      app = TestServer.startApp(TestServer.config(Map.of(
          "DATABASE_URL", "postgresql://postgres@localhost:" + pg.port() + "/postgres", "TAVOLO_DEMO", "true",
          "TAVOLO_DB_WAIT", "0s")));
      HttpResponse<String> login = TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ets1@demo.tavolo\",\"password\":\"demo\"}")).build());
      assertEquals(200, login.statusCode(), login.body());
      String token = new JsonObject(login.body()).getString("token");

      pg.close(); // the database goes away; nobody had opened the document yet
      WsPeer p = WsPeer.connect(app.port());
      try {
        p.send(WsPeer.hello(token, DemoSeed.DOCUMENT_ID, "tab-down", null).toString());
        JsonNode e = p.next("error", 60_000);
        assertNotNull(e, "an answer to the hello");
        assertEquals("unavailable", e.path("code").asText(), e.toString());
        Short close = p.awaitClosed(30_000);
        assertEquals((short) 4503, close, "close 4503: retry later");
      } finally {
        p.close();
      }
    } finally {
      if (app != null) {
        app.stop();
      }
      pg.close();
    }
  }
}
