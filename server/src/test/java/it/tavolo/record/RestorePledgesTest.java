package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.PA;
import static it.tavolo.record.Record.assertError;
import static it.tavolo.record.Record.call;
import static it.tavolo.record.Record.decide;
import static it.tavolo.record.Record.head;
import static it.tavolo.record.Record.ok;
import static it.tavolo.record.Record.propose;
import static it.tavolo.record.Record.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 and restores: a coordinator's restore brings back old content with one forward
 * batch, but a budget line is its contributor's pledge, so a restore that would change
 * another organisation's line (one with people at the tavolo) is refused, and can be asked
 * for as an integration that the owners confirm. Demo lines: bud-1 the SdS's (the
 * coordinator's own), bud-6 the Cooperativa's (Sara), bud-10 the ODV's (no one at the tavolo).
 */
class RestorePledgesTest {
  private static final String COOPERATIVA = DemoSeed.COOPERATIVA.id().toString();

  private static long amount(UUID doc, String line) {
    JsonObject diff = ok(call(COORD, "GET", "/api/documents/" + doc + "/diff?from=0&to=head", null), 200);
    for (Object o : diff.getJsonArray("changes")) {
      JsonObject c = (JsonObject) o;
      if (!line.equals(c.getString("id"))) continue;
      for (Object f : c.getJsonArray("fields")) {
        JsonObject fj = (JsonObject) f;
        if ("amount".equals(fj.getString("field"))) return fj.getLong("after");
      }
    }
    throw new IllegalStateException("no amount of " + line);
  }

  /** Version 1 at the seed; then Sara changes her own line bud-6 (no one else confirms her own pledge). */
  private static UUID documentWhereSaraChangedHerLine() {
    UUID doc = TestServer.freshTavolo().documentId();
    ok(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "prima").put("consolidate", true)), 201);
    String id = propose(ETS1, doc, head(doc), "[{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':3900000}]",
        "Il nostro importo aggiornato.").getString("id");
    ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(3900000, amount(doc, "bud-6"));
    return doc;
  }

  private static HttpResponse<String> restore(UUID doc, JsonObject body) {
    return call(COORD, "POST", "/api/documents/" + doc + "/versions/1/restore", body);
  }

  @Test
  void refusesRestoreThatChangesAnotherOrganisationsPledge() {
    UUID doc = documentWhereSaraChangedHerLine();
    long head = head(doc);
    HttpResponse<String> r = restore(doc, new JsonObject());
    assertEquals(403, r.statusCode(), r.body());
    JsonObject refusal = new JsonObject(r.body());
    assertEquals("not_your_pledge", refusal.getString("code"));
    assertEquals(java.util.Set.of("code", "message", "pledges"), refusal.fieldNames(), "the one field it adds: " + r.body());
    JsonArray owners = refusal.getJsonObject("pledges").getJsonArray("owners");
    assertEquals(new JsonArray().add(new JsonObject().put("id", COOPERATIVA).put("name", DemoSeed.COOPERATIVA.name())), owners,
        r.body());
    assertTrue(new JsonObject(r.body()).getString("message").contains(DemoSeed.COOPERATIVA.name()), r.body());
    assertEquals(head, head(doc), "nothing is applied");
    assertEquals(3900000, amount(doc, "bud-6"));
    assertEquals(0L, sql("select count(*) as n from audit_log where doc_id = $1 and action = 'version_restored'", doc)
        .iterator().next().getLong("n"), "nothing is recorded as restored");
  }

  @Test
  void restoreAsIntegrationWaitsForTheOwnersConfirmation() {
    UUID doc = documentWhereSaraChangedHerLine();
    long head = head(doc);
    JsonObject i = ok(restore(doc, new JsonObject().put("asIntegration", true).put("rationale", "Si torna alla versione approvata.")), 201);
    String id = i.getString("id");
    assertEquals("open", i.getString("status"));
    assertEquals(head, i.getLong("baseSeq"));
    assertEquals(DemoSeed.COORDINATOR.id().toString(), i.getJsonObject("proposer").getString("id"), i.encode());
    assertEquals(new JsonArray().add(COOPERATIVA), i.getJsonObject("pledges").getJsonArray("owners"));
    assertEquals(COOPERATIVA, i.getJsonObject("pledges").getJsonArray("awaiting").getJsonObject(0).getString("id"));
    assertEquals(head, head(doc), "proposing changes nothing");

    assertError(decide(COORD, doc, id, "accept", null), 409, "awaiting_confirmation");
    assertEquals(head, head(doc));
    ok(decide(ETS1, doc, id, "confirm", null), 200);
    ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(head + 1, head(doc), "applied as one batch");
    assertEquals(3800000, amount(doc, "bud-6"), "the version's figure is back");
    JsonObject diff = ok(call(PA, "GET", "/api/documents/" + doc + "/diff?from=v1&to=head", null), 200);
    assertEquals(0, diff.getJsonArray("changes").size(), diff.encode());
    assertEquals(1L, sql("select count(*) as n from audit_log where doc_id = $1 and action = 'integration_proposed'"
        + " and details::jsonb->>'restores' = '1' and subject = $2", doc, id).iterator().next().getLong("n"),
        "the proposal's audit row names the version it restores");
  }

  @Test
  void restoreOfOwnLinesStillApplies() {
    UUID doc = TestServer.freshTavolo().documentId();
    ok(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "prima").put("consolidate", true)), 201);
    // the SdS's own line (confirmed by Marco, of the SdS) and the line of the ODV, which has no one at the tavolo
    String sds = propose(ETS1, doc, head(doc), "[{'op':'set','coll':'budget','id':'bud-1','field':'amount','value':16000000}]",
        "Costo SdS.").getString("id");
    ok(decide(PA, doc, sds, "confirm", null), 200);
    ok(decide(COORD, doc, sds, "accept", null), 200);
    String odv = propose(ETS1, doc, head(doc), "[{'op':'set','coll':'budget','id':'bud-10','field':'amount','value':510000}]",
        "Come comunicato dall'ODV.").getString("id");
    ok(decide(COORD, doc, odv, "accept", null), 200);
    long head = head(doc);

    JsonObject restored = ok(restore(doc, new JsonObject()), 200);
    assertTrue(restored.getBoolean("changed"));
    assertEquals(head + 1, restored.getLong("seq"));
    assertEquals(16530000, amount(doc, "bud-1"));
    assertEquals(500000, amount(doc, "bud-10"));
  }
}
