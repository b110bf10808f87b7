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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nobody reaches a tavolo they are not in; observers and members change nothing they may not. */
class TavoliAccessTest {
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

  private static boolean lists(String token, String tavoloId) {
    JsonArray list = Api.okArray(call("GET", "/api/tavoli", token, null));
    return list.stream().anyMatch(t -> ((JsonObject) t).getString("id").equals(tavoloId));
  }

  @Test
  void aPaUserOpensATavoloAndBecomesItsCoordinatorWithOneEmptyDocument() {
    JsonObject t = ok(call("POST", "/api/tavoli", coordinator, new JsonObject().put("title", " Tavolo casa ")
        .put("phase", "co-programmazione").put("ambito", "Zona Pistoiese").encode()), 201);
    assertEquals("Tavolo casa", t.getString("title"));
    assertEquals("coordinator", t.getString("role"));
    assertEquals("co-programmazione", t.getString("phase"));
    assertEquals(1, t.getJsonArray("documents").size());
    JsonObject doc = t.getJsonArray("documents").getJsonObject(0);
    assertEquals("Bozza di progetto", doc.getString("title"));
    assertEquals(false, doc.getBoolean("locked"));
    assertTrue(lists(coordinator, t.getString("id")));
  }

  @Test
  void aTitleHoldingNulIsRefusedAndNoTavoloIsSaved() {
    int before = Api.okArray(call("GET", "/api/tavoli", coordinator, null)).size();
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":\"Casa\\u0000\",\"phase\":\"co-programmazione\"}"),
        400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":\"Casa\",\"extra\":[{\"x\":\"\\u0000\"}]}"),
        400, "invalid_input");
    assertEquals(before, Api.okArray(call("GET", "/api/tavoli", coordinator, null)).size());
  }

  @Test
  void membersSeeOnlyTheirOwnTavoli() {
    String id = Api.newTavolo(coordinator, "Solo per il coordinatore").getString("id");
    assertTrue(lists(coordinator, id));
    assertFalse(lists(ets1, id));
    assertFalse(lists(observer, id));
    Api.join(coordinator, id, ets1, "member");
    assertTrue(lists(ets1, id));
    assertFalse(lists(ets2, id));
    JsonArray mine = Api.okArray(call("GET", "/api/tavoli", ets2, null));
    for (Object o : mine) {
      String tavolo = ((JsonObject) o).getString("id");
      assertTrue(isMember(DemoSeed.ETS2.id(), UUID.fromString(tavolo)), "ets2 listed a tavolo it is not in: " + tavolo);
    }
  }

  private static boolean isMember(UUID user, UUID tavolo) {
    try {
      return TestServer.pool().preparedQuery("select 1 from tavolo_members where user_id = $1 and tavolo_id = $2")
          .execute(Tuple.of(user, tavolo)).await(10, TimeUnit.SECONDS).size() == 1;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void crossTavoloAccessIsNotFoundOnEveryRoute() {
    String id = Api.newTavolo(coordinator, "Tavolo riservato").getString("id");
    String[][] routes = {
        {"GET", "/api/tavoli/" + id, null},
        {"GET", "/api/tavoli/" + id + "/members", null},
        {"POST", "/api/tavoli/" + id + "/documents", "{\"title\":\"X\"}"},
        {"POST", "/api/tavoli/" + id + "/invitations", "{\"role\":\"coordinator\"}"},
        {"PUT", "/api/tavoli/" + id + "/members/" + DemoSeed.COORDINATOR.id(), "{\"role\":\"observer\"}"},
        {"DELETE", "/api/tavoli/" + id + "/members/" + DemoSeed.COORDINATOR.id(), null},
    };
    for (String[] r : routes) {
      JsonObject outsider = error(call(r[0], r[1], ets1, r[2]), 404, "not_found");
      // the same answer as for a tavolo that does not exist: existence does not leak
      JsonObject missing = error(call(r[0], r[1].replace(id, UUID.randomUUID().toString()), ets1, r[2]), 404, "not_found");
      assertEquals(missing, outsider, r[0] + " " + r[1]);
    }
    error(call("GET", "/api/tavoli/not-a-uuid", ets1, null), 404, "not_found");
    assertEquals("coordinator", ok(call("GET", "/api/tavoli/" + id, coordinator, null), 200).getString("role"));
    assertEquals(1, Api.okArray(call("GET", "/api/tavoli/" + id + "/members", coordinator, null)).size(), "nothing changed");
  }

  @Test
  void observersAndMembersCannotManage() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = t.id().toString();
    for (String token : new String[] {observer, ets1}) {
      error(call("POST", "/api/tavoli/" + id + "/invitations", token, "{\"role\":\"member\"}"), 403, "forbidden");
      error(call("PUT", "/api/tavoli/" + id + "/members/" + DemoSeed.ETS2.id(), token, "{\"role\":\"observer\"}"), 403, "forbidden");
      error(call("DELETE", "/api/tavoli/" + id + "/members/" + DemoSeed.ETS2.id(), token, null), 403, "forbidden");
      error(call("POST", "/api/tavoli/" + id + "/documents", token, "{\"title\":\"Altro\"}"), 403, "forbidden");
    }
    // and they can still read
    assertEquals("observer", ok(call("GET", "/api/tavoli/" + id, observer, null), 200).getString("role"));
    JsonArray members = Api.okArray(call("GET", "/api/tavoli/" + id + "/members", observer, null));
    assertEquals(5, members.size());
    assertTrue(members.stream().anyMatch(m -> ((JsonObject) m).getString("userId").equals(DemoSeed.ETS2.id().toString())
        && ((JsonObject) m).getString("role").equals("member")), "ets2 still a member");
    assertEquals(1, ok(call("GET", "/api/tavoli/" + id, coordinator, null), 200).getJsonArray("documents").size());
  }

  @Test
  void aCoordinatorAddsDocuments() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject doc = ok(call("POST", "/api/tavoli/" + t.id() + "/documents", coordinator, "{\"title\":\"Piano economico\"}"), 201);
    assertEquals("Piano economico", doc.getString("title"));
    assertEquals("live", doc.getString("mode"));
    JsonArray docs = ok(call("GET", "/api/tavoli/" + t.id(), ets1, null), 200).getJsonArray("documents");
    assertEquals(2, docs.size());
    assertEquals(doc.getString("id"), docs.getJsonObject(1).getString("id"));
  }

  @Test
  void etsUsersCannotOpenATavolo() {
    error(call("POST", "/api/tavoli", ets1, "{\"title\":\"Il nostro tavolo\"}"), 403, "forbidden");
  }

  @Test
  void badInputIsRefusedAndSavesNothing() throws Exception {
    long before = countTavoli();
    error(call("POST", "/api/tavoli", coordinator, "{}"), 400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":\"   \"}"), 400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":42}"), 400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":\"T\",\"phase\":\"gestione\"}"), 400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":\"T\",\"avviso\":\"" + "a".repeat(501) + "\"}"), 400, "invalid_input");
    error(call("POST", "/api/tavoli", coordinator, "[1,2]"), 400, "bad_json");
    error(call("POST", "/api/tavoli", coordinator, "{\"title\":"), 400, "bad_json");
    assertEquals(before, countTavoli());
  }

  private static long countTavoli() throws Exception {
    return TestServer.pool().query("select count(*) as n from tavoli").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  void organisationsAreThoseOfTheCallersTavoli() throws Exception {
    JsonArray orgs = Api.okArray(call("GET", "/api/organisations", ets1, null));
    assertTrue(orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(DemoSeed.COOPERATIVA.id().toString())));
    assertTrue(orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(DemoSeed.SDS.id().toString())));
    // nobody of the ODV or the Curia has an account, but both are partners of the demo tavolo
    assertTrue(orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(DemoSeed.ODV.id().toString())));
    assertTrue(orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(DemoSeed.CURIA.id().toString())));
    // a partner of a tavolo the caller is not in stays invisible
    UUID elsewhere = UUID.randomUUID();
    UUID tavolo = UUID.randomUUID();
    TestServer.pool().preparedQuery("insert into organisations (id, name, side, ets_kind) values ($1, 'Fondazione Altrove', 'ETS', 'fondazione')")
        .execute(Tuple.of(elsewhere)).await(10, TimeUnit.SECONDS);
    TestServer.pool().preparedQuery("insert into tavoli (id, title) values ($1, 'Un altro tavolo')")
        .execute(Tuple.of(tavolo)).await(10, TimeUnit.SECONDS);
    TestServer.pool().preparedQuery("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2)")
        .execute(Tuple.of(tavolo, elsewhere)).await(10, TimeUnit.SECONDS);
    JsonArray again = Api.okArray(call("GET", "/api/organisations", ets1, null));
    assertFalse(again.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(elsewhere.toString())));
  }
}
