package it.tavolo.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Issue 15: the confirmations table of a consolidated version, as a PDF/A and an ODT. It shows
 * who has confirmed; the version's own files, stored at consolidation, stay byte-identical.
 * Figures of the demo budget (seed 002).
 */
class ConfirmationsExportTest {
  private static HttpResponse<byte[]> get(String token, String path) {
    try {
      return TestServer.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + path))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replaceAll("\\s*\\n\\s*", " ");
    }
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void theTableShowsEachPartnersFiguresAndStatusAndAConfirmationChangesItButNotTheVersionsFiles() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String coord = Api.login("coordinatore@demo.tavolo");
    String sara = Api.login("ets1@demo.tavolo");
    String observer = Api.login("osservatore@demo.tavolo");
    JsonObject v = Api.ok(Api.call("POST", "/api/documents/" + doc + "/versions", coord,
        new JsonObject().put("name", "Per la determina").put("consolidate", true).encode()), 201);
    String base = "/api/documents/" + doc + "/versions/1/";
    List<String> files = List.of("export.pdf", "export.odt", "budget.csv");
    String[] before = new String[files.size()];
    for (int i = 0; i < files.size(); i++) before[i] = sha(get(coord, base + files.get(i)).body());

    HttpResponse<byte[]> none = get(observer, base + "confirmations.pdf");
    assertEquals(200, none.statusCode(), new String(none.body(), StandardCharsets.UTF_8));
    assertEquals("application/pdf", none.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(none.headers().firstValue("Content-Disposition").orElseThrow().contains("conferme-v1.pdf"));
    assertEquals(sha(none.body()), none.headers().firstValue("X-Content-SHA256").orElseThrow());
    assertTrue(none.headers().firstValue("X-Tavolo-Draft").isEmpty());
    assertArrayEquals(none.body(), get(coord, base + "confirmations.pdf").body(), "the same confirmations, the same bytes");
    String unconfirmed = text(none.body());
    assertTrue(unconfirmed.contains(v.getString("sha256")), unconfirmed);
    assertEquals(5, unconfirmed.split("non confermato", -1).length - 1, "five contributors, none confirmed: " + unconfirmed);

    Api.ok(Api.call("POST", base + "confirmations", sara, "{}"), 200);

    HttpResponse<byte[]> after = get(observer, base + "confirmations.pdf");
    assertEquals(200, after.statusCode());
    assertNotEquals(sha(none.body()), sha(after.body()), "a confirmation changes the table");
    String text = text(after.body());
    for (String expected : List.of("Conferme dei contributi", "Versione 1 «Per la determina»", v.getString("sha256"),
        DemoSeed.SDS.name(), "€ 308.716,54", "€ 51.726,00", "€ 360.442,54", DemoSeed.COOPERATIVA.name(),
        "€ 42.500,00 € 0,00 € 42.500,00 confermato Sara Innocenti, ", DemoSeed.CONSORZIO.name(), "€ 438.939,17",
        "non confermato")) {
      assertTrue(text.contains(expected), "missing \"" + expected + "\" in:\n" + text);
    }
    assertEquals(List.of(), VeraPdf.failedRules(after.body(), PDFAFlavour.PDFA_2_A), "veraPDF PDF/A-2a");
    assertEquals(List.of(), VeraPdf.failedRules(after.body(), PDFAFlavour.PDFUA_1), "veraPDF PDF/UA-1");

    for (int i = 0; i < files.size(); i++) {
      assertEquals(before[i], sha(get(observer, base + files.get(i)).body()), files.get(i) + " of the version is unchanged");
    }

    // the draft's export ends with the same table, for the latest consolidated version
    HttpResponse<byte[]> draft = get(observer, "/api/documents/" + doc + "/export.pdf");
    assertEquals(200, draft.statusCode());
    String draftText = text(draft.body());
    assertTrue(draftText.contains("Conferme dei contributi all'ultima versione consolidata Versione n. 1") && draftText.contains(
        DemoSeed.COOPERATIVA.name() + " € 42.500,00 € 0,00 € 42.500,00 confermato Sara Innocenti, "), draftText);

    HttpResponse<byte[]> odt = get(observer, base + "confirmations.odt");
    assertEquals(200, odt.statusCode());
    assertEquals(OdtExport.MIMETYPE, odt.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(odt.body(), get(coord, base + "confirmations.odt").body(), "the ODT is deterministic too");
    String content = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(odt.body()))) {
      assertEquals("mimetype", zip.getNextEntry().getName());
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("content.xml")) content = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    assertTrue(content.contains(DemoSeed.COOPERATIVA.name()) && content.contains("€ 42.500,00")
        && content.contains("Sara Innocenti"), content);

    // a member removed from the tavolo gets the same answer as for no document at all
    Api.ok(Api.call("DELETE", "/api/tavoli/" + t.id() + "/members/" + DemoSeed.ETS2.id(), coord, null), 204);
    HttpResponse<byte[]> stranger = get(Api.login("ets2@demo.tavolo"), base + "confirmations.pdf");
    assertEquals(404, stranger.statusCode());
    assertEquals("not_found", new JsonObject(new String(stranger.body(), StandardCharsets.UTF_8)).getString("code"));
  }

  @Test
  void aConfirmationByTheCapofilaNamesTheGroupingItWentThrough() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    UUID doc = t.documentId();
    String coord = Api.login("coordinatore@demo.tavolo");
    String groupings = "/api/tavoli/" + t.id() + "/groupings";
    String id = Api.ok(Api.call("POST", groupings, coord, new JsonObject().put("kind", "ATI").put("name", "ATI Colline Pistoiesi")
        .put("capofila", DemoSeed.CONSORZIO.id().toString())
        .put("members", new io.vertx.core.json.JsonArray().add(DemoSeed.COOPERATIVA.id().toString())).encode()), 201).getString("id");
    Api.ok(Api.call("POST", "/api/documents/" + doc + "/versions", coord,
        new JsonObject().put("name", "v1").put("consolidate", true).encode()), 201);
    Api.ok(Api.call("POST", groupings + "/" + id + "/delegation", Api.login("ets1@demo.tavolo"), "{}"), 200);
    Api.ok(Api.call("POST", "/api/documents/" + doc + "/versions/1/confirmations", Api.login("ets2@demo.tavolo"),
        new JsonObject().put("organisation", DemoSeed.COOPERATIVA.id().toString()).encode()), 200);

    HttpResponse<byte[]> pdf = get(coord, "/api/documents/" + doc + "/versions/1/confirmations.pdf");
    assertEquals(200, pdf.statusCode());
    String text = text(pdf.body()).replaceAll("\\s+", "");
    for (String expected : List.of("Luca Bartolini", "tramite «ATI Colline Pistoiesi» (capofila " + DemoSeed.CONSORZIO.name() + ")")) {
      assertTrue(text.contains(expected.replaceAll("\\s+", "")), "missing \"" + expected + "\" in:\n" + text);
    }
  }

  @Test
  void aVersionNotConsolidatedHasNoConfirmationsTable() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/versions", coord,
        new JsonObject().put("name", "bozza").encode()), 201);
    HttpResponse<byte[]> r = get(coord, "/api/documents/" + t.documentId() + "/versions/1/confirmations.pdf");
    assertEquals(409, r.statusCode());
    assertEquals("not_consolidated", new JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getString("code"));
  }
}
