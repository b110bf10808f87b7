package it.tavolo.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.http.Api;
import it.tavolo.testing.OtherProcesses;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.TokenCache;
import it.tavolo.testing.Ws;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one database (testing/OtherProcesses): a thread started, answered and
 * resolved over HTTP on one reaches the document's connections on the other as {@code thread}
 * messages, through the cluster's NOTIFY (docs/protocol.md, "Threads"), and those on the
 * process that handled the writes once each.
 */
class ThreadsAcrossProcessesTest {
  private static final TokenCache TOKENS = new TokenCache(Api::login);
  private static App first;
  private static App other;

  @BeforeAll
  static void startTwoProcesses() {
    first = OtherProcesses.start();
    other = OtherProcesses.start();
  }

  @AfterAll
  static void stop() {
    OtherProcesses.stop(first, other);
  }

  private static JsonObject onTheFirst(String who, String path, JsonObject body, int status) {
    HttpResponse<String> r = TestServer.request("POST", "http://127.0.0.1:" + first.port() + path, body.encode(),
        "Authorization", "Bearer " + TOKENS.get(who + "@demo.tavolo"), "Content-Type", "application/json");
    assertEquals(status, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private static Ws join(App app, String who, java.util.UUID doc) {
    return Ws.join(app.port(), TOKENS.get(who + "@demo.tavolo"), who, doc);
  }

  @Test
  void aThreadWrittenOnOneProcessReachesTheDocumentsConnectionsOnTheOther() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (Ws giulia = join(other, "coordinatore", t.documentId());
         Ws sara = join(first, "ets1", t.documentId())) {
      long seq = sara.welcome.getLong("seq");
      JsonObject anchor = new JsonObject().put("coll", "sections").put("id", "sec-1").put("field", "body")
          .put("start", 0).put("end", 5);
      String threads = "/api/documents/" + t.documentId() + "/threads";
      long t0 = System.nanoTime();
      JsonObject created = onTheFirst("ets1", threads, new JsonObject().put("anchor", anchor).put("seq", seq)
          .put("body", "Da un altro processo, @coordinatore."), 201);
      String id = created.getString("id");

      JsonObject heard = giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id")));
      // no poll carries these messages (only the NOTIFY does), so arriving at all within next()'s
      // 10 s is the proof; a tighter figure would only fail on a loaded machine: printed, not asserted
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("created", heard.getString("event"));
      assertEquals(t.documentId().toString(), heard.getString("doc"));
      assertEquals("Da un altro processo, @coordinatore.", heard.getJsonObject("comment").getString("body"));
      assertEquals(created.getJsonObject("anchor").getString("quote"), heard.getJsonObject("thread").getJsonObject("anchor").getString("quote"));
      System.out.println("ThreadsAcrossProcessesTest: the thread crossed processes in " + ms + " ms");

      JsonObject reply = onTheFirst("ets2", threads + "/" + id + "/comments", new JsonObject().put("body", "Concordo."), 201);
      JsonObject answered = giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id")));
      assertEquals("comment", answered.getString("event"));
      assertEquals("Concordo.", answered.getJsonObject("comment").getString("body"));
      assertEquals(2, answered.getJsonObject("thread").getInteger("commentCount"), reply.encode());

      onTheFirst("coordinatore", threads + "/" + id + "/resolve", new JsonObject(), 200);
      JsonObject resolved = giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id")));
      assertEquals("resolved", resolved.getString("event"));
      assertEquals("resolved", resolved.getJsonObject("thread").getString("status"));

      // the writer's own process tells its connections once, as before: the NOTIFY does not echo back
      assertEquals("created", sara.next("thread").getString("event"));
      assertEquals("comment", sara.next("thread").getString("event"));
      assertEquals("resolved", sara.next("thread").getString("event"));
      JsonObject marker = onTheFirst("ets1", threads + "/" + id + "/reopen", new JsonObject(), 200);
      assertEquals("reopened", sara.next("thread").getString("event"), marker.encode());
      assertEquals("reopened", giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id"))).getString("event"));
    }
  }

  @Test
  void aLongCommentTooLargeForANotifyReachesAPersonConnectedToTheOtherProcess() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    // about 4000 characters with accents: the message (comment, first and last) is far over a NOTIFY's 8000 bytes
    StringBuilder b = new StringBuilder();
    while (b.length() < 3_900) b.append("Perché è così importante la continuità del servizio? ");
    String body = b.toString().strip();
    try (Ws giulia = join(other, "coordinatore", t.documentId())) {
      JsonObject anchor = new JsonObject().put("coll", "sections").put("id", "sec-1").put("field", "body")
          .put("start", 0).put("end", 5);
      String threads = "/api/documents/" + t.documentId() + "/threads";
      JsonObject created = onTheFirst("ets1", threads, new JsonObject().put("anchor", anchor)
          .put("seq", giulia.welcome.getLong("seq")).put("body", body), 201);
      String id = created.getString("id");
      JsonObject heard = giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id")));
      assertEquals("created", heard.getString("event"));
      assertEquals(body, heard.getJsonObject("comment").getString("body"), "the same message, by reference");
      assertTrue(heard.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 8_000, "too large for a NOTIFY");

      // a short one after it still arrives, after it
      onTheFirst("ets2", threads + "/" + id + "/comments", new JsonObject().put("body", "Concordo."), 201);
      JsonObject answered = giulia.next("thread", m -> id.equals(m.getJsonObject("thread").getString("id")));
      assertEquals("Concordo.", answered.getJsonObject("comment").getString("body"));
    }
  }
}
