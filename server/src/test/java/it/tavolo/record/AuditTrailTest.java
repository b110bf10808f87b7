package it.tavolo.record;

import it.tavolo.auth.AuditTrail;
import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
import static it.tavolo.record.Record.ETS2;
import static it.tavolo.record.Record.assertError;
import static it.tavolo.record.Record.call;
import static it.tavolo.record.Record.ok;
import static it.tavolo.record.Record.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The audit trail records who joined, left and changed role, and its latest rows are readable however long it is. */
class AuditTrailTest {

  private static JsonArray audit(UUID tavolo, String query) {
    return new JsonArray(ok200(call(ETS1, "GET", "/api/tavoli/" + tavolo + "/audit" + query, null)));
  }

  private static String ok200(java.net.http.HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static JsonObject verify(UUID tavolo) {
    return ok(call(ETS1, "GET", "/api/tavoli/" + tavolo + "/audit/verify", null), 200);
  }

  private static String role(UUID tavolo, UUID user) {
    return sql("select role from tavolo_members where tavolo_id = $1 and user_id = $2", tavolo, user).iterator().next().getString("role");
  }

  @Test
  void invitationsJoiningLeavingAndRoleChangesAreAuditedWithTheRolesBeforeAndAfterAndTheChainHolds() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Record.token(COORD);
    String ets2 = DemoSeed.ETS2.id().toString();

    assertEquals(204, call(COORD, "DELETE", "/api/tavoli/" + t.id() + "/members/" + ets2, null).statusCode());
    String invitation = Api.invite(coord, t.id().toString(), "member");
    ok(call(ETS2, "POST", "/api/invitations/" + invitation + "/accept", null), 200);
    ok(call(COORD, "PUT", "/api/tavoli/" + t.id() + "/members/" + ets2, new JsonObject().put("role", "observer")), 200);
    ok(call(COORD, "PUT", "/api/tavoli/" + t.id() + "/members/" + ets2, new JsonObject().put("role", "observer")), 200);
    String observerInvitation = ok(call(COORD, "POST", "/api/tavoli/" + t.id() + "/invitations", new JsonObject()
        .put("role", "observer").put("organisationId", DemoSeed.SDS.id().toString())), 201).getString("token");
    JsonObject spare = ok(call(COORD, "POST", "/api/tavoli/" + t.id() + "/invitations", new JsonObject().put("role", "coordinator")), 201);
    assertEquals(204, call(COORD, "DELETE", "/api/tavoli/" + t.id() + "/invitations/" + spare.getString("id"), null).statusCode());
    JsonObject registered = ok(Api.call("POST", "/api/invitations/" + observerInvitation + "/register", null,
        new JsonObject().put("email", Api.uniqueEmail("audit")).put("password", "password-lunga").put("name", "Anna Verdi")
            .put("organisationId", DemoSeed.SDS.id().toString()).encode()), 201);
    String anna = registered.getJsonObject("user").getString("id");

    JsonArray rows = audit(t.id(), "");
    List<String> seen = new ArrayList<>();
    rows.forEach(r -> {
      JsonObject row = (JsonObject) r;
      seen.add(row.getString("action") + " by " + row.getString("actor") + " " + row.getJsonObject("details").encode());
    });
    String c = DemoSeed.COORDINATOR.id().toString();
    assertEquals(List.of(
        "member_removed by " + c + " {\"role\":\"member\",\"user\":\"" + ets2 + "\"}",
        "invitation_created by " + c + " {\"expiresAt\":\"{{*}}\",\"invitation\":\"{{*}}\",\"role\":\"member\"}",
        "member_joined by " + ets2 + " {\"how\":\"accepted\",\"invitation\":\"{{*}}\",\"role\":\"member\",\"user\":\"" + ets2 + "\"}",
        "role_changed by " + c + " {\"from\":\"member\",\"to\":\"observer\",\"user\":\"" + ets2 + "\"}",
        "invitation_created by " + c + " {\"expiresAt\":\"{{*}}\",\"invitation\":\"{{*}}\",\"organisation\":\""
            + DemoSeed.SDS.id() + "\",\"role\":\"observer\"}",
        "invitation_created by " + c + " {\"expiresAt\":\"{{*}}\",\"invitation\":\"{{*}}\",\"role\":\"coordinator\"}",
        "invitation_withdrawn by " + c + " {\"invitation\":\"{{*}}\"}",
        "member_joined by " + anna + " {\"how\":\"registered\",\"invitation\":\"{{*}}\",\"role\":\"observer\",\"user\":\"" + anna + "\"}"),
        seen.stream().map(s -> s.replaceAll("\"invitation\":\"[0-9a-f-]{36}\"", "\"invitation\":\"{{*}}\"")
            .replaceAll("\"expiresAt\":\"[^\"]+\"", "\"expiresAt\":\"{{*}}\"")).toList(),
        "giving someone the role they already have records nothing");
    JsonObject v = verify(t.id());
    assertTrue(v.getBoolean("ok"), v.encode());
    assertEquals(8, v.getInteger("rows"));
  }

