package it.tavolo.http;

import static it.tavolo.http.Api.call;
import static it.tavolo.http.Api.error;
import static it.tavolo.http.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coordinators manage members; a tavolo never loses its last coordinator. */
class MembersTest {
  private static String coordinator;
  private static String pa;
  private static String ets1;
  private static final String COORD = DemoSeed.COORDINATOR.id().toString();
  private static final String PA = DemoSeed.PA_MEMBER.id().toString();
  private static final String ETS1 = DemoSeed.ETS1.id().toString();

  @BeforeAll
  static void login() {
    coordinator = Api.login(DemoSeed.COORDINATOR.email());
    pa = Api.login(DemoSeed.PA_MEMBER.email());
    ets1 = Api.login(DemoSeed.ETS1.email());
  }

  private static HttpResponse<String> setRole(String token, String tavolo, String user, String role) {
    return call("PUT", "/api/tavoli/" + tavolo + "/members/" + user, token, new JsonObject().put("role", role).encode());
  }

  private static HttpResponse<String> remove(String token, String tavolo, String user) {
    return call("DELETE", "/api/tavoli/" + tavolo + "/members/" + user, token, null);
  }

  @Test
  void membersAreListedWithNameOrganisationSideAndRole() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonArray members = Api.okArray(call("GET", "/api/tavoli/" + t.id() + "/members", ets1, null));
    assertEquals(5, members.size());
    JsonObject first = members.getJsonObject(0);
    assertEquals(COORD, first.getString("userId"));
    assertEquals("Giulia Bianchi", first.getString("name"));
    assertEquals("coordinator", first.getString("role"));
    assertEquals("PA", first.getString("side"));
    assertEquals(DemoSeed.SDS.name(), first.getJsonObject("organisation").getString("name"));
    assertEquals("observer", members.getJsonObject(4).getString("role"));
    assertTrue(!members.encode().contains("@demo.tavolo"), "no emails in the member list");
  }

  @Test
  void theLastCoordinatorCannotBeDemotedOrRemoved() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo con un coordinatore").getString("id");
    error(setRole(coordinator, tavolo, COORD, "member"), 409, "last_coordinator");
    error(setRole(coordinator, tavolo, COORD, "observer"), 409, "last_coordinator");
    error(remove(coordinator, tavolo, COORD), 409, "last_coordinator");
    assertEquals("coordinator", ok(setRole(coordinator, tavolo, COORD, "coordinator"), 200).getString("role"));
    assertEquals("coordinator", ok(call("GET", "/api/tavoli/" + tavolo, coordinator, null), 200).getString("role"));
  }

  @Test
  void withASecondCoordinatorTheFirstMayStepDown() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo a due").getString("id");
    Api.join(coordinator, tavolo, pa, "coordinator");
    JsonObject demoted = ok(setRole(coordinator, tavolo, COORD, "member"), 200);
    assertEquals("member", demoted.getString("role"));
    error(call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator, "{\"role\":\"member\"}"), 403, "forbidden");
    error(remove(pa, tavolo, PA), 409, "last_coordinator");
    assertEquals(204, remove(pa, tavolo, COORD).statusCode());
    error(call("GET", "/api/tavoli/" + tavolo, coordinator, null), 404, "not_found");
  }

  @Test
  void twoCoordinatorsDemotingEachOtherAtOnceLeaveOneCoordinator() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String tavolo = Api.newTavolo(coordinator, "Tavolo conteso " + round).getString("id");
        Api.join(coordinator, tavolo, pa, "coordinator");
        var a = CompletableFuture.supplyAsync(() -> setRole(coordinator, tavolo, PA, "member"), threads);
        var b = CompletableFuture.supplyAsync(() -> setRole(pa, tavolo, COORD, "member"), threads);
        int okCount = 0;
        for (var f : java.util.List.of(a, b)) {
          HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
          if (r.statusCode() == 200) okCount++;
          else assertTrue(r.statusCode() == 409 || r.statusCode() == 403, r.body());
        }
        assertEquals(1, okCount, "round " + round);
        assertEquals(1, coordinators(UUID.fromString(tavolo)), "round " + round);
      }
    } finally {
      threads.shutdown();
    }
  }

  private static long coordinators(UUID tavolo) throws Exception {
    return TestServer.pool().preparedQuery("select count(*) as n from tavolo_members where tavolo_id = $1 and role = 'coordinator'")
        .execute(Tuple.of(tavolo)).await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  void aRemovedMemberLosesAccessAndAChangedRoleTakesEffect() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo ruoli").getString("id");
    Api.join(coordinator, tavolo, ets1, "observer");
    error(call("POST", "/api/tavoli/" + tavolo + "/documents", ets1, "{\"title\":\"X\"}"), 403, "forbidden");
    ok(setRole(coordinator, tavolo, ETS1, "coordinator"), 200);
    assertEquals(201, call("POST", "/api/tavoli/" + tavolo + "/documents", ets1, "{\"title\":\"X\"}").statusCode(),
        "the same token, the new role: roles are read per request, not from the token");
    ok(setRole(coordinator, tavolo, ETS1, "member"), 200);
    assertEquals(204, remove(coordinator, tavolo, ETS1).statusCode());
    error(call("GET", "/api/tavoli/" + tavolo, ets1, null), 404, "not_found");
    error(remove(coordinator, tavolo, ETS1), 404, "not_found");
    error(setRole(coordinator, tavolo, ETS1, "member"), 404, "not_found");
    error(setRole(coordinator, tavolo, COORD, "boss"), 400, "invalid_input");
  }
}
