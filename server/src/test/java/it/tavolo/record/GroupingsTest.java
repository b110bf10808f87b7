package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.ETS2;
import static it.tavolo.record.Record.PA;
import static it.tavolo.record.Record.assertError;
import static it.tavolo.record.Record.call;
import static it.tavolo.record.Record.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: partners form an ATI with a capofila inside a tavolo; its totals; the capofila
 * confirms a member's contribution once that member delegated it, recorded with the grouping.
 */
class GroupingsTest {
  private static JsonObject contributor(JsonObject listing, DemoSeed.Organisation org) {
    for (Object o : listing.getJsonArray("contributors")) {
      JsonObject c = (JsonObject) o;
      if (c.getJsonObject("organisation").getString("id").equals(org.id().toString())) return c;
    }
    throw new AssertionError(org.name() + ": " + listing);
  }

  @Test
  void anAtiWithACapofilaHasItsTotalsAndConfirmsForAMemberThatDelegatedIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String groupings = "/api/tavoli/" + t.id() + "/groupings";
    JsonObject ati = new JsonObject().put("kind", "ATI").put("name", "ATI Colline Pistoiesi")
        .put("capofila", DemoSeed.CONSORZIO.id().toString())
        .put("members", new JsonArray().add(DemoSeed.COOPERATIVA.id().toString()).add(DemoSeed.ODV.id().toString()));
    assertError(call(ETS1, "POST", groupings, ati), 403, "forbidden");
    JsonObject g = ok(call(COORD, "POST", groupings, ati), 201);
    String id = g.getString("id");
    assertEquals(DemoSeed.CONSORZIO.id().toString(), g.getString("capofila"));
    JsonArray members = g.getJsonArray("members");
    assertEquals(3, members.size());
    assertTrue(members.getJsonObject(0).getBoolean("capofila"), "the capofila first");
    assertEquals(1, new JsonArray(call(ETS1, "GET", groupings, null).body()).size());

    // an organisation is in one grouping of a tavolo at most
    assertError(call(COORD, "POST", groupings, new JsonObject().put("kind", "RTI").put("name", "Altro")
        .put("capofila", DemoSeed.SDS.id().toString()).put("members", new JsonArray().add(DemoSeed.COOPERATIVA.id().toString()))),
        409, "already_grouped");

    // totals at the head: Consorzio 21.000,00 + 3.996,63, Cooperativa 38.000,00 + 4.500,00, ODV 5.000,00
    JsonObject totals = new JsonArray(call(PA, "GET", "/api/documents/" + doc + "/groupings/totals", null).body()).getJsonObject(0);
    assertEquals(7249663L, totals.getLong("total"));
    assertEquals(7249663L, totals.getLong("monetary"));
    assertEquals(0L, totals.getLong("inKind"));
    assertEquals(2499663L, totals.getJsonArray("members").getJsonObject(0).getLong("total"));

    ok(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "v1").put("consolidate", true)), 201);
    String confirm = "/api/documents/" + doc + "/versions/1/confirmations";
    JsonObject forCoop = new JsonObject().put("organisation", DemoSeed.COOPERATIVA.id().toString());
    assertError(call(ETS2, "POST", confirm, forCoop), 403, "not_your_pledge"); // not delegated yet

    JsonObject delegated = ok(call(ETS1, "POST", groupings + "/" + id + "/delegation", new JsonObject()), 200);
    JsonObject coop = delegated.getJsonArray("members").stream().map(o -> (JsonObject) o)
        .filter(m -> m.getJsonObject("organisation").getString("id").equals(DemoSeed.COOPERATIVA.id().toString())).findFirst().orElseThrow();
    assertEquals(DemoSeed.ETS1.id().toString(), coop.getJsonObject("delegation").getJsonObject("by").getString("id"));
    assertError(call(PA, "POST", confirm, forCoop), 403, "not_your_pledge"); // the SdS is not the capofila

    JsonObject listing = ok(call(ETS2, "POST", confirm, forCoop), 200);
    JsonObject row = contributor(listing, DemoSeed.COOPERATIVA);
    assertEquals("confirmed", row.getString("status"));
    assertEquals(id, row.getJsonObject("confirmation").getString("viaGrouping"));
    assertEquals(DemoSeed.ETS2.id().toString(), row.getJsonObject("confirmation").getJsonObject("by").getString("id"));
    assertEquals("unconfirmed", contributor(listing, DemoSeed.CONSORZIO).getString("status"), "the capofila's own is separate");

    // a new capofila needs new delegations
    JsonObject changed = ok(call(COORD, "PUT", groupings + "/" + id,
        new JsonObject().put("capofila", DemoSeed.COOPERATIVA.id().toString())), 200);
    assertEquals(DemoSeed.COOPERATIVA.id().toString(), changed.getString("capofila"));
    changed.getJsonArray("members").forEach(m -> assertNull(((JsonObject) m).getValue("delegation")));

    List<String> actions = new JsonArray(call(COORD, "GET", "/api/tavoli/" + t.id() + "/audit", null).body()).stream()
        .map(o -> ((JsonObject) o).getString("action")).toList();
    for (String a : List.of("grouping_created", "grouping_delegated", "contribution_confirmed", "grouping_changed")) {
      assertTrue(actions.contains(a), a + " in " + actions);
    }
  }
}
