package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The record layer's hooks into the live layer, seen from connected clients. */
class RecordHooksTest {
  private static JsonObject call(String who, String method, String path, JsonObject body) {
    var r = Api.call(method, path, LiveClient.token(who), body == null ? null : body.encode());
    assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? null : new JsonObject(r.body());
  }

  @Test
  void anAcceptedIntegrationReachesConnectedClientsAsAnOrdinaryOpsBatchAuthoredByTheProposer() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (LiveClient watcher = LiveClient.join("ets2", t.documentId(), "w-" + UUID.randomUUID())) {
      String id = call("ets1", "POST", "/api/documents/" + t.documentId() + "/integrations", new JsonObject()
          .put("baseSeq", 1).put("rationale", "r")
          .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "activities").put("id", "act-3")
              .put("field", "title").put("value", "Tirocini")))).getString("id");
      call("coordinatore", "POST", "/api/documents/" + t.documentId() + "/integrations/" + id + "/accept", new JsonObject());
      JsonNode ops = watcher.next("ops");
      assertEquals(2, ops.get("seq").asLong());
      assertEquals(DemoSeed.ETS1.id().toString(), ops.get("author").asText());
      assertEquals("integration:" + id, ops.get("client").asText());
      assertEquals("Tirocini", ops.get("ops").get(0).get("value").asText());
    }
  }

  @Test
  void inProposalModeMembersSubmitsBecomeProposalsAndCoordinatorsStillEditDirectly() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String ops = "[{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"title\",\"value\":\"Proposto\"}]";
    try (LiveClient member = LiveClient.join("ets1", t.documentId(), "m-" + UUID.randomUUID());
         LiveClient coord = LiveClient.join("coordinatore", t.documentId(), "c-" + UUID.randomUUID())) {
      call("coordinatore", "PUT", "/api/documents/" + t.documentId() + "/mode", new JsonObject().put("mode", "proposal"));
      JsonNode doc = member.next("doc");
      assertEquals("proposal", doc.get("mode").asText());

      member.submit(1, 1, ops);
      JsonNode proposed = member.next("proposed");
      assertEquals(1, proposed.get("clientSeq").asLong());
      String id = proposed.get("integration").asText();
      member.submit(1, 1, ops); // a resend finds the same proposal
      assertEquals(id, member.next("proposed").get("integration").asText());

      JsonObject integration = call("pa", "GET", "/api/documents/" + t.documentId() + "/integrations/" + id, null);
      assertEquals("open", integration.getString("status"));
      assertEquals(DemoSeed.ETS1.id().toString(), integration.getJsonObject("proposer").getString("id"));
      assertEquals(1, new JsonArray(Api.call("GET", "/api/documents/" + t.documentId() + "/integrations", LiveClient.token("pa"), null)
          .body()).size());

      coord.submit(1, 1, ops.replace("Proposto", "Diretto"));
      assertEquals(2, coord.next("ack").get("seq").asLong());
      assertEquals("Diretto", member.next("ops").get("ops").get(0).get("value").asText());

      call("coordinatore", "PUT", "/api/documents/" + t.documentId() + "/lock", new JsonObject().put("locked", true));
      assertTrue(member.next("doc").get("locked").asBoolean());
      member.submit(2, 2, ops);
      member.error("locked");
      coord.submit(2, 2, ops);
      coord.error("locked");
    }
  }
}
