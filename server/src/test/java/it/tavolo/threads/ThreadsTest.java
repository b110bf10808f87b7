package it.tavolo.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.TokenCache;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Threads over the real server: HTTP writes and reads, PostgreSQL, and the live `thread` messages. */
class ThreadsTest {
  private static final String COORD = "coordinatore@demo.tavolo";
  private static final String ETS1 = "ets1@demo.tavolo";
  private static final String ETS2 = "ets2@demo.tavolo";
  private static final String OBSERVER = "osservatore@demo.tavolo";
  private static final TokenCache TOKENS = new TokenCache(Api::login);

  private static HttpResponse<String> call(String who, String method, String path, Object body) {
    return Api.call(method, path, TOKENS.get(who), body == null ? null : body.toString());
  }

  private static String sectionBody(ThreadClient c, String section) {
    return c.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections")
        .getJsonObject(section).getString("body");
  }

  private static JsonObject passage(String section, int start, int end) {
    return new JsonObject().put("coll", "sections").put("id", section).put("field", "body").put("start", start).put("end", end);
  }

  private static JsonObject start(String who, UUID doc, JsonObject anchor, long seq, String body) {
    return Api.ok(call(who, "POST", "/api/documents/" + doc + "/threads",
        new JsonObject().put("anchor", anchor).put("seq", seq).put("body", body)), 201);
  }

  private static JsonObject list(String who, UUID doc, String query) {
    return Api.ok(call(who, "GET", "/api/documents/" + doc + "/threads" + query, null), 200);
  }

  private static JsonArray insertAt(String section, int at, int length, String text) {
    JsonArray edit = new JsonArray();
    if (at > 0) edit.add(at);
    edit.add(text);
    if (length > at) edit.add(length - at);
    return new JsonArray().add(new JsonObject().put("op", "text").put("coll", "sections").put("id", section)
        .put("field", "body").put("edit", edit));
  }

  private static JsonArray deleteRange(String section, int from, int to, int length) {
    JsonArray edit = new JsonArray();
    if (from > 0) edit.add(from);
    edit.add(-(to - from));
    if (length > to) edit.add(length - to);
    return new JsonArray().add(new JsonObject().put("op", "text").put("coll", "sections").put("id", section)
        .put("field", "body").put("edit", edit));
  }

