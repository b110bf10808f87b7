package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The life of a verbale after its seduta closes (issue 19): the bozza, the remarks of the
 * people present within the period a coordinator sets, the approval that freezes it (in the
 * database too), its files and its place in the audit chain.
 */
class VerbaleApprovalTest {

  static byte[] approvedFile(String who, String id, String format, String sha256) {
    HttpResponse<byte[]> r = Http.bytes(who, "/api/sedute/" + id + "/verbale/approved/" + format);
    assertEquals(200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(sha256, Verbale.sha256(r.body()), "the approved " + format + " matches its stored SHA-256");
    assertEquals(sha256, r.headers().firstValue("X-Content-SHA256").orElse(null));
    return r.body();
  }

  /** A closed seduta at which Sara (ets1) and Marco (pa) were present, Luca (ets2) was not. */
  static String closedSeduta(TestServer.Tavolo t) {
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    ok(200, "ets1", "GET", "/api/sedute/" + id + "?attend=true", null);
    ok(200, "pa", "GET", "/api/sedute/" + id + "?attend=true", null);
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
    return id;
  }

  @Test
  void presentParticipantsRemarkWithinThePeriodThenTheApprovedVerbaleIsFrozenHashedAndAudited() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = closedSeduta(t);
    String base = "/api/sedute/" + id + "/verbale";

    JsonObject bozza = ok(200, "ets2", "GET", base, null);
    assertEquals("bozza", bozza.getString("state"));
    assertNull(bozza.getValue("approved"));
    refused(409, "remarks_closed", "ets1", "POST", base + "/remarks", new JsonObject().put("text", "Troppo presto"));

    refused(403, "forbidden", "ets1", "PUT", base + "/remarks-period", new JsonObject().put("until", Instant.now().plusSeconds(3600).toString()));
    refused(400, "invalid_input", "coordinatore", "PUT", base + "/remarks-period", new JsonObject().put("until", "2020-01-01T00:00:00Z"));
    JsonObject open = ok(200, "coordinatore", "PUT", base + "/remarks-period", new JsonObject().put("until", Instant.now().plusSeconds(3600).toString()));
    assertEquals("osservazioni", open.getString("state"));

    JsonObject remark = ok(201, "ets1", "POST", base + "/remarks",
        new JsonObject().put("text", "Al punto 2 la cooperativa ha chiesto anche il coinvolgimento delle scuole."));
    assertEquals("Sara Innocenti", remark.getString("name"));
    refused(403, "forbidden", "ets2", "POST", base + "/remarks", new JsonObject().put("text", "Non c'ero"));
    refused(403, "forbidden", "osservatore", "POST", base + "/remarks", new JsonObject().put("text", "Osservo"));
    refused(409, "remarks_open", "coordinatore", "POST", base + "/approve", null);
    assertEquals(1, okArray("ets2", base + "/remarks").size());

    // the coordinator closes the period early (a time just ahead), then approves
    waitPast(closeRemarksSoon(base));
    refused(409, "remarks_closed", "pa", "POST", base + "/remarks", new JsonObject().put("text", "In ritardo"));
    JsonObject approved = ok(200, "coordinatore", "POST", base + "/approve", null);
    assertEquals("approvato", approved.getString("state"));
    JsonObject a = approved.getJsonObject("approved");
    assertEquals("Giulia Bianchi", a.getJsonObject("by").getString("name"));
    String pdfSha = a.getJsonObject("pdf").getString("sha256");
    String odtSha = a.getJsonObject("odt").getString("sha256");
    assertTrue(!pdfSha.equals(bozza.getJsonObject("pdf").getString("sha256")), "the approved verbale is a file of its own");

    byte[] pdf = approvedFile("ets2", id, "pdf", pdfSha);
    String text = Verbale.flat(Verbale.pdfText(pdf));
    for (String expected : new String[] {"Osservazioni dei presenti", "Sara Innocenti",
        "Al punto 2 la cooperativa ha chiesto anche il coinvolgimento delle scuole.", "Approvazione", "Verbale approvato il",
        "Giulia Bianchi (Società della Salute Pistoiese), coordinamento del tavolo."}) {
      assertTrue(text.contains(Verbale.flat(expected)), "the approved verbale says \"" + expected + "\":\n" + text);
    }
    for (var flavour : java.util.List.of(org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_A,
        org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_B, org.verapdf.pdfa.flavours.PDFAFlavour.PDFUA_1)) {
      assertEquals(java.util.List.of(), it.tavolo.export.VeraPdf.failedRules(pdf, flavour), "veraPDF " + flavour);
    }
    assertTrue(Verbale.odtContent(approvedFile("ets1", id, "odt", odtSha)).contains("Osservazioni dei presenti"));

    // frozen through the API...
    refused(409, "verbale_approved", "coordinatore", "POST", base + "/approve", null);
    refused(409, "verbale_approved", "coordinatore", "PUT", base + "/remarks-period", new JsonObject().put("until", Instant.now().plusSeconds(60).toString()));
    refused(409, "verbale_approved", "ets1", "POST", base + "/remarks", new JsonObject().put("text", "Dopo"));

    // ...and in the database, whoever asks
    var pool = TestServer.pool();
    UUID sid = UUID.fromString(id);
    for (String sql : new String[] {
        "update seduta_verbale_approvals set pdf_sha256 = repeat('0', 64) where seduta_id = $1",
        "update seduta_verbale_approvals set pdf = '\\x00'::bytea where seduta_id = $1",
        "delete from seduta_verbale_approvals where seduta_id = $1",
        "update seduta_verbale_reviews set remarks_until = now() + interval '1 day' where seduta_id = $1",
        "update seduta_verbale_remarks set text = 'cambiato' where seduta_id = $1",
        "delete from seduta_verbale_remarks where seduta_id = $1"}) {
      Exception e = assertThrows(Exception.class, () -> pool.preparedQuery(sql).execute(Tuple.of(sid)).await(10, TimeUnit.SECONDS), sql);
      assertTrue(e.getMessage().contains("approved") || e.getMessage().contains("cannot") || e.getMessage().contains("forbid")
          || e.getMessage().contains("append"), sql + ": " + e.getMessage());
    }
    assertThrows(Exception.class, () -> pool.preparedQuery("insert into seduta_verbale_remarks (id, seduta_id, user_id, name, text) "
        + "values ($1, $2, $3, 'Sara', 'di nascosto')").execute(Tuple.of(UUID.randomUUID(), sid, DemoSeed.ETS1.id())).await(10, TimeUnit.SECONDS));
    assertEquals(pdfSha, ok(200, "osservatore", "GET", base, null).getJsonObject("approved").getJsonObject("pdf").getString("sha256"));

    JsonArray audit = okArray("osservatore", "/api/tavoli/" + t.id() + "/audit");
    JsonObject event = null;
    for (Object o : audit) {
      if ("verbale_approved".equals(((JsonObject) o).getString("action"))) {
        event = (JsonObject) o;
      }
    }
    assertTrue(event != null && event.encode().contains(pdfSha), "the approval is in the audit chain: " + audit.encode());
    assertTrue(ok(200, "osservatore", "GET", "/api/tavoli/" + t.id() + "/audit/verify", null).getBoolean("ok"),
        "and the chain still verifies");
  }

