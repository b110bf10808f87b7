package it.tavolo.record;

import static it.tavolo.record.Record.COORD;
import static it.tavolo.record.Record.ETS1;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VersionsTest {
  private static JsonObject consolidate(UUID doc, String name) {
    return ok(call(COORD, "POST", "/api/documents/" + doc + "/versions",
        new JsonObject().put("name", name).put("consolidate", true)), 201);
  }

  /** Runs {@code sql} on a table with its guard trigger switched off (the superuser a tamperer would be). */
  private static void tamper(String table, String trigger, String update, Object... args) {
    sql("alter table " + table + " disable trigger " + trigger);
    try {
      sql(update, args);
    } finally {
      sql("alter table " + table + " enable trigger " + trigger);
    }
  }

  private static String sec1Body(UUID doc, long seq) {
    JsonObject prov = ok(call(PA, "GET", "/api/documents/" + doc + "/diff?from=0&to=" + seq, null), 200);
    for (Object o : prov.getJsonArray("changes")) {
      JsonObject c = (JsonObject) o;
      if (c.getString("id").equals("sec-1")) {
        for (Object f : c.getJsonArray("fields")) {
          JsonObject fj = (JsonObject) f;
          if (fj.getString("field").equals("body")) return fj.getJsonArray("parts").getJsonObject(0).getString("text");
        }
      }
    }
    throw new IllegalStateException("no sec-1 body");
  }

  @Test
  void aConsolidatedVersionCannotBeChangedEvenBySqlIssuedDirectly() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    JsonObject v = consolidate(doc, "Versione per la delibera");
    assertEquals(1, v.getInteger("number"));
    assertEquals(1, v.getLong("seq"));
    assertTrue(v.getBoolean("consolidated"));
    assertTrue(v.getString("sha256").matches("[0-9a-f]{64}"));
    assertEquals("Giulia Bianchi", v.getJsonObject("consolidatedBy").getString("name"));

    Exception update = assertThrows(Exception.class, () -> sql("update versions set name = 'altro' where doc_id = $1", doc));
    assertTrue(update.getMessage().contains("is consolidated and cannot change"), update.getMessage());
    Exception snapshot = assertThrows(Exception.class, () -> sql("update versions set canonical = '{}' where doc_id = $1", doc));
    assertTrue(snapshot.getMessage().contains("is consolidated and cannot change"), snapshot.getMessage());
    Exception delete = assertThrows(Exception.class, () -> sql("delete from versions where doc_id = $1", doc));
    assertTrue(delete.getMessage().contains("is consolidated and cannot change"), delete.getMessage());
    Exception truncate = assertThrows(Exception.class, () -> sql("truncate versions"));
    assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());

    assertError(call(COORD, "POST", "/api/documents/" + doc + "/versions/1/consolidate", new JsonObject()), 409, "already_consolidated");
    assertEquals("Versione per la delibera", ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/versions/1", null), 200).getString("name"));
  }

  @Test
  void verificationRecomputesTheHashFromTheLogAndFromTheSnapshotAndDetectsATamperedSnapshot() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    JsonObject v = consolidate(doc, "v1");
    JsonObject ok = ok(call(ETS1, "GET", "/api/documents/" + doc + "/versions/1/verify", null), 200);
    assertTrue(ok.getBoolean("ok"));
    assertEquals(v.getString("sha256"), ok.getString("fromLog"));
    assertEquals(v.getString("sha256"), ok.getString("fromSnapshot"));

    tamper("versions", "versions_immutable",
        "update versions set canonical = replace(canonical, 'Analisi del bisogno', 'Analisi dei bisogni') where doc_id = $1", doc);
    JsonObject bad = ok(call(ETS1, "GET", "/api/documents/" + doc + "/versions/1/verify", null), 200);
    assertFalse(bad.getBoolean("ok"));
    assertEquals(v.getString("sha256"), bad.getString("fromLog"), "the op log still agrees with the hash");
    assertNotEquals(v.getString("sha256"), bad.getString("fromSnapshot"), "the stored snapshot no longer does");
  }

  @Test
  void theAuditChainVerifiesAndATamperedRowIsDetected() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String id = propose(ETS1, doc, 1, "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'X'}]", "r").getString("id");
    ok(decide(COORD, doc, id, "reject", new JsonObject().put("reason", "No")), 200);
    ok(call(COORD, "PUT", "/api/documents/" + doc + "/mode", new JsonObject().put("mode", "proposal")), 200);
    ok(call(COORD, "PUT", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.PA_MEMBER.id(), new JsonObject().put("role", "observer")), 200);
    consolidate(doc, "v1");

    JsonArray rows = new JsonArray(call(OBSERVER, "GET", "/api/tavoli/" + t.id() + "/audit", null).body());
    assertEquals(5, rows.size());
    assertEquals("role_changed", rows.getJsonObject(3).getString("action"));
    assertEquals("member", rows.getJsonObject(3).getJsonObject("details").getString("from"));
    assertEquals("observer", rows.getJsonObject(3).getJsonObject("details").getString("to"));
    assertEquals(rows.getJsonObject(0).getString("hash"), rows.getJsonObject(1).getString("prevHash"));
    JsonObject verdict = ok(call(OBSERVER, "GET", "/api/tavoli/" + t.id() + "/audit/verify", null), 200);
    assertTrue(verdict.getBoolean("ok"), verdict.encode());
    assertEquals(5, verdict.getInteger("rows"));
    assertEquals(rows.getJsonObject(4).getString("hash"), verdict.getString("head"));

    Exception edit = assertThrows(Exception.class, () -> sql("update audit_log set details = '{}' where tavolo_id = $1", t.id()));
    assertTrue(edit.getMessage().contains("append-only"), edit.getMessage());

    tamper("audit_log", "audit_log_append_only",
        "update audit_log set details = replace(details, 'No', 'Sì') where tavolo_id = $1 and n = 2", t.id());
    JsonObject tampered = ok(call(OBSERVER, "GET", "/api/tavoli/" + t.id() + "/audit/verify", null), 200);
    assertFalse(tampered.getBoolean("ok"));
    assertEquals(2, tampered.getInteger("firstBadRow"));
    assertEquals("content_hash", tampered.getString("problem"));
  }

  @Test
  void aPastPointNamedAfterTheFactHoldsThatPointsContentNotTheHeads() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String id = propose(ETS1, doc, 1, "[{'op':'set','coll':'activities','id':'act-1','field':'title','value':'Coaching'}]", "r").getString("id");
    ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(3, LiveEdit.submit(PA, doc, 2, "[{'op':'set','coll':'activities','id':'act-2','field':'title','value':'Laboratori'}]"));

    JsonObject seed = ok(call(COORD, "POST", "/api/documents/" + doc + "/versions",
        new JsonObject().put("name", "Il seme").put("seq", 1).put("consolidate", true)), 201);
    assertEquals(1, seed.getLong("seq"));
    JsonObject accepted = ok(call(PA, "POST", "/api/documents/" + doc + "/versions",
        new JsonObject().put("name", "Dopo l'integrazione").put("seq", 2)), 201);
    assertEquals(2, accepted.getLong("seq"));

    Row canonical = sql("select canonical::jsonb #>> '{collections,activities,act-1,title}' as title, "
        + "canonical::jsonb ->> 'seq' as seq from versions where doc_id = $1 and number = 1", doc).iterator().next();
    assertEquals("1", canonical.getString("seq"));
    assertNotEquals("Coaching", canonical.getString("title"), "the consolidated past point has the title of then");
    JsonArray changes = ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/diff?from=v1&to=v2", null), 200).getJsonArray("changes");
    assertEquals(1, changes.size(), "between the two named points only the integration: " + changes.encode());
    assertEquals("act-1", changes.getJsonObject(0).getString("id"));
    assertTrue(ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/versions/1/verify", null), 200).getBoolean("ok"));

    assertError(call(PA, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "futuro").put("seq", 4)),
        400, "invalid_input");
    assertError(call(PA, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "prima di tutto").put("seq", -1)),
        400, "invalid_input");
  }

  @Test
  void refusesToConsolidateContentIdenticalToTheLastConsolidatedVersion() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    consolidate(doc, "prima");
    assertError(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "uguale")
        .put("consolidate", true)), 409, "unchanged_since_version");
    // named without consolidating (allowed), then consolidated: refused too
    JsonObject named = ok(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "solo nome")), 201);
    assertEquals(2, named.getInteger("number"), "the refused one took no number");
    assertError(call(COORD, "POST", "/api/documents/" + doc + "/versions/2/consolidate", new JsonObject()), 409, "unchanged_since_version");
    // one change later it is new content again
    String id = propose(ETS1, doc, 1, "[{'op':'create','coll':'sections','id':'sec-8','fields':{'order':'b1','title':'Nuova'}}]", "r").getString("id");
    ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(3, ok(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "seconda")
        .put("consolidate", true)), 201).getInteger("number"));
  }

  @Test
  void restoringAnOldVersionIsANewForwardBatchAndHistoryIsKept() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    consolidate(doc, "prima");
    String original = sec1Body(doc, 1);
    String id = propose(ETS1, doc, 1, "[{'op':'text','coll':'sections','id':'sec-1','field':'body','edit':['Nuovo. '," + original.length() + "]},"
        + "{'op':'delete','coll':'budget','id':'bud-11'},"
        + "{'op':'create','coll':'sections','id':'sec-9','fields':{'order':'b0','title':'Aggiunta'}}]", "r").getString("id");
    ok(decide(COORD, doc, id, "accept", null), 200);
    assertEquals(2, head(doc));

    assertError(call(PA, "POST", "/api/documents/" + doc + "/versions/1/restore", new JsonObject()), 403, "forbidden");
    JsonObject restored = ok(call(COORD, "POST", "/api/documents/" + doc + "/versions/1/restore", new JsonObject()), 200);
    assertEquals(3, restored.getLong("seq"));
    assertTrue(restored.getBoolean("changed"));
    assertEquals(3, head(doc));
    Row row = sql("select author, client_id from op_log where doc_id = $1 and seq = 3", doc).iterator().next();
    assertEquals(DemoSeed.COORDINATOR.id(), row.getUUID("author"));
    assertEquals("restore:1", row.getString("client_id"));
    assertEquals(3, sql("select count(*) as n from op_log where doc_id = $1", doc).iterator().next().getLong("n"),
        "nothing of the history was removed");

    JsonObject diff = ok(call(PA, "GET", "/api/documents/" + doc + "/diff?from=v1&to=head", null), 200);
    assertEquals(0, diff.getJsonArray("changes").size(), "the head has the old version's content again: " + diff.encode());
    // the restored content is the old version's, byte for byte: consolidating it again is refused (issue 18)
    assertError(call(COORD, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "ripristinata")
        .put("consolidate", true)), 409, "unchanged_since_version");
    assertEquals(0L, sql("select count(*) as n from versions where doc_id = $1 and number > 1", doc).iterator().next().getLong("n"),
        "a refused consolidation names nothing");
  }

  @Test
  void aDiffShowsTextChangesWithAuthorsAndBudgetTotalsBeforeAndAfter() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    ok(call(PA, "POST", "/api/documents/" + doc + "/versions", new JsonObject().put("name", "bozza iniziale")), 201);
    String original = sec1Body(doc, 1);
    String id = propose(ETS1, doc, 1, "[{'op':'text','coll':'sections','id':'sec-1','field':'body','edit':[" + original.length()
        + ",' Con la rete delle parrocchie.']},{'op':'set','coll':'budget','id':'bud-6','field':'amount','value':4300000}]", "r")
        .getString("id");
    ok(decide(COORD, doc, id, "accept", null), 200);

    JsonObject diff = ok(call(OBSERVER, "GET", "/api/documents/" + doc + "/diff?from=v1&to=head", null), 200);
    assertEquals(1, diff.getLong("fromSeq"));
    assertEquals(2, diff.getLong("toSeq"));
    JsonArray changes = diff.getJsonArray("changes");
    assertEquals(2, changes.size());
    JsonObject sec = changes.getJsonObject(0);
    assertEquals("sec-1", sec.getString("id"));
    JsonArray parts = sec.getJsonArray("fields").getJsonObject(0).getJsonArray("parts");
    assertEquals(new JsonObject().put("kind", "equal").put("length", original.length()), parts.getJsonObject(0));
    JsonObject insert = parts.getJsonObject(1);
    assertEquals("insert", insert.getString("kind"));
    assertEquals(" Con la rete delle parrocchie.", insert.getString("text"));
    assertEquals(new JsonArray().add(new JsonArray().add(DemoSeed.ETS1.id().toString()).add(30)), insert.getJsonArray("authors"));

    JsonObject bud = changes.getJsonObject(1);
    assertEquals("bud-6", bud.getString("id"));
    JsonObject amount = bud.getJsonArray("fields").getJsonObject(0);
    assertEquals(3800000L, amount.getLong("before"));
    assertEquals(4300000L, amount.getLong("after"));
    assertEquals(DemoSeed.ETS1.id().toString(), amount.getJsonObject("setBy").getString("author"));
    assertEquals(id, amount.getJsonObject("setBy").getString("integration"));
    assertEquals(id, amount.getJsonArray("touchedBy").getJsonObject(0).getString("integration"));

    JsonObject before = diff.getJsonObject("budget").getJsonObject("before");
    JsonObject after = diff.getJsonObject("budget").getJsonObject("after");
    assertEquals(before.getLong("total") + 500000, after.getLong("total"));
    assertEquals(before.getLong("thirdSectorTotal") + 500000, after.getLong("thirdSectorTotal"));
    assertNotEquals(before.getString("coFinancingShare"), after.getString("coFinancingShare"));
    assertError(call(OBSERVER, "GET", "/api/documents/" + doc + "/diff?from=head&to=1", null), 400, "invalid_input");
  }
}
