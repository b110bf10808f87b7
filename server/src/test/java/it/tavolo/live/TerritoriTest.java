package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 over the wire: a budget line names a territorio of its tavolo's list, kept by the
 * coordinators through the API; an activity does not end before it starts. Refusals leave
 * the document unchanged.
 */
class TerritoriTest {
  private static String line(String id, String territorio) {
    return "[{\"op\":\"create\",\"coll\":\"budget\",\"id\":\"" + id + "\",\"fields\":{\"order\":\"z\","
        + "\"contributor\":\"" + it.tavolo.demo.DemoSeed.SDS.id() + "\",\"amount\":150000,\"annualita\":2,"
        + "\"territorio\":\"" + territorio + "\"}}]";
  }

  private static HttpResponse<String> putTerritori(String who, java.util.UUID tavolo, String json) {
    return TestServer.request("PUT", "/api/tavoli/" + tavolo + "/territori", json,
        "Authorization", "Bearer " + LiveClient.token(who), "Content-Type", "application/json");
  }

  @Test
  void refusesATerritorioOffTheListUntilACoordinatorAddsItAndAgainOnceTakenOff() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient pa = LiveClient.join("pa", t.documentId(), "terr-" + t.id())) {
      long head = pa.welcome.path("seq").asLong();
      pa.submit(1, head, line("bud-s", "Serravalle Pistoiese"));
      JsonNode refused = pa.next("error");
      assertEquals("unknown_territorio", refused.path("code").asText());
      assertEquals(1, refused.path("clientSeq").asLong());
      assertEquals(head, LiveFixtures.opLogRows(t.documentId()), "nothing committed");

      assertEquals(403, putTerritori("pa", t.id(), "{\"territori\":[\"Serravalle Pistoiese\"]}").statusCode(),
          "members read the list; coordinators change it");
      HttpResponse<String> put = putTerritori("coordinatore", t.id(),
          "{\"territori\":[\"Zona Pistoiese\",\"Pistoia\",\"Serravalle Pistoiese\"]}");
      assertEquals(200, put.statusCode(), put.body());
      pa.submit(1, head, line("bud-s", "Serravalle Pistoiese"));
      assertEquals(head + 1, pa.next("ack").path("seq").asLong());

      assertEquals(200, putTerritori("coordinatore", t.id(), "{\"territori\":[\"Zona Pistoiese\"]}").statusCode());
      HttpResponse<String> list = TestServer.get("/api/tavoli/" + t.id() + "/territori",
          "Authorization", "Bearer " + LiveClient.token("ets1"));
      assertEquals("{\"territori\":[\"Zona Pistoiese\"]}", list.body());
      pa.submit(2, head + 1, "[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-1\",\"field\":\"territorio\","
          + "\"value\":\"Pistoia\"}]");
      assertEquals("unknown_territorio", pa.next("error").path("code").asText(), "taken off: refused at once");
      assertEquals(head + 1, LiveFixtures.opLogRows(t.documentId()));
    }
  }

  @Test
  void refusesAnActivityEndingBeforeItStartsAndKeepsTheDocumentAsItWas() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient pa = LiveClient.join("pa", t.documentId(), "dates-" + t.id())) {
      long head = pa.welcome.path("seq").asLong();
      // act-1 runs 2017-10-01 .. 2019-09-30 in the demo draft
      pa.submit(1, head, "[{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"title\",\"value\":\"x\"},"
          + "{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"end\",\"value\":\"2017-09-30\"}]");
      JsonNode refused = pa.next("error");
      assertEquals("end_before_start", refused.path("code").asText());
      assertEquals(head, LiveFixtures.opLogRows(t.documentId()), "the title is not half-applied");
      pa.submit(1, head, "[{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"end\",\"value\":\"2017-10-31\"}]");
      assertEquals(head + 1, pa.next("ack").path("seq").asLong());
    }
  }

  @Test
  void aProposalNamingATerritorioOffTheListOrInvertingDatesIsRefusedAsADirectEditIs() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String path = "/api/documents/" + t.documentId() + "/integrations";
    String auth = "Bearer " + LiveClient.token("ets1");
    HttpResponse<String> territorio = TestServer.post(path, "{\"baseSeq\":1,\"rationale\":\"Anche Serravalle.\","
        + "\"ops\":[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"territorio\","
        + "\"value\":\"Serravalle Pistoiese\"}]}", "Authorization", auth, "Content-Type", "application/json");
    assertEquals(400, territorio.statusCode(), territorio.body());
    assertEquals("unknown_territorio", new io.vertx.core.json.JsonObject(territorio.body()).getString("code"));
    HttpResponse<String> dates = TestServer.post(path, "{\"baseSeq\":1,\"rationale\":\"Prima.\","
        + "\"ops\":[{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"end\","
        + "\"value\":\"2017-01-31\"}]}", "Authorization", auth, "Content-Type", "application/json");
    assertEquals(400, dates.statusCode(), dates.body());
    assertEquals("end_before_start", new io.vertx.core.json.JsonObject(dates.body()).getString("code"));
    HttpResponse<String> good = TestServer.post(path, "{\"baseSeq\":1,\"rationale\":\"A Quarrata.\","
        + "\"ops\":[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"territorio\","
        + "\"value\":\"Quarrata\"}]}", "Authorization", auth, "Content-Type", "application/json");
    assertEquals(201, good.statusCode(), good.body());
  }
}
