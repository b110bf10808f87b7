package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.ETS2;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 over the API: another party's budget line changes only through an integration that
 * a member of the owning organisation confirms before a coordinator accepts it.
 */
class PledgeConfirmationTest {
  private static final String SET_SDS = "[{'op':'set','coll':'budget','id':'bud-1','field':'amount','value':16000000}]";

  private static String ops(UUID doc, long seq) {
    return sql("select ops::text as o from op_log where doc_id = $1 and seq = $2", doc, seq).iterator().next().getString("o");
  }

  @Test
  void aProposalOnTheSdsLineWaitsForTheSdsToConfirmItBeforeItCanBeAccepted() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    long head = head(doc);
    JsonObject p = propose(ETS1, doc, head, SET_SDS, "Il costo reale del personale SdS è inferiore.");
    String id = p.getString("id");
    JsonObject pledges = p.getJsonObject("pledges");
    assertEquals(new JsonArray().add(DemoSeed.SDS.id().toString()), pledges.getJsonArray("owners"));
    assertEquals(DemoSeed.SDS.id().toString(), pledges.getJsonArray("awaiting").getJsonObject(0).getString("id"));

    // the coordinator cannot accept it yet, and nothing is applied
    assertError(decide(COORD, doc, id, "accept", null), 409, "awaiting_confirmation");
    assertEquals(head, head(doc));
    assertEquals("open", ok(call(COORD, "GET", "/api/documents/" + doc + "/integrations/" + id, null), 200).getString("status"));

    // a member of another organisation cannot confirm for the SdS
    assertError(decide(ETS2, doc, id, "confirm", null), 403, "not_your_pledge");
    assertError(decide(ETS1, doc, id, "confirm", null), 403, "not_your_pledge");

    // an SdS member confirms; then the coordinator accepts
    JsonObject confirmed = ok(decide(PA, doc, id, "confirm", null), 200);
    assertEquals(0, confirmed.getJsonObject("pledges").getJsonArray("awaiting").size());
    JsonObject c = confirmed.getJsonObject("pledges").getJsonArray("confirmations").getJsonObject(0);
    assertEquals(DemoSeed.PA_MEMBER.id().toString(), c.getJsonObject("by").getString("id"));
    assertEquals(1, c.getInteger("revision"));
    JsonObject accepted = ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals("accepted", accepted.getString("status"));
    assertTrue(ops(doc, head + 1).contains("16000000"), "applied as one batch");

    JsonArray audit = new JsonArray(call(COORD, "GET", "/api/tavoli/" + t.id() + "/audit", null).body());
    boolean recorded = false;
    for (Object o : audit) {
      JsonObject row = (JsonObject) o;
      recorded |= "integration_confirmed".equals(row.getString("action")) && id.equals(row.getString("subject"));
    }
    assertTrue(recorded, "the confirmation is in the audit trail: " + audit);
  }

  /** The kinds of {@code who}'s latest notifications about integration {@code id}. */
  private static java.util.List<String> notified(String who, String id) {
    JsonArray items = ok(call(who, "GET", "/api/me/notifications?limit=100", null), 200).getJsonArray("items");
    java.util.List<String> kinds = new java.util.ArrayList<>();
    for (Object o : items) {
      JsonObject n = (JsonObject) o;
      if (id.equals(n.getJsonObject("payload").getString("integration"))) kinds.add(n.getString("kind"));
    }
    return kinds;
  }

  @Test
  void theOwnersAreToldAProposalOrAnAmendmentAwaitsTheirConfirmationAndTheProposerIsNot() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    long head = head(doc);
    String id = propose(ETS1, doc, head, SET_SDS, "Il costo reale del personale SdS è inferiore.").getString("id");
    assertEquals(java.util.List.of("integration_awaiting_confirmation"), notified(PA, id), "an SdS member is told");
    assertEquals(java.util.List.of(), notified(ETS1, id), "the proposer is not");
    assertEquals(java.util.List.of(), notified(ETS2, id), "nor a member of an organisation whose lines are untouched");
    JsonObject n = ok(call(PA, "GET", "/api/me/notifications?limit=100", null), 200).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(x -> id.equals(x.getJsonObject("payload").getString("integration")))
        .findFirst().orElseThrow();
    assertEquals("/#/doc/" + t.id() + "/" + doc + "/integrazione/" + id, n.getJsonObject("payload").getString("path"));
    assertTrue(n.getJsonObject("payload").getString("title").startsWith("Da confermare"), n.encode());

    ok(call(ETS1, "PUT", "/api/documents/" + doc + "/integrations/" + id, new JsonObject().put("baseSeq", head)
        .put("ops", new JsonArray(SET_SDS.replace("16000000", "1").replace('\'', '"')))), 200);
    assertEquals(2, notified(PA, id).size(), "the amendment asks again");
    assertEquals(java.util.List.of(), notified(ETS1, id));
  }

  @Test
  void anAmendmentNeedsConfirmingAgain() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    long head = head(doc);
    String id = propose(ETS1, doc, head, SET_SDS, "Primo importo.").getString("id");
    ok(decide(PA, doc, id, "confirm", null), 200);
    ok(call(ETS1, "PUT", "/api/documents/" + doc + "/integrations/" + id, new JsonObject().put("baseSeq", head)
        .put("ops", new JsonArray(SET_SDS.replace("16000000", "1").replace('\'', '"')))), 200);
    assertError(decide(COORD, doc, id, "accept", null), 409, "awaiting_confirmation");
    assertEquals(head, head(doc), "the document is unchanged");
  }

  @Test
  void aProposalOnOnesOwnLinesOrOnALineOfAPartnerWithNoOneAtTheTableNeedsNoConfirmation() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    long head = head(doc);
    // bud-6 is the Cooperativa's, Sara's own; bud-10 the ODV's, which has no account at the tavolo
    String own = propose(ETS1, doc, head, "[{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':3900000}]",
        "Il nostro importo.").getString("id");
    ok(decide(COORD, doc, own, "accept", null), 200);
    String odv = propose(ETS1, doc, head + 1, "[{'op':'set','coll':'budget','id':'bud-10','field':'amount','value':510000}]",
        "Come comunicato dall'ODV.").getString("id");
    ok(decide(COORD, doc, odv, "accept", null), 200);
    assertEquals(head + 2, head(doc));
  }
}
