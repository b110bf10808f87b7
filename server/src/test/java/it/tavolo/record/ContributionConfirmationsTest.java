package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.ETS2;
import static it.tavolo.record.Record.OBSERVER;
import static it.tavolo.record.Record.PA;
import static it.tavolo.record.Record.assertError;
import static it.tavolo.record.Record.call;
import static it.tavolo.record.Record.head;
import static it.tavolo.record.Record.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: each contributing organisation confirms its own contribution to a consolidated
 * version; a later change to its lines makes that confirmation stale for later versions, never
 * for the one confirmed. Figures of the demo budget (seed 002): the SdS € 308.716,54 monetary
 * and € 51.726,00 in kind; the Cooperativa € 38.000,00 + € 4.500,00.
 */
class ContributionConfirmationsTest {
  private static JsonObject consolidate(UUID doc, String name) {
    return ok(call(COORD, "POST", "/api/documents/" + doc + "/versions",
        new JsonObject().put("name", name).put("consolidate", true)), 201);
  }

  private static String confirmations(UUID doc, int v) {
    return "/api/documents/" + doc + "/versions/" + v + "/confirmations";
  }

  private static JsonObject row(JsonObject listing, DemoSeed.Organisation org) {
    for (Object o : listing.getJsonArray("contributors")) {
      JsonObject c = (JsonObject) o;
      if (c.getJsonObject("organisation").getString("id").equals(org.id().toString())) return c;
    }
    throw new AssertionError(org.name() + " is not a contributor: " + listing);
  }

  @Test
  void eachPartnerConfirmsItsOwnFiguresAndALaterChangeMakesItStaleOnlyForLaterVersions() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    JsonObject v1 = consolidate(doc, "Prima versione");

    JsonObject before = ok(call(PA, "GET", confirmations(doc, 1), null), 200);
    assertEquals(v1.getString("sha256"), before.getString("sha256"));
    JsonObject sds = row(before, DemoSeed.SDS);
    assertEquals(30871654L, sds.getLong("monetary"));
    assertEquals(5172600L, sds.getLong("inKind"));
    assertEquals("unconfirmed", sds.getString("status"));
    assertEquals(5, before.getJsonArray("contributors").size(), "the five organisations with lines in the demo budget");

    // who may confirm: a member of a contributing organisation, for it only
    assertError(call(OBSERVER, "POST", confirmations(doc, 1), new JsonObject()), 403, "forbidden");
    JsonObject afterCoop = ok(call(ETS1, "POST", confirmations(doc, 1), new JsonObject()), 200);
    JsonObject coop = row(afterCoop, DemoSeed.COOPERATIVA);
    assertEquals("confirmed", coop.getString("status"));
    assertEquals(4250000L, coop.getJsonObject("confirmation").getLong("total"));
    assertEquals(v1.getString("sha256"), coop.getJsonObject("confirmation").getString("versionSha256"));
    assertEquals(DemoSeed.ETS1.id().toString(), coop.getJsonObject("confirmation").getJsonObject("by").getString("id"));
    assertEquals("unconfirmed", row(afterCoop, DemoSeed.SDS).getString("status"), "only its own");
    ok(call(ETS2, "POST", confirmations(doc, 1), new JsonObject()), 200);
    ok(call(ETS1, "POST", confirmations(doc, 1), new JsonObject()), 200); // a second time changes nothing

    // the Cooperativa changes its own line; the Consorzio's stay as they were
    long seq = LiveEdit.submit(ETS1, doc, head(doc), "[{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':3900000}]");
    assertTrue(seq > 1);
    consolidate(doc, "Seconda versione");
    JsonObject v2 = ok(call(PA, "GET", confirmations(doc, 2), null), 200);
    assertEquals("stale", row(v2, DemoSeed.COOPERATIVA).getString("status"));
    assertEquals(4350000L, row(v2, DemoSeed.COOPERATIVA).getLong("total"));
    assertEquals("carried", row(v2, DemoSeed.CONSORZIO).getString("status"));
    assertEquals(1, row(v2, DemoSeed.CONSORZIO).getJsonObject("confirmation").getInteger("version"));

    JsonObject stillV1 = ok(call(PA, "GET", confirmations(doc, 1), null), 200);
    assertEquals("confirmed", row(stillV1, DemoSeed.COOPERATIVA).getString("status"), "never stale for the version confirmed");
    assertEquals(4250000L, row(stillV1, DemoSeed.COOPERATIVA).getJsonObject("confirmation").getLong("total"));

    assertEquals("confirmed", row(ok(call(ETS1, "POST", confirmations(doc, 2), new JsonObject()), 200), DemoSeed.COOPERATIVA)
        .getString("status"));

    JsonArray audit = new JsonArray(call(COORD, "GET", "/api/tavoli/" + t.id() + "/audit", null).body());
    long rows = audit.stream().filter(o -> "contribution_confirmed".equals(((JsonObject) o).getString("action"))).count();
    assertEquals(3, rows, "one audit row per confirmation, none for a repeat");
    JsonObject first = audit.stream().map(o -> (JsonObject) o)
        .filter(o -> "contribution_confirmed".equals(o.getString("action"))).findFirst().orElseThrow();
    assertEquals(4250000L, first.getJsonObject("details").getLong("monetary"));
    assertEquals(v1.getString("sha256"), first.getJsonObject("details").getString("versionSha256"));
  }

  @Test
  void onlyAConsolidatedVersionIsConfirmed() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    ok(call(PA, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "bozza")), 201);
    assertError(call(ETS1, "POST", confirmations(doc, 1), new JsonObject()), 409, "not_consolidated");
    assertError(call(ETS1, "GET", confirmations(doc, 1), null), 409, "not_consolidated");
  }
}