  @Test
  void ets1CommentsASentenceMentioningTheCoordinatorWhoSeesItLiveAndAnEditBeforeItMovesTheAnchor() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (ThreadClient coord = new ThreadClient(TOKENS.get(COORD), t.documentId());
         ThreadClient sara = new ThreadClient(TOKENS.get(ETS1), t.documentId())) {
      String text = sectionBody(sara, "sec-1");
      String sentence = text.substring(0, text.indexOf('.') + 1);
      long seq = sara.welcome.getLong("seq");
      JsonObject created = start(ETS1, t.documentId(), passage("sec-1", 0, sentence.length()), seq,
          "Questa frase va rivista, @coordinatore: mancano i dati 2024.");
      assertEquals(sentence, created.getJsonObject("anchor").getString("quote"));
      assertEquals("open", created.getString("status"));
      JsonObject mention = created.getJsonArray("comments").getJsonObject(0).getJsonArray("mentions").getJsonObject(0);
      assertEquals(DemoSeed.COORDINATOR.id().toString(), mention.getString("id"));

      JsonObject heard = coord.next("thread");
      assertEquals("created", heard.getString("event"));
      assertEquals(created.getString("id"), heard.getJsonObject("thread").getString("id"));
      assertEquals(sentence, heard.getJsonObject("thread").getJsonObject("anchor").getString("quote"));
      assertEquals("Sara Innocenti", heard.getJsonObject("comment").getJsonObject("author").getString("name"));

      // the coordinator types before the sentence: the anchor moves by what was typed
      long after = coord.submit(seq, insertAt("sec-1", 0, text.length(), "Premessa. "));
      JsonObject mine = list(COORD, t.documentId(), "?filter=mentions");
      assertEquals(after, mine.getLong("seq"));
      JsonObject anchor = mine.getJsonArray("threads").getJsonObject(0).getJsonObject("anchor");
      assertEquals(10, anchor.getInteger("start"));
      assertEquals(10 + sentence.length(), anchor.getInteger("end"));
      assertEquals(sentence, anchor.getString("quote"));
      assertTrue(anchor.getBoolean("live"));
      assertEquals(0, list(ETS2, t.documentId(), "?filter=mentions").getJsonArray("threads").size(),
          "ets2 is not mentioned");
    }
  }

  @Test
  void anAnchorGivenAtAnOlderSeqIsCarriedThroughWhatWasCommittedSince() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (ThreadClient sara = new ThreadClient(TOKENS.get(ETS1), t.documentId())) {
      String text = sectionBody(sara, "sec-1");
      long seq = sara.welcome.getLong("seq");
      // someone typed inside the passage after Sara selected it, before her comment arrived
      sara.submit(seq, insertAt("sec-1", 3, text.length(), "XYZ"));
      JsonObject created = start(ETS1, t.documentId(), passage("sec-1", 0, 6), seq, "Da rivedere.");
      JsonObject a = created.getJsonObject("anchor");
      assertEquals(0, a.getInteger("start"));
      assertEquals(9, a.getInteger("end"));
      assertEquals(text.substring(0, 3) + "XYZ" + text.substring(3, 6), a.getString("quote"));
    }
  }

  @Test
  void aThreadWhoseTextIsDeletedStaysOnDeletedTextWithItsQuote() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (ThreadClient sara = new ThreadClient(TOKENS.get(ETS1), t.documentId());
         ThreadClient coord = new ThreadClient(TOKENS.get(COORD), t.documentId())) {
      String text = sectionBody(sara, "sec-1");
      long seq = sara.welcome.getLong("seq");
      start(ETS1, t.documentId(), passage("sec-1", 5, 20), seq, "Che cosa intendiamo?");
      coord.submit(seq, deleteRange("sec-1", 2, 30, text.length()));
      JsonObject thread = list(ETS1, t.documentId(), "").getJsonArray("threads").getJsonObject(0);
      assertFalse(thread.getJsonObject("anchor").getBoolean("live"));
      assertEquals(text.substring(5, 20), thread.getJsonObject("anchor").getString("quote"));
      // and a thread on a whole entity dies with it
      JsonObject onActivity = start(ETS1, t.documentId(), new JsonObject().put("coll", "activities").put("id", "act-4"),
          seq, "Serve un referente.");
      assertTrue(onActivity.getJsonObject("anchor").getBoolean("live"));
      coord.submit(seq + 1, new JsonArray().add(new JsonObject().put("op", "delete").put("coll", "activities").put("id", "act-4")));
      JsonObject got = Api.ok(call(ETS1, "GET", "/api/documents/" + t.documentId() + "/threads/" + onActivity.getString("id"), null), 200);
      assertFalse(got.getJsonObject("anchor").getBoolean("live"));
      assertEquals(onActivity.getJsonObject("anchor").getString("quote"), got.getJsonObject("anchor").getString("quote"));
    }
  }

  @Test
  void repliesResolveAndReopenAreHeardLiveAndFiltersFindThem() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (ThreadClient observer = new ThreadClient(TOKENS.get(OBSERVER), t.documentId())) {
      long seq = observer.welcome.getLong("seq");
      JsonObject th = start(ETS1, t.documentId(), passage("sec-1", 0, 5), seq, "Prima osservazione.");
      observer.next("thread");
      String base = "/api/documents/" + t.documentId() + "/threads/" + th.getString("id");
      Api.ok(call(ETS2, "POST", base + "/comments", new JsonObject().put("body", "D'accordo, @ets1.")), 201);
      JsonObject reply = observer.next("thread");
      assertEquals("comment", reply.getString("event"));
      assertEquals(2, reply.getJsonObject("thread").getInteger("commentCount"));
      assertEquals(DemoSeed.ETS1.id().toString(),
          reply.getJsonObject("comment").getJsonArray("mentions").getJsonObject(0).getString("id"));

      assertEquals(1, list(ETS2, t.documentId(), "?filter=mine").getJsonArray("threads").size(), "ets2 commented in it");
      assertEquals(0, list(COORD, t.documentId(), "?filter=mine").getJsonArray("threads").size());
      assertEquals(1, list(ETS1, t.documentId(), "?filter=mentions").getJsonArray("threads").size());

      Api.ok(call(COORD, "POST", base + "/resolve", new JsonObject()), 200);
      assertEquals("resolved", observer.next("thread").getString("event"));
      assertEquals(0, list(ETS1, t.documentId(), "?status=open").getJsonArray("threads").size());
      JsonObject resolved = list(ETS1, t.documentId(), "?status=resolved").getJsonArray("threads").getJsonObject(0);
      assertEquals("Giulia Bianchi", resolved.getJsonObject("resolvedBy").getString("name"));
      Api.error(call(ETS2, "POST", base + "/comments", new JsonObject().put("body", "Ancora?")), 409, Threads.THREAD_RESOLVED);

      Api.ok(call(ETS1, "POST", base + "/reopen", new JsonObject()), 200);
      assertEquals("reopened", observer.next("thread").getString("event"));
      JsonObject full = Api.ok(call(OBSERVER, "GET", base, null), 200);
      assertEquals("open", full.getString("status"));
      assertEquals(2, full.getJsonArray("comments").size());
    }
  }

  @Test
  void observersReadThreadsButMayNotWriteThem() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject th = start(COORD, t.documentId(), passage("sec-1", 0, 4), 1, "Nota.");
    String base = "/api/documents/" + t.documentId() + "/threads";
    Api.error(call(OBSERVER, "POST", base, new JsonObject().put("anchor", passage("sec-1", 0, 4)).put("seq", 1)
        .put("body", "Posso?")), 403, "forbidden");
    Api.error(call(OBSERVER, "POST", base + "/" + th.getString("id") + "/comments", new JsonObject().put("body", "No")), 403, "forbidden");
    Api.error(call(OBSERVER, "POST", base + "/" + th.getString("id") + "/resolve", new JsonObject()), 403, "forbidden");
    assertEquals(1, list(OBSERVER, t.documentId(), "").getJsonArray("threads").size());
  }

  @Test
  void badAnchorsAndBodiesAreRefusedWithStableCodes() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String base = "/api/documents/" + t.documentId() + "/threads";
    JsonObject ok = new JsonObject().put("anchor", passage("sec-1", 0, 4)).put("seq", 1).put("body", "Nota.");
    Api.error(call(ETS1, "POST", base, ok.copy().put("anchor", passage("sec-1", 0, 1_000_000))), 400, "bad_anchor");
    Api.error(call(ETS1, "POST", base, ok.copy().put("anchor", passage("sec-404", 0, 1))), 400, "bad_anchor");
    Api.error(call(ETS1, "POST", base, ok.copy().put("anchor", passage("sec-1", 3, 3))), 400, "bad_anchor");
    Api.error(call(ETS1, "POST", base, ok.copy().put("anchor", new JsonObject().put("coll", "sections").put("id", "sec-1")
        .put("field", "title").put("start", 0).put("end", 2))), 400, "bad_anchor"); // a title is no text field
    Api.error(call(ETS1, "POST", base, ok.copy().put("seq", 99_999)), 400, "bad_anchor");
    Api.error(call(ETS1, "POST", base, ok.copy().put("body", " ")), 400, "invalid_input");
    Api.error(call(ETS1, "POST", base, ok.copy().put("body", "x".repeat(ThreadSettings.MAX_BODY + 1))), 400, "invalid_input");
    Api.error(call(ETS1, "GET", base + "?filter=everything", null), 400, "invalid_input");
    Api.error(call(ETS1, "POST", base + "/" + UUID.randomUUID() + "/comments", new JsonObject().put("body", "x")), 404, "not_found");
    assertEquals(0, list(ETS1, t.documentId(), "").getJsonArray("threads").size(), "nothing was stored");
  }

  @Test
  void aThreadIsOnlyReachedThroughItsOwnDocument() {
    TestServer.Tavolo a = TestServer.freshTavolo();
    TestServer.Tavolo b = TestServer.freshTavolo(); // Sara is a member of both
    JsonObject th = start(ETS1, a.documentId(), passage("sec-1", 0, 4), 1, "Nota.");
    String elsewhere = "/api/documents/" + b.documentId() + "/threads/" + th.getString("id");
    Api.error(call(ETS1, "GET", elsewhere, null), 404, "not_found");
    Api.error(call(ETS1, "POST", elsewhere + "/comments", new JsonObject().put("body", "x")), 404, "not_found");
    Api.error(call(ETS1, "POST", elsewhere + "/resolve", new JsonObject()), 404, "not_found");
    assertEquals("open", Api.ok(call(ETS1, "GET", "/api/documents/" + a.documentId() + "/threads/" + th.getString("id"), null), 200)
        .getString("status"));
  }
}