  @Test
  void theNextSedutaApprovesTheVerbaleAsAnAgendaItemAndItIsRecordedThere() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String first = closedSeduta(t);
    JsonObject next = ok(201, "coordinatore", "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "Terzo incontro").put("startsAt", "2026-12-10T15:00:00+01:00").put("mode", "online")
        .put("callUrl", "https://meet.example.org/terzo")
        .put("agenda", new JsonArray().add("Approvazione del verbale della seduta precedente").add("Varie")));
    String nextId = next.getString("id");
    String item = next.getJsonArray("agenda").getJsonObject(0).getString("id");
    refused(400, "invalid_input", "coordinatore", "POST", "/api/sedute/" + first + "/verbale/approve",
        new JsonObject().put("approvedIn", nextId).put("itemId", item)); // not open yet
    ok(200, "coordinatore", "POST", "/api/sedute/" + nextId + "/open", null);
    refused(400, "invalid_input", "coordinatore", "POST", "/api/sedute/" + first + "/verbale/approve",
        new JsonObject().put("approvedIn", nextId));
    JsonObject approved = ok(200, "coordinatore", "POST", "/api/sedute/" + first + "/verbale/approve",
        new JsonObject().put("approvedIn", nextId).put("itemId", item));
    assertEquals(nextId, approved.getJsonObject("approved").getJsonObject("approvedIn").getString("sedutaId"));
    JsonObject running = ok(200, "pa", "GET", "/api/sedute/" + nextId, null);
    assertEquals("Approvato il verbale della seduta «Secondo incontro di co-progettazione».",
        running.getJsonArray("agenda").getJsonObject(0).getJsonArray("decisions").getJsonObject(0).getString("text"));
    String text = Verbale.flat(Verbale.pdfText(approvedFile("pa", first, "pdf",
        approved.getJsonObject("approved").getJsonObject("pdf").getString("sha256"))));
    assertTrue(text.contains(Verbale.flat("nella seduta «Terzo incontro», punto all'ordine del giorno «Approvazione del verbale della seduta precedente»")),
        text);
  }

  /**
   * Closes a verbale's remarks period a moment from now; the moment that was accepted. The
   * request names the moment, and one that reaches a loaded server after it is refused (400:
   * 'until' must be ahead): then a later moment, rather than a guess of how long a request takes.
   */
  static Instant closeRemarksSoon(String base) {
    for (long ahead = 1_000; ; ahead *= 2) {
      Instant until = Instant.now().plusMillis(ahead);
      HttpResponse<String> r = Http.call("coordinatore", "PUT", base + "/remarks-period", new JsonObject().put("until", until.toString()));
      if (r.statusCode() == 200) {
        return until;
      }
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(ahead < 30_000, "even " + ahead + " ms ahead was too late: " + r.body());
    }
  }

  /** Returns once {@code t} has passed (by this machine's clock, which the server shares), with a margin. */
  static void waitPast(Instant t) {
    long ms;
    while ((ms = t.toEpochMilli() + 100 - System.currentTimeMillis()) > 0) {
      Ws.sleep(ms);
    }
  }
}
