package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static it.tavolo.sedute.Http.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Planning, running and closing a seduta over the HTTP API, and what closing freezes. */
class SedutaLifecycleTest {

  static JsonObject plan(TestServer.Tavolo t, String mode) {
    JsonObject body = new JsonObject()
        .put("title", "Secondo incontro di co-progettazione")
        .put("startsAt", "2026-12-03T15:00:00+01:00")
        .put("mode", mode)
        .put("place", "Sala consiliare, Piazza del Duomo 1, Pistoia")
        .put("callUrl", "https://us02web.zoom.us/j/4511880578")
        .put("documents", new JsonArray().add(t.documentId().toString()))
        .put("agenda", new JsonArray()
            .add(new JsonObject().put("title", "Analisi del bisogno").put("notes", "Restituzione dei dati della zona"))
            .add("Piano economico e cofinanziamento")
            .add("Varie ed eventuali"));
    return ok(201, "coordinatore", "POST", "/api/tavoli/" + t.id() + "/sedute", body);
  }

  @Test
  void aSedutaGoesFromAgendaToVerbale() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject s = plan(t, "ibrida");
    String id = s.getString("id");
    assertEquals("planned", s.getString("state"));
    assertEquals(3, s.getJsonArray("agenda").size());
    assertEquals("Analisi del bisogno", s.getJsonArray("agenda").getJsonObject(0).getString("title"));
    assertEquals(t.documentId().toString(), s.getJsonArray("documents").getJsonObject(0).getString("id"));
    assertEquals(1, okArray("ets1", "/api/tavoli/" + t.id() + "/sedute").size(), "members see the tavolo's sedute");

    refused(409, "seduta_not_open", "coordinatore", "POST", "/api/sedute/" + id + "/register",
        new JsonObject().put("name", "Troppo presto"));

    JsonObject open = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    assertEquals("open", open.getString("state"));
    assertNotNull(open.getString("openedAt"));
    String item1 = open.getJsonArray("agenda").getJsonObject(0).getString("id");
    String item2 = open.getJsonArray("agenda").getJsonObject(1).getString("id");