  @Test
  void openingATavoloAndAddingADraftAreTheTrailsFirstRows() {
    String coord = Record.token(COORD);
    JsonObject tavolo = Api.newTavolo(coord, "Tavolo aperto per la traccia");
    String id = tavolo.getString("id");
    String firstDoc = tavolo.getJsonArray("documents").getJsonObject(0).getString("id");
    JsonObject added = new JsonObject(Api.call("POST", "/api/tavoli/" + id + "/documents", coord,
        new JsonObject().put("title", "Piano di monitoraggio").encode()).body());
    // the new tavolo's only member is its coordinator: read as them
    JsonArray rows = new JsonArray(call(COORD, "GET", "/api/tavoli/" + id + "/audit", null).body());
    assertEquals(2, rows.size(), rows.encode());
    JsonObject opened = rows.getJsonObject(0);
    assertEquals("tavolo_opened", opened.getString("action"));
    assertEquals(1, opened.getInteger("n"));
    assertEquals(DemoSeed.COORDINATOR.id().toString(), opened.getString("actor"));
    assertEquals(firstDoc, opened.getString("document"));
    assertEquals("Tavolo aperto per la traccia", opened.getJsonObject("details").getString("title"));
    JsonObject draft = rows.getJsonObject(1);
    assertEquals("document_added", draft.getString("action"));
    assertEquals(added.getString("id"), draft.getString("document"));
    assertEquals("Piano di monitoraggio", draft.getJsonObject("details").getString("title"));
    assertTrue(new JsonObject(call(COORD, "GET", "/api/tavoli/" + id + "/audit/verify", null).body()).getBoolean("ok"));
  }

  @Test
  void aRoleChangeOrRemovalWhoseAuditRowCannotBeWrittenDoesNotHappen() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID ets1 = DemoSeed.ETS1.id();
    // The database refuses this member's audit rows only, as a full disk or a lost connection would.
    String fn = "refuse_audit_" + Long.toHexString(System.nanoTime());
    sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
        + "if new.subject = '" + ets1 + "' and new.tavolo_id = '" + t.id() + "' then raise exception 'audit refused'; end if; "
        + "return new; end $$");
    sql("create trigger " + fn + " before insert on audit_log for each row execute function " + fn + "()");
    try {
      assertEquals(500, call(COORD, "PUT", "/api/tavoli/" + t.id() + "/members/" + ets1,
          new JsonObject().put("role", "observer")).statusCode());
      assertEquals("member", role(t.id(), ets1), "no role change without its audit row");
      assertEquals(500, call(COORD, "DELETE", "/api/tavoli/" + t.id() + "/members/" + ets1, null).statusCode());
      assertEquals("member", role(t.id(), ets1), "no removal without its audit row");
    } finally {
      sql("drop trigger " + fn + " on audit_log");
      sql("drop function " + fn + "()");
    }
    assertEquals(0, audit(t.id(), "").size());
  }

  @Test
  void theLatestRowsComeNewestFirstHoweverLongTheTrailAndPageBackWithBefore() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    AuditStore store = new AuditStore(TestServer.pool());
    int total = 1005; // past the 1000 rows one page can hold
    TestServer.pool().withTransaction(tx -> {
      Future<?> f = Future.succeededFuture();
      for (int k = 1; k <= total; k++) {
        Map<String, Object> details = Map.of("k", (long) k);
        f = f.compose(x -> store.append(tx, new AuditTrail.Event(t.id(), DemoSeed.COORDINATOR.id(), "mode_changed", null, null, details)));
      }
      return f;
    }).await(60, TimeUnit.SECONDS);

    JsonArray latest = audit(t.id(), "?order=desc&limit=3");
    assertEquals(List.of(1005L, 1004L, 1003L), ns(latest));
    assertEquals(List.of(1002L, 1001L), ns(audit(t.id(), "?order=desc&limit=2&before=1003")));
    assertEquals(List.of(2L, 1L), ns(audit(t.id(), "?order=desc&before=3")));
    assertEquals(List.of(1L, 2L), ns(audit(t.id(), "?limit=2")), "oldest first stays the default");
    assertEquals(List.of(1004L, 1005L), ns(audit(t.id(), "?after=1003")));
    assertError(call(ETS1, "GET", "/api/tavoli/" + t.id() + "/audit?order=sideways", null), 400, "invalid_input");
    assertError(call(ETS1, "GET", "/api/tavoli/" + t.id() + "/audit?order=desc&after=3", null), 400, "invalid_input");
    assertError(call(ETS1, "GET", "/api/tavoli/" + t.id() + "/audit?before=3", null), 400, "invalid_input");
    assertNotEquals(latest.getJsonObject(0).getString("hash"), latest.getJsonObject(1).getString("hash"));
    assertEquals(latest.getJsonObject(1).getString("hash"), latest.getJsonObject(0).getString("prevHash"));
    assertTrue(verify(t.id()).getBoolean("ok"));
  }

  private static List<Long> ns(JsonArray rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(((JsonObject) r).getLong("n")));
    return out;
  }
}
