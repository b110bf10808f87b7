package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.ETS2;
import static it.tavolo.record.Record.OBSERVER;
import static it.tavolo.record.Record.PA;
import static it.tavolo.record.Record.assertError;
import static it.tavolo.record.Record.call;
import static it.tavolo.record.Record.decide;
import static it.tavolo.record.Record.head;
import static it.tavolo.record.Record.ok;
import static it.tavolo.record.Record.propose;
import static it.tavolo.record.Record.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntegrationsTest {
  private static final String SEC1_EDIT =
      "[{'op':'text','coll':'sections','id':'sec-1','field':'body','edit':['Premessa condivisa. ', %d]},"
          + "{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':4200000}]";

  private static int sec1Length(UUID doc) {
    String ops = sql("select ops::text as o from op_log where doc_id = $1 and seq = 1", doc).iterator().next().getString("o");
    for (Object o : new JsonArray(ops)) {
      JsonObject op = (JsonObject) o;
      if (op.getString("id").equals("sec-1")) return op.getJsonObject("fields").getString("body").length();
    }
    throw new IllegalStateException("no sec-1");
  }

  private static List<String> auditActions(UUID tavolo) {
    JsonArray rows = new JsonArray(call(COORD, "GET", "/api/tavoli/" + tavolo + "/audit", null).body());
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(((JsonObject) r).getString("action")));
    return out;
  }

  @Test
  void acceptedIntegrationIsOneBatchAuthoredByTheProposerWithTheAccepterRecordedAsDecider() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    JsonObject p = propose(ETS1, doc, 1, String.format(SEC1_EDIT, sec1Length(doc)), "Aggiungiamo una premessa e il costo reale dei coach.");
    String id = p.getString("id");
    assertEquals("open", p.getString("status"));
    assertEquals("ETS", p.getJsonObject("proposer").getString("side"));
    assertEquals(DemoSeed.COOPERATIVA.id().toString(), p.getJsonObject("proposer").getJsonObject("organisation").getString("id"));
    assertEquals(new JsonObject().put("op", "text").put("coll", "sections").put("id", "sec-1").put("field", "body"),
        p.getJsonArray("targets").getJsonObject(0));
    assertEquals(1, head(doc), "proposing changes nothing in the document");

    ok(decide(ETS2, doc, id, "support", null), 200);
    JsonObject comment = ok(call(PA, "POST", "/api/documents/" + doc + "/integrations/" + id + "/comments",
        new JsonObject().put("body", "D'accordo.")), 201);
    assertEquals("D'accordo.", comment.getString("body"));
    assertError(decide(ETS1, doc, id, "accept", null), 403, "forbidden");

    JsonObject accepted = ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals("accepted", accepted.getString("status"));
    assertEquals(2, accepted.getJsonObject("decision").getLong("seq"));
    assertEquals(DemoSeed.COORDINATOR.id().toString(), accepted.getJsonObject("decision").getJsonObject("by").getString("id"));
    assertEquals(1, accepted.getInteger("supports"));

    Row log = sql("select author, client_id, client_seq, ops::text as ops from op_log where doc_id = $1 and seq = 2", doc)
        .iterator().next();
    assertEquals(DemoSeed.ETS1.id(), log.getUUID("author"), "the op log's author is the proposer");
    assertEquals("integration:" + id, log.getString("client_id"), "the op log row names the integration");
    assertEquals(2, new JsonArray(log.getString("ops")).size(), "one batch with both ops");

    JsonObject prov = ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/provenance", null), 200);
    JsonObject first = prov.getJsonObject("collections").getJsonObject("sections").getJsonObject("sec-1")
        .getJsonArray("body").getJsonObject(0);
    assertEquals(DemoSeed.ETS1.id().toString(), first.getString("author"));
    assertEquals(2, first.getLong("seq"));
    assertEquals("Premessa condivisa. ".length(), first.getInteger("length"));
    assertEquals(id, first.getString("integration"));
    JsonObject amount = prov.getJsonObject("collections").getJsonObject("budget").getJsonObject("bud-6").getJsonObject("amount");
    assertEquals(id, amount.getString("integration"));
    assertEquals(DemoSeed.ETS1.id().toString(), amount.getString("author"));

    JsonObject report = ok(call(PA, "GET", "/api/documents/" + doc + "/attribution", null), 200);
    JsonObject coop = report.getJsonArray("byOrganisation").getJsonObject(0);
    assertEquals(DemoSeed.COOPERATIVA.name(), coop.getJsonObject("organisation").getString("name"));
    assertEquals(1L, coop.getLong("proposed"));
    assertEquals(1L, coop.getLong("accepted"));
    JsonObject acc = report.getJsonArray("accepted").getJsonObject(0);
    assertEquals("ETS", acc.getString("side"));
    assertEquals(2, acc.getLong("seq"));
    assertEquals("Giulia Bianchi", acc.getJsonObject("decidedBy").getString("name"));

    assertEquals(List.of("integration_proposed", "integration_accepted"), auditActions(t.id()));
    assertError(decide(COORD, doc, id, "accept", null), 409, "integration_closed");
    assertEquals(2, head(doc), "accepting twice applies once");
  }

  @Test
  void aFieldSomeoneElseSetAfterTheProposalIsShownWithBothValuesAndWhoSetItAndAcceptingStillOverwritesIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    // Marco (SdS) proposes a new amount for the Cooperativa's line bud-6: its owner confirms it (issue 15)
    String id = propose(PA, doc, 1, "[{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':4200000},"
        + "{'op':'set','coll':'activities','id':'act-2','field':'title','value':'Laboratori'},"
        + "{'op':'set','coll':'activities','id':'act-1','field':'title','value':'Coaching'}]", "Costo reale dei coach").getString("id");
    // Sara (the Cooperativa), editing live, sets the same amount to another value and act-2's title to the proposed one
    long seq = LiveEdit.submit(ETS1, doc, 1, "[{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':3900000},"
        + "{'op':'set','coll':'activities','id':'act-2','field':'title','value':'Laboratori'}]");
    assertEquals(2, seq);

    JsonObject check = ok(call(COORD, "GET", "/api/documents/" + doc + "/integrations/" + id, null), 200).getJsonObject("check");
    assertTrue(check.getBoolean("applicable"), "an overwrite is the coordinator's choice, not a conflict");
    assertEquals(new JsonArray(), check.getJsonArray("conflicts"));
    assertEquals(new JsonArray().add(new JsonObject().put("coll", "budget").put("id", "bud-6").put("field", "amount")
            .put("current", 3900000L).put("proposed", 4200000L)
            .put("setBy", new JsonObject().put("id", DemoSeed.ETS1.id().toString()).put("name", DemoSeed.ETS1.displayName()))
            .put("seq", 2L).putNull("integration")),
        check.getJsonArray("changedMeanwhile"),
        "only bud-6.amount: act-2's title already holds the proposed value, act-1's was not touched meanwhile");

    ok(decide(ETS1, doc, id, "confirm", null), 200);
    ok(decide(COORD, doc, id, "accept", null), 200);
    JsonObject amount = ok(call(COORD, "GET", "/api/documents/" + doc + "/provenance", null), 200).getJsonObject("collections")
        .getJsonObject("budget").getJsonObject("bud-6").getJsonObject("amount");
    assertEquals(DemoSeed.PA_MEMBER.id().toString(), amount.getString("author"), "the accepted value is the proposer's");
    assertEquals(3, amount.getLong("seq"));
    JsonArray audit = new JsonArray(call(COORD, "GET", "/api/tavoli/" + t.id() + "/audit?order=desc&limit=1", null).body());
    assertEquals("integration_accepted", audit.getJsonObject(0).getString("action"));
    assertEquals(new JsonArray().add(new JsonObject().put("coll", "budget").put("field", "amount").put("id", "bud-6")
            .put("seq", 2L).put("setBy", DemoSeed.ETS1.id().toString()).put("was", 3900000L)),
        audit.getJsonObject(0).getJsonObject("details").getJsonArray("overwrote"), "the record keeps what was overwritten, and whose");
  }

  @Test
  void acceptingATextEditAfterSomeoneElseEditedTheSameTextMergesBothInOneBatchWithEachAuthorKept() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    int length = sec1Length(doc);
    String id = propose(ETS1, doc, 1, "[{'op':'text','coll':'sections','id':'sec-1','field':'body','edit':['Premessa condivisa. ', "
        + length + "]}]", "Una premessa").getString("id");
    // Luca appends to the same text live, not having seen the proposal
    String tail = " Nota del consorzio.";
    assertEquals(2, LiveEdit.submit(ETS2, doc, 1,
        "[{'op':'text','coll':'sections','id':'sec-1','field':'body','edit':[" + length + ", '" + tail + "']}]"));

    JsonObject accepted = ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(3, accepted.getJsonObject("decision").getLong("seq"));
    assertEquals(3, head(doc), "the acceptance is one batch");
    Row log = sql("select author, client_id, ops::text as ops from op_log where doc_id = $1 and seq = 3", doc).iterator().next();
    assertEquals(DemoSeed.ETS1.id(), log.getUUID("author"));
    assertEquals("integration:" + id, log.getString("client_id"));
    assertEquals(new JsonArray().add("Premessa condivisa. ").add(length + tail.length()),
        new JsonArray(log.getString("ops")).getJsonObject(0).getJsonArray("edit"), "rebased past Luca's edit");

    String text = LiveEdit.snapshot(OBSERVER, doc).getJsonObject("collections").getJsonObject("sections")
        .getJsonObject("sec-1").getString("body");
    assertEquals("Premessa condivisa. ", text.substring(0, 20), "the proposal's text first");
    assertTrue(text.endsWith(tail), "Luca's text last");
    assertEquals(20 + length + tail.length(), text.length(), "nothing lost between them");

    JsonArray runs = ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/provenance", null), 200).getJsonObject("collections")
        .getJsonObject("sections").getJsonObject("sec-1").getJsonArray("body");
    List<String> authorship = new ArrayList<>();
    runs.forEach(r -> {
      JsonObject run = (JsonObject) r;
      authorship.add(run.getString("author") + " " + run.getInteger("length") + " @" + run.getLong("seq") + " " + run.getString("integration"));
    });
    assertEquals(List.of(
        DemoSeed.ETS1.id() + " " + "Premessa condivisa. ".length() + " @3 " + id,
        DemoSeed.COORDINATOR.id() + " " + length + " @1 null",
        DemoSeed.ETS2.id() + " " + tail.length() + " @2 null"), authorship);
  }

  @Test
  void rejectWithdrawAndAmendFollowTheirRulesAndTheReportCountsThem() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String ops = "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'Coaching di gruppo'}]";
    String a = propose(ETS1, doc, 1, ops, "Titolo più chiaro").getString("id");
    String b = propose(ETS1, doc, 1, ops, "Seconda proposta").getString("id");
    String c = propose(ETS2, doc, 1, ops, "Terza").getString("id");

    assertError(decide(COORD, doc, a, "reject", new JsonObject()), 400, "invalid_input");
    JsonObject rejected = ok(decide(COORD, doc, a, "reject", new JsonObject().put("reason", "Fuori tema")), 200);
    assertEquals("rejected", rejected.getString("status"));
    assertEquals("Fuori tema", rejected.getJsonObject("decision").getString("reason"));
    assertError(decide(COORD, doc, a, "accept", null), 409, "integration_closed");

    assertError(decide(ETS2, doc, b, "withdraw", null), 403, "forbidden");
    assertEquals("withdrawn", ok(decide(ETS1, doc, b, "withdraw", null), 200).getString("status"));
    assertError(decide(ETS1, doc, b, "withdraw", null), 409, "integration_closed");

    String amended = "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'Coaching individuale'}]";
    JsonObject body = new JsonObject().put("baseSeq", 1).put("ops", new JsonArray(amended.replace('\'', '"')));
    assertError(call(ETS1, "PUT", "/api/documents/" + doc + "/integrations/" + c, body), 403, "forbidden");
    JsonObject am = ok(call(ETS2, "PUT", "/api/documents/" + doc + "/integrations/" + c, body), 200);
    assertEquals(2, am.getInteger("revision"));
    assertEquals("Terza", am.getString("rationale"), "the rationale stays unless given");
    ok(decide(COORD, doc, c, "accept", null), 200);
    assertEquals("Coaching individuale", sql("select ops->0->>'value' as v from op_log where doc_id = $1 and seq = 2", doc)
        .iterator().next().getString("v"));

    JsonArray byOrg = ok(call(COORD, "GET", "/api/documents/" + doc + "/attribution", null), 200).getJsonArray("byOrganisation");
    JsonObject consorzio = byOrg.getJsonObject(0);
    JsonObject coop = byOrg.getJsonObject(1);
    assertEquals(DemoSeed.CONSORZIO.name(), consorzio.getJsonObject("organisation").getString("name"));
    assertEquals(new JsonObject().put("proposed", 1L).put("accepted", 1L).put("rejected", 0L).put("withdrawn", 0L).put("open", 0L),
        new JsonObject().put("proposed", consorzio.getLong("proposed")).put("accepted", consorzio.getLong("accepted"))
            .put("rejected", consorzio.getLong("rejected")).put("withdrawn", consorzio.getLong("withdrawn")).put("open", consorzio.getLong("open")));
    assertEquals(2L, coop.getLong("proposed"));
    assertEquals(1L, coop.getLong("rejected"));
    assertEquals(1L, coop.getLong("withdrawn"));
    assertEquals(List.of("integration_proposed", "integration_proposed", "integration_proposed", "integration_rejected",
        "integration_withdrawn", "integration_amended", "integration_accepted"), auditActions(t.id()));
  }

  @Test
  void aProposalWhoseTargetWasDeletedIsReportedAsAConflictAndNothingIsApplied() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    // one op that would apply and one on a section that will be gone
    String ops = "[{'op':'set','coll':'activities','id':'act-2','field':'title','value':'Laboratori'},"
        + "{'op':'set','coll':'sections','id':'sec-4','field':'title','value':'Rete dei partner'}]";
    String victim = propose(ETS1, doc, 1, ops, "Titoli").getString("id");
    String delete = propose(PA, doc, 1, "[{'op':'delete','coll':'sections','id':'sec-4'}]", "Sezione assorbita").getString("id");
    ok(decide(COORD, doc, delete, "accept", null), 200);
    long before = head(doc);

    JsonObject detail = ok(call(ETS2, "GET", "/api/documents/" + doc + "/integrations/" + victim, null), 200);
    assertFalse(detail.getJsonObject("check").getBoolean("applicable"));
    JsonObject conflict = detail.getJsonObject("check").getJsonArray("conflicts").getJsonObject(0);
    assertEquals("entity_deleted", conflict.getString("reason"));
    assertEquals(1, conflict.getInteger("index"));
    assertEquals("sec-4", conflict.getJsonObject("target").getString("id"));

    assertError(decide(COORD, doc, victim, "accept", null), 409, "integration_conflict");
    assertEquals(before, head(doc), "nothing applied, not even the op that would have applied");
    JsonObject after = ok(call(ETS1, "GET", "/api/documents/" + doc + "/integrations/" + victim, null), 200);
    assertEquals("open", after.getString("status"), "it stays open for its proposer to amend");
    assertFalse(after.getJsonObject("conflict").getBoolean("applicable"));
    assertNull(after.getValue("decision"));
  }

  @Test
  void rolesAndMembershipAreCheckedOnEveryRoute() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String ops = "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'X'}]";
    assertError(call(OBSERVER, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 1).put("ops", new JsonArray(ops.replace('\'', '"'))).put("rationale", "r")), 403, "forbidden");
    String id = propose(ETS1, doc, 1, ops, "r").getString("id");
    assertError(decide(OBSERVER, doc, id, "support", null), 403, "forbidden");
    assertError(decide(PA, doc, id, "reject", new JsonObject().put("reason", "no")), 403, "forbidden");
    assertError(call(ETS1, "PUT", "/api/documents/" + doc + "/mode", new JsonObject().put("mode", "proposal")), 403, "forbidden");
    // ETS2 leaves the tavolo: its documents and integrations no longer exist for them
    ok(call(COORD, "DELETE", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.ETS2.id(), null), 204);
    assertError(call(ETS2, "GET", "/api/documents/" + doc + "/integrations", null), 404, "not_found");
    assertError(call(ETS2, "GET", "/api/documents/" + doc + "/integrations/" + id, null), 404, "not_found");
    assertError(decide(ETS2, doc, id, "support", null), 404, "not_found");
    assertError(call(ETS2, "GET", "/api/tavoli/" + t.id() + "/audit", null), 404, "not_found");
    assertError(call(null, "GET", "/api/documents/" + doc + "/integrations", null), 401, "unauthorized");
    assertError(call(ETS1, "GET", "/api/documents/" + UUID.randomUUID() + "/integrations", null), 404, "not_found");
    assertError(call(ETS1, "GET", "/api/documents/" + doc + "/integrations/" + UUID.randomUUID(), null), 404, "not_found");
    assertError(call(ETS1, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 1).put("ops", new JsonArray("[{\"op\":\"set\",\"coll\":\"nope\",\"id\":\"x\",\"field\":\"f\",\"value\":1}]"))
            .put("rationale", "r")), 400, "invalid_op");
    // an organisation that exists, but not at this tavolo
    UUID stranger = UUID.randomUUID();
    sql("insert into organisations (id, name, side, ets_kind) values ($1, 'ODV estranea', 'ETS', 'odv')", stranger);
    assertError(call(ETS1, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 1).put("ops", new JsonArray("[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-1\","
            + "\"field\":\"contributor\",\"value\":\"" + stranger + "\"}]")).put("rationale", "r")), 400, "invalid_op");
    assertError(call(ETS1, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 99).put("ops", new JsonArray(ops.replace('\'', '"'))).put("rationale", "r")), 400, "bad_base_seq");
    assertError(call(ETS1, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 1).put("ops", new JsonArray(ops.replace('\'', '"')))), 400, "invalid_input");
  }

  @Test
  void whileLockedProposalsAndAcceptancesAreRefusedWithLockedUntilANewRound() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String ops = "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'X'}]";
    String id = propose(ETS1, doc, 1, ops, "r").getString("id");
    JsonObject locked = ok(call(COORD, "PUT", "/api/documents/" + doc + "/lock", new JsonObject().put("locked", true)), 200);
    assertTrue(locked.getBoolean("locked"));
    assertError(call(ETS2, "POST", "/api/documents/" + doc + "/integrations",
        new JsonObject().put("baseSeq", 1).put("ops", new JsonArray(ops.replace('\'', '"'))).put("rationale", "r")), 423, "locked");
    assertError(decide(COORD, doc, id, "accept", null), 423, "locked");
    assertEquals("open", ok(call(ETS1, "GET", "/api/documents/" + doc + "/integrations/" + id, null), 200).getString("status"));
    ok(call(COORD, "PUT", "/api/documents/" + doc + "/lock", new JsonObject().put("locked", false)), 200);
    assertEquals("accepted", ok(decide(COORD, doc, id, "accept", null), 200).getString("status"));
    assertEquals(List.of("integration_proposed", "document_locked", "round_opened", "integration_accepted"), auditActions(t.id()));
  }
}