    JsonObject current = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/current", new JsonObject().put("itemId", item2));
    assertEquals(item2, current.getString("currentItem"));
    JsonObject decided = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/agenda/" + item2 + "/decisions",
        new JsonObject().put("text", "Il cofinanziamento ETS è fissato in € 78.496,63 (spese di personale e generali)."));
    assertEquals(1, decided.getJsonArray("agenda").getJsonObject(1).getJsonArray("decisions").size());

    JsonObject assessora = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/register", new JsonObject()
        .put("name", "Valeria Giglioli").put("organisation", "Comune di Lucca").put("role", "Assessora").put("presence", "in_room"));
    assertEquals("manual", assessora.getString("source"));
    JsonObject zoom = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/register", new JsonObject()
        .put("name", "Nicola Cabria").put("organisation", "Human Foundation").put("presence", "on_call"));
    JsonObject corrected = ok(200, "coordinatore", "PUT", "/api/sedute/" + id + "/register/" + zoom.getString("id"),
        new JsonObject().put("role", "Esperto"));
    assertEquals("Esperto", corrected.getString("role"));
    assertTrue(corrected.getBoolean("corrected"));

    JsonObject closed = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
    assertEquals("closed", closed.getString("state"));
    JsonObject verbale = closed.getJsonObject("verbale");
    assertNotNull(verbale, closed.encode());
    for (String f : new String[] {"pdf", "odt"}) {
      assertEquals(64, verbale.getJsonObject(f).getString("sha256").length());
    }

    JsonArray register = okArray("ets1", "/api/sedute/" + id + "/register");
    assertEquals(3, register.size(), "the two entered by hand and the coordinator who opened it");
    for (Object o : register) {
      assertNotNull(((JsonObject) o).getString("leftAt"), "everyone leaves when the seduta closes: " + o);
    }

    String pdfText = Verbale.pdfText(Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256")));
    for (String expected : new String[] {"Verbale della seduta", "Secondo incontro di co-progettazione", "ibrida",
        "Sala consiliare, Piazza del Duomo 1, Pistoia", "https://us02web.zoom.us/j/4511880578", "Valeria Giglioli",
        "Comune di Lucca", "Assessora", "in sala", "Nicola Cabria", "Esperto", "in videochiamata",
        "1. Analisi del bisogno", "2. Piano economico e cofinanziamento", "€ 78.496,63", "giovedì 3 dicembre 2026",
        "15:00", "Progetto SIA — bozza", "Giulia Bianchi"}) {
      assertTrue(Verbale.flat(pdfText).contains(Verbale.flat(expected)), "the PDF says \"" + expected + "\":\n" + pdfText);
    }
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
        Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256")))) {
      assertTrue(new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8)
          .contains("pdfaid:part"), "the verbale is PDF/A, like the draft's versions");
      assertEquals("Verbale — Secondo incontro di co-progettazione", pdf.getDocumentInformation().getTitle());
    }
    byte[] verbalePdf = Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256"));
    for (var flavour : java.util.List.of(org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_A,
        org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_B, org.verapdf.pdfa.flavours.PDFAFlavour.PDFUA_1)) {
      assertEquals(java.util.List.of(), it.tavolo.export.VeraPdf.failedRules(verbalePdf, flavour), "veraPDF " + flavour);
    }
    refused(404, "not_found", "pa", "GET", "/api/sedute/" + id + "/verbale/docx", null);
    String odt = Verbale.odtContent(Verbale.file("pa", id, "odt", verbale.getJsonObject("odt").getString("sha256")));
    assertTrue(odt.contains("€ 78.496,63") && odt.contains("Nicola Cabria"), odt);

    JsonObject again = ok(200, "osservatore", "GET", "/api/sedute/" + id + "/verbale", null);
    assertEquals(verbale.getJsonObject("pdf").getString("sha256"), again.getJsonObject("pdf").getString("sha256"),
        "the verbale is stored once and never regenerated");
  }

  @Test
  void aClosedSedutasRecordCannotChangeThroughTheApiNorInTheDatabase() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = plan(t, "in_presenza").getString("id");
    JsonObject open = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    String item = open.getJsonArray("agenda").getJsonObject(0).getString("id");
    String decision = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/agenda/" + item + "/decisions", new JsonObject().put("text", "Approvato."))
        .getJsonArray("agenda").getJsonObject(0).getJsonArray("decisions").getJsonObject(0).getString("id");
    String entry = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/register",
        new JsonObject().put("name", "Donatella Turri").put("organisation", "Caritas Diocesi di Lucca")).getString("id");
    JsonObject closedSeduta = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);

    String base = "/api/sedute/" + id;
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/register", new JsonObject().put("name", "Dopo"));
    refused(409, "seduta_closed", "coordinatore", "PUT", base + "/register/" + entry, new JsonObject().put("name", "Altro nome"));
    refused(409, "seduta_closed", "coordinatore", "DELETE", base + "/register/" + entry, null);
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/agenda/" + item + "/decisions", new JsonObject().put("text", "Ripensamento"));
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/agenda", new JsonObject().put("title", "Nuovo punto"));
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/open", null);
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/close", null);
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/viewer-link", null);
    // docs/api.md: the plan changes "until closed", and a decision is withdrawn only while open
    // a complete, valid plan (as PUT wants): refused only because the seduta is closed
    refused(409, "seduta_closed", "coordinatore", "PUT", base, new JsonObject().put("title", "Titolo cambiato dopo")
        .put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "in_presenza").put("place", "Altra sala")
        .put("documents", new JsonArray().add(t.documentId().toString())));
    refused(409, "seduta_closed", "coordinatore", "DELETE", base + "/decisions/" + decision, null);
    refused(409, "seduta_closed", "coordinatore", "PUT", base + "/agenda/" + item, new JsonObject().put("title", "Altro titolo"));
    refused(409, "seduta_closed", "coordinatore", "DELETE", base + "/agenda/" + item, null);
    refused(409, "seduta_closed", "coordinatore", "POST", base + "/current", new JsonObject().put("itemId", item));
    JsonObject after = ok(200, "coordinatore", "GET", base, null);
    assertEquals(closedSeduta.getString("title"), after.getString("title"), "the title stays");
    assertEquals(closedSeduta.getJsonArray("agenda"), after.getJsonArray("agenda"), "the agenda and its decision stay");

    UUID sid = UUID.fromString(id);
    String[] statements = {
        "update seduta_attendance set name = 'Manomesso' where seduta_id = $1",
        "delete from seduta_attendance where seduta_id = $1",
        "insert into seduta_attendance (id, seduta_id, name, presence, source, joined_at) values (gen_random_uuid(), $1, 'Intruso', 'in_room', 'manual', now())",
        "update seduta_decisions set text = 'Respinto.' where seduta_id = $1",
        "delete from seduta_agenda_items where seduta_id = $1",
        "update sedute set state = 'open', closed_at = null where id = $1",
        "update sedute set title = 'Altro' where id = $1",
        "update seduta_verbali set pdf_sha256 = 'x' where seduta_id = $1",
        "delete from seduta_verbali where seduta_id = $1"};
    for (String sql : statements) {
      Exception e = assertThrows(Exception.class, () ->
          TestServer.pool().preparedQuery(sql).execute(Tuple.of(sid)).await(10, TimeUnit.SECONDS), sql);
      assertTrue(String.valueOf(e.getMessage()).contains("closed") || String.valueOf(e.getMessage()).contains("append-only"),
          sql + " was refused for the right reason: " + e.getMessage());
    }
    assertThrows(Exception.class, () -> TestServer.pool().query("truncate seduta_attendance").execute().await(10, TimeUnit.SECONDS));

    JsonArray register = okArray("coordinatore", base + "/register");
    assertEquals(2, register.size(), "Donatella and the coordinator who opened it: " + register.encode());
    assertEquals(java.util.Set.of("Donatella Turri", "Giulia Bianchi"),
        java.util.Set.of(register.getJsonObject(0).getString("name"), register.getJsonObject(1).getString("name")));
  }

  @Test
  void onlyCoordinatorsPlanAndRunWhileOutsidersSeeNothing() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = plan(t, "online").getString("id");
    refused(403, "forbidden", "ets1", "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "x").put("startsAt", "2026-12-03T15:00:00Z").put("mode", "online").put("callUrl", "https://meet.jit.si/x"));
    refused(403, "forbidden", "ets1", "POST", "/api/sedute/" + id + "/open", null);
    refused(403, "forbidden", "osservatore", "POST", "/api/sedute/" + id + "/agenda", new JsonObject().put("title", "x"));
    assertEquals("planned", ok(200, "osservatore", "GET", "/api/sedute/" + id, null).getString("state"));

    // a tavolo of Marco's own: nobody else is in it
    JsonObject other = ok(201, "pa", "POST", "/api/tavoli", new JsonObject().put("title", "Tavolo riservato"));
    JsonObject mine = ok(201, "pa", "POST", "/api/tavoli/" + other.getString("id") + "/sedute", new JsonObject()
        .put("title", "Riservata").put("startsAt", "2026-12-03T15:00:00Z").put("mode", "online").put("callUrl", "https://meet.jit.si/r"));
    refused(404, "not_found", "ets1", "GET", "/api/sedute/" + mine.getString("id"), null);
    refused(404, "not_found", "coordinatore", "POST", "/api/sedute/" + mine.getString("id") + "/open", null);
    refused(404, "not_found", "ets1", "GET", "/api/tavoli/" + other.getString("id") + "/sedute", null);
    refused(404, "not_found", "ets1", "GET", "/api/sedute/not-a-uuid", null);
  }

  @Test
  void badPlansAreRefusedAndNothingIsSaved() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String path = "/api/tavoli/" + t.id() + "/sedute";
    JsonObject base = new JsonObject().put("title", "Webinar").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "online");
    for (String link : new String[] {"javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://x.org/a",
        "https://user:pw@zoom.us/j/1", "https://zoom.us/j/1 onmouseover=x", "//zoom.us/j/1", "https://"}) {
      refused(400, "invalid_call_url", "coordinatore", "POST", path, base.copy().put("callUrl", link));
    }
    refused(400, "invalid_input", "coordinatore", "POST", path, base);
    refused(400, "invalid_input", "coordinatore", "POST", path, base.copy().put("mode", "in_presenza"));
    refused(400, "invalid_input", "coordinatore", "POST", path, base.copy().put("mode", "altro").put("callUrl", "https://zoom.us/j/1"));
    refused(400, "invalid_input", "coordinatore", "POST", path, base.copy().put("callUrl", "https://zoom.us/j/1").put("startsAt", "domani"));
    refused(400, "invalid_input", "coordinatore", "POST", path, base.copy().put("callUrl", "https://zoom.us/j/1")
        .put("documents", new JsonArray().add(TestServer.freshTavolo().documentId().toString())));
    refused(400, "bad_json", "coordinatore", "POST", path, "[1,2]");
    assertEquals(0, okArray("coordinatore", path).size());
  }

  @Test
  void aTavoloHoldsOneOpenSedutaAtATime() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String a = plan(t, "ibrida").getString("id");
    String b = plan(t, "ibrida").getString("id");
    ok(200, "coordinatore", "POST", "/api/sedute/" + a + "/open", null);
    refused(409, "another_seduta_open", "coordinatore", "POST", "/api/sedute/" + b + "/open", null);
    refused(409, "seduta_open", "coordinatore", "POST", "/api/sedute/" + a + "/open", null);
    refused(409, "seduta_not_open", "coordinatore", "POST", "/api/sedute/" + b + "/close", null);
    ok(200, "coordinatore", "POST", "/api/sedute/" + a + "/close", null);
    assertEquals("open", ok(200, "coordinatore", "POST", "/api/sedute/" + b + "/open", null).getString("state"));
  }

  @Test
  void theAgendaCanBeReorderedAndAnItemWithDecisionsStays() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject s = plan(t, "ibrida");
    String id = s.getString("id");
    String last = s.getJsonArray("agenda").getJsonObject(2).getString("id");
    JsonObject moved = ok(200, "coordinatore", "PUT", "/api/sedute/" + id + "/agenda/" + last,
        new JsonObject().put("title", "Varie ed eventuali").put("position", 0));
    assertEquals(last, moved.getJsonArray("agenda").getJsonObject(0).getString("id"));
    assertEquals(1, moved.getJsonArray("agenda").getJsonObject(1).getInteger("position"));
    JsonObject added = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/agenda", new JsonObject().put("title", "Monitoraggio").put("position", 1));
    assertEquals("Monitoraggio", added.getJsonArray("agenda").getJsonObject(1).getString("title"));
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/agenda/" + last + "/decisions", new JsonObject().put("text", "Nessuna."));
    refused(409, "item_has_decisions", "coordinatore", "DELETE", "/api/sedute/" + id + "/agenda/" + last, null);
    JsonObject current = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/current",
        new JsonObject().put("itemId", added.getJsonArray("agenda").getJsonObject(1).getString("id")));
    JsonObject deleted = ok(200, "coordinatore", "DELETE", "/api/sedute/" + id + "/agenda/" + current.getString("currentItem"), null);
    assertNull(deleted.getString("currentItem"), "deleting the item in discussion leaves none in discussion");
    assertEquals(3, deleted.getJsonArray("agenda").size());
    HttpResponse<String> none = Http.call("coordinatore", "POST", "/api/sedute/" + id + "/current", new JsonObject().put("itemId", UUID.randomUUID().toString()));
    assertEquals(404, none.statusCode());
    assertFalse(deleted.getJsonArray("agenda").isEmpty());
  }
}
