package it.tavolo.http;

import static it.tavolo.http.Api.call;
import static it.tavolo.http.Api.error;
import static it.tavolo.http.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A coordinator names partner organisations that have no account yet (a co-financing ODV),
 * so that the budget can name them; everyone at the tavolo sees them, nobody else does.
 */
class PartnersTest {
  private static String coordinator;
  private static String ets1;
  private static String observer;
  private static String ets2;

  @BeforeAll
  static void login() {
    coordinator = Api.login(DemoSeed.COORDINATOR.email());
    ets1 = Api.login(DemoSeed.ETS1.email());
    ets2 = Api.login(DemoSeed.ETS2.email());
    observer = Api.login(DemoSeed.OBSERVER.email());
  }

  private static boolean has(JsonArray orgs, String id) {
    return orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(id));
  }

  private static String odv() {
    return new JsonObject().put("organisation", new JsonObject().put("name", " ODV Misericordia di Quarrata ")
        .put("side", "ETS").put("etsKind", "odv")).encode();
  }

  @Test
  void aCoordinatorAddsAPartnerThatEveryoneAtTheTavoloSeesAndTheAuditRecords() throws Exception {
    String tavolo = Api.newTavolo(coordinator, "Con partner").getString("id");
    Api.join(coordinator, tavolo, ets1, "member");
    JsonObject odv = ok(call("POST", "/api/tavoli/" + tavolo + "/partners", coordinator, odv()), 201);
    assertEquals("ODV Misericordia di Quarrata", odv.getString("name"));
    assertEquals("ETS", odv.getString("side"));
    assertEquals("odv", odv.getString("etsKind"));
    String id = odv.getString("id");
    assertTrue(has(Api.okArray(call("GET", "/api/tavoli/" + tavolo + "/organisations", ets1, null)), id));
    assertTrue(has(Api.okArray(call("GET", "/api/organisations", ets1, null)), id), "in the budget's picker");
    assertFalse(has(Api.okArray(call("GET", "/api/organisations", ets2, null)), id), "not at ets2's tavoli");
    long audited = TestServer.pool().preparedQuery(
            "select count(*) as n from audit_log where tavolo_id = $1 and action = 'partner_added' and subject = $2")
        .execute(Tuple.of(java.util.UUID.fromString(tavolo), id)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).iterator().next().getLong("n");
    assertEquals(1, audited);
    // another tavolo of the same coordinator takes the same organisation by id, without a duplicate
    String other = Api.newTavolo(coordinator, "Altro con partner").getString("id");
    ok(call("POST", "/api/tavoli/" + other + "/partners", coordinator,
        new JsonObject().put("organisationId", id).encode()), 201);
    assertTrue(has(Api.okArray(call("GET", "/api/tavoli/" + other + "/organisations", coordinator, null)), id));
  }

  @Test
  void onlyCoordinatorsAddAndBadOrganisationsAreRefusedWithNothingSaved() {
    String tavolo = DemoSeed.TAVOLO_ID.toString();
    int before = Api.okArray(call("GET", "/api/tavoli/" + tavolo + "/organisations", coordinator, null)).size();
    error(call("POST", "/api/tavoli/" + tavolo + "/partners", ets1, odv()), 403, "forbidden");
    error(call("POST", "/api/tavoli/" + tavolo + "/partners", observer, odv()), 403, "forbidden");
    String stranger = Api.newTavolo(coordinator, "Estraneo").getString("id");
    error(call("POST", "/api/tavoli/" + stranger + "/partners", ets2, odv()), 404, "not_found");
    for (String bad : new String[] {
        "{}",
        "{\"organisation\":{\"name\":\"X\",\"side\":\"ETS\"}}",
        "{\"organisation\":{\"name\":\"X\",\"side\":\"PA\",\"etsKind\":\"odv\"}}",
        "{\"organisation\":{\"name\":\"  \",\"side\":\"PA\"}}",
        "{\"organisation\":{\"name\":\"X\",\"side\":\"PA\"},\"organisationId\":\"" + DemoSeed.TAVOLO_ID + "\"}",
        "{\"organisationId\":\"not-a-uuid\"}"}) {
      error(call("POST", "/api/tavoli/" + tavolo + "/partners", coordinator, bad), 400, "invalid_input");
    }
    // an id the coordinator does not work with is not for guessing
    error(call("POST", "/api/tavoli/" + tavolo + "/partners", coordinator,
        "{\"organisationId\":\"" + java.util.UUID.randomUUID() + "\"}"), 404, "not_found");
    assertEquals(before, Api.okArray(call("GET", "/api/tavoli/" + tavolo + "/organisations", coordinator, null)).size());
  }
}
