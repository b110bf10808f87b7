package it.tavolo.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.auth.Passwords;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoSeedTest {

  private static RowSet<Row> sql(String query, Object... args) throws Exception {
    return TestServer.pool().preparedQuery(query).execute(Tuple.wrap(args)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void demoAccountsAreMembersWithTheirRoles() throws Exception {
    RowSet<Row> rows = sql("select u.email, u.password_hash, m.role, o.side, o.id as org from users u "
        + "join tavolo_members m on m.user_id = u.id and m.tavolo_id = $1 "
        + "join organisations o on o.id = u.organisation_id", DemoSeed.TAVOLO_ID);
    Map<String, Row> byEmail = new HashMap<>();
    rows.forEach(r -> byEmail.put(r.getString("email"), r));
    assertEquals(Set.of("coordinatore@demo.tavolo", "pa@demo.tavolo", "ets1@demo.tavolo", "ets2@demo.tavolo",
        "osservatore@demo.tavolo"), byEmail.keySet());
    assertEquals("coordinator", byEmail.get("coordinatore@demo.tavolo").getString("role"));
    assertEquals("PA", byEmail.get("coordinatore@demo.tavolo").getString("side"));
    assertEquals("member", byEmail.get("pa@demo.tavolo").getString("role"));
    assertEquals("PA", byEmail.get("pa@demo.tavolo").getString("side"));
    assertEquals("observer", byEmail.get("osservatore@demo.tavolo").getString("role"));
    Row ets1 = byEmail.get("ets1@demo.tavolo");
    Row ets2 = byEmail.get("ets2@demo.tavolo");
    assertEquals("ETS", ets1.getString("side"));
    assertEquals("ETS", ets2.getString("side"));
    assertNotEquals(ets1.getUUID("org"), ets2.getUUID("org"), "two different ETS organisations");
    assertEquals("member", ets1.getString("role"));
    String hash = byEmail.get("ets1@demo.tavolo").getString("password_hash");
    assertTrue(hash.startsWith("$2a$"), "bcrypt");
    assertTrue(Passwords.verify("demo", hash));
    assertFalse(Passwords.verify("Demo", hash));
  }

  @Test
  void demoTavoloComesFromSeed002() throws Exception {
    Row t = sql("select * from tavoli where id = $1", DemoSeed.TAVOLO_ID).iterator().next();
    assertEquals("Società della Salute Pistoiese", t.getString("ente_proponente"));
    assertEquals("Zona Pistoiese", t.getString("ambito"));
    assertEquals("co-progettazione", t.getString("phase"));
    assertTrue(t.getString("avviso").contains("SIA (Sostegno all'Inclusione Attiva)"));
    // its one draft (the demo seduta's notes are a document of the tavolo too)
    Row d = sql("select * from documents where tavolo_id = $1 and purpose = 'draft'", DemoSeed.TAVOLO_ID).iterator().next();
    assertEquals("Progetto SIA — bozza", d.getString("title"));
    assertEquals(DemoSeed.DOCUMENT_ID, d.getUUID("id"));
  }

  @Test
  void theDemoSedutaHasASegretarioVerbalizzanteAndASecondNotesWriter() throws Exception {
    Row n = sql("select n.doc_id, n.secretary, d.purpose, d.tavolo_id from seduta_notes n join documents d on d.id = n.doc_id "
        + "where n.seduta_id = $1", SeduteDemo.SEDUTA_ID).iterator().next();
    assertEquals(SeduteDemo.NOTES_DOCUMENT_ID, n.getUUID("doc_id"));
    assertEquals(DemoSeed.PA_MEMBER.id(), n.getUUID("secretary"), "Marco Rossi (PA) writes the verbale");
    assertEquals("verbale_notes", n.getString("purpose"));
    assertEquals(DemoSeed.TAVOLO_ID, n.getUUID("tavolo_id"));
    Set<Object> writers = new HashSet<>();
    sql("select user_id from seduta_note_writers where seduta_id = $1", SeduteDemo.SEDUTA_ID).forEach(r -> writers.add(r.getUUID("user_id")));
    assertEquals(Set.of(DemoSeed.ETS1.id()), writers, "Sara Innocenti (ETS) may write notes too");
  }

  @Test
  void draftStartsWithTheSeedOpsAsSeqOneByTheCoordinator() throws Exception {
    RowSet<Row> rows = sql("select * from op_log where doc_id = $1 order by seq", DemoSeed.DOCUMENT_ID);
    Row first = rows.iterator().next();
    assertEquals(1L, first.getLong("seq"));
    assertEquals(DemoSeed.COORDINATOR.id(), first.getUUID("author"));
    assertEquals("seed", first.getString("client_id"));
    assertEquals(1L, first.getLong("client_seq"));
    assertEquals(DemoSeed.initialOps(), (JsonArray) first.getValue("ops"));
  }

  /** The seed's figures, in cents, summed from the resource file's JSON. */
  @Test
  void seedBudgetMatchesTheAvvisoToTheCent() {
    long sdsMonetary = 0;
    long sdsInKind = 0;
    long ets = 0;
    Set<String> etsCategories = new HashSet<>();
    Set<String> etsContributors = new HashSet<>();
    for (Object o : DemoSeed.initialOps()) {
      JsonObject op = (JsonObject) o;
      if (!op.getString("coll").equals("budget")) {
        continue;
      }
      JsonObject f = op.getJsonObject("fields");
      long amount = f.getLong("amount");
      String contributor = f.getString("contributor");
      if (contributor.equals(DemoSeed.SDS.id().toString())) {
        if (f.getString("nature").equals("monetary")) {
          sdsMonetary += amount;
        } else {
          sdsInKind += amount;
        }
      } else {
        ets += amount;
        etsCategories.add(f.getString("category"));
        etsContributors.add(contributor);
      }
    }
    assertEquals(30_871_654L, sdsMonetary, "SdS risorse monetarie € 308.716,54");
    assertEquals(5_172_600L, sdsInKind, "SdS risorse non monetarie € 51.726,00");
    assertEquals(7_849_663L, ets, "cofinanziamento Terzo Settore € 78.496,63");
    assertEquals(Set.of("personale", "spese_generali"), etsCategories);
    for (DemoSeed.Organisation org : DemoSeed.ORGANISATIONS) {
      if (org.side().equals("ETS")) {
        assertTrue(etsContributors.contains(org.id().toString()), org.name() + " co-finances");
      }
    }
  }

  /**
   * The ODV and the Curia co-finance without an account at the table: a member must still
   * see them, on the ETS side, or the page would show "unknown organisation" and a wrong
   * co-financing total.
   */
  @Test
  void everyBudgetContributorIsVisibleToMembersWithItsSide() {
    JsonArray visible = Api.okArray(Api.call("GET", "/api/organisations", Api.login("ets1@demo.tavolo"), null));
    Map<String, String> sideOf = new HashMap<>();
    for (Object o : visible) {
      JsonObject org = (JsonObject) o;
      sideOf.put(org.getString("id"), org.getString("side"));
    }
    long ets = 0;
    for (Object o : DemoSeed.initialOps()) {
      JsonObject op = (JsonObject) o;
      if (!op.getString("coll").equals("budget")) {
        continue;
      }
      String contributor = op.getJsonObject("fields").getString("contributor");
      assertTrue(sideOf.containsKey(contributor), "contributor " + contributor + " is visible: " + visible);
      if (sideOf.get(contributor).equals("ETS")) {
        ets += op.getJsonObject("fields").getLong("amount");
      }
    }
    assertEquals(7_849_663L, ets, "cofinanziamento Terzo Settore € 78.496,63, from what a member sees");
  }

  /** The seed must be a valid first batch for the core engine, or the live document would not load. */
  @Test
  void seedOpsApplyCleanlyToAnEmptyDraft() {
    DocumentState state = new DocumentState();
    Set<String> orgs = new HashSet<>();
    DemoSeed.ORGANISATIONS.forEach(o -> orgs.add(o.id().toString()));
    state.setKnownOrganisation(orgs::contains);
    OpApplier.applyAll(state, OpCodec.decodeBatch(DemoSeed.initialOps().encode()),
        DemoSeed.COORDINATOR.id().toString(), 1);
    assertEquals(5, state.count(Schema.SECTIONS));
    assertEquals(5, state.count(Schema.OBJECTIVES));
    assertTrue(state.count(Schema.ACTIVITIES) >= 3);
    int generali = 0;
    for (String id : state.ids(Schema.OBJECTIVES)) {
      if ("generale".equals(state.value(Schema.OBJECTIVES, id, "kind"))) {
        generali++;
      } else {
        assertTrue(state.textLength(Schema.OBJECTIVES, id, "operational") > 0, id + " has contenuto operativo");
        assertTrue(state.exists(Schema.OBJECTIVES, (String) state.value(Schema.OBJECTIVES, id, "parent")));
      }
    }
    assertEquals(3, generali);
    assertTrue(state.textView(Schema.SECTIONS, "sec-1", "body").toString().contains("Zona Pistoiese"));
  }
}
