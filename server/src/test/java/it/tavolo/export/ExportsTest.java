package it.tavolo.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** A consolidated version of the demo draft, downloaded and read back as a PA would open it. */
class ExportsTest {
  private static TestServer.Tavolo tavolo;
  private static String coord;
  private static String sara;

  @BeforeAll
  static void consolidatedVersionWithOneAcceptedIntegration() throws Exception {
    tavolo = TestServer.freshTavolo();
    coord = Api.login("coordinatore@demo.tavolo");
    sara = Api.login("ets1@demo.tavolo");
    UUID doc = tavolo.documentId();
    // the demo's ATI of the four ETS partners (issue 15), the Consorzio its capofila: its totals are printed
    Api.ok(Api.call("POST", "/api/tavoli/" + tavolo.id() + "/groupings", coord, new JsonObject().put("kind", "ATI")
        .put("name", DemoSeed.GROUPING_NAME).put("capofila", DemoSeed.CONSORZIO.id().toString())
        .put("members", new JsonArray().add(DemoSeed.COOPERATIVA.id().toString()).add(DemoSeed.ODV.id().toString())
            .add(DemoSeed.CURIA.id().toString())).encode()), 201);
    JsonObject p = Api.ok(Api.call("POST", "/api/documents/" + doc + "/integrations", sara, new JsonObject()
        .put("baseSeq", 1).put("rationale", "Il titolo dice meglio che cosa facciamo; tra virgolette \"doppie\"; e =SOMMA(1)")
        .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "activities").put("id", "act-4")
            .put("field", "title").put("value", "Centro di ascolto e orientamento per le famiglie"))
            // the same amount again: the annex names the budget line it touched, the totals stay
            .add(new JsonObject().put("op", "set").put("coll", "budget").put("id", "bud-6")
                .put("field", "amount").put("value", 3800000)))
        .encode()), 201);
    Api.ok(Api.call("POST", "/api/documents/" + doc + "/integrations/" + p.getString("id") + "/accept", coord, "{}"), 200);
    JsonObject v = Api.ok(Api.call("POST", "/api/documents/" + doc + "/versions", coord,
        new JsonObject().put("name", "Per la determina").put("consolidate", true).encode()), 201);
    assertEquals(1, v.getInteger("number"));
    // consolidating rendered and stored the files: every download is then a read
    var stored = TestServer.pool().preparedQuery("select format from version_exports where doc_id = $1 "
            + "and version_number = 1 order by format").execute(io.vertx.sqlclient.Tuple.of(doc))
        .await(30, java.util.concurrent.TimeUnit.SECONDS);
    List<String> formats = new ArrayList<>();
    stored.forEach(row -> formats.add(row.getString("format")));
    assertEquals(List.of("csv", "odt", "pdf"), formats);
  }

  private static HttpResponse<byte[]> download(String token, String what) {
    return get(token, "/api/documents/" + tavolo.documentId() + "/versions/1/" + what);
  }

  private static HttpResponse<byte[]> get(String token, String path) {
    try {
      return TestServer.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + path))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertFiledContent(String text) {
    for (String expected : List.of(
        "Progetto SIA — bozza", "Analisi del bisogno", "Monitoraggio e valutazione", "Obiettivo generale",
        "Obiettivo specifico", "Centro di ascolto e orientamento per le famiglie", "Piano economico",
        "€ 308.716,54", "€ 51.726,00", "€ 438.939,17", "Cofinanziamento ETS: € 78.496,63 (17,88 %)",
        // issue 15: the totals per annualità and territorio, and the cronoprogramma (Oct 2017 - Sep 2019)
        "Totali per annualità", "1ª annualità", "2ª annualità", "Totali per territorio", "Zona Pistoiese",
        "Montagna Pistoiese", "Cronoprogramma 2017", "Cronoprogramma 2018", "Cronoprogramma 2019",
        // and per grouping: the demo ATI of the ETS partners, its members summing to the co-financing
        "Totali per raggruppamento", "ATI Colline Pistoiesi",
        "Allegato — Integrazioni accolte", "Sara Innocenti", "Cooperativa sociale Il Ponte", "Giulia Bianchi",
        // the annex names what was touched as the reader knows it: titles (a budget line's description), Italian fields
        "attività «Centro di ascolto e orientamento per le famiglie» (titolo), "
            + "voce di budget «Coach e educatori della cooperativa» (importo)")) {
      assertTrue(text.contains(expected), "missing \"" + expected + "\" in:\n" + text);
    }
    for (String internal : List.of("act-4", "bud-6", "(title)", "(amount)")) {
      assertFalse(text.contains(internal), "internal name \"" + internal + "\" in:\n" + text);
    }
    assertFalse(Pattern.compile("(?i)\\bseq\\b").matcher(text).find(), "no seq on the page:\n" + text);
    // the test tavolo's title holds its id (TestServer.freshTavolo): a title, not an id the server printed
    Matcher uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .matcher(text.replace("Tavolo di prova " + tavolo.id(), ""));
    assertFalse(uuid.find(), "no id on the page: " + (uuid.hitEnd() ? "" : uuid.group()));
  }

  /**
   * Reads the PDF line by line as laid out: every amount, date and percentage is whole on its
   * line (a figure cut by the wrap would leave "€ 308.7" on one line and "16,54" on the next).
   */
  private static void assertFiguresNeverWrap(byte[] pdf) throws IOException {
    String text;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      text = stripper.getText(doc).replace('\u00a0', ' ');
    }
    Pattern money = Pattern.compile("€ ?(\\S*)");
    Pattern date = Pattern.compile("(?<![\\d/])\\d{2}/[\\d/]*"); // "n. 3/2016" is a reference, not a date
    int amounts = 0;
    int dates = 0;
    for (String line : text.split("\n")) {
      for (Matcher m = money.matcher(line); m.find(); amounts++) {
        assertTrue(m.group(1).matches("-?\\d{1,3}(\\.\\d{3})*,\\d{2}\\)?"), "an amount cut on the line: " + line);
      }
      for (Matcher m = date.matcher(line); m.find(); dates++) {
        assertTrue(m.group().matches("\\d{2}/\\d{2}/\\d{4}"), "a date cut on the line: " + line);
      }
    }
    assertTrue(amounts >= 30, amounts + " amounts in:\n" + text);
    assertTrue(dates >= 8, dates + " dates in:\n" + text);
    assertTrue(text.contains("Cofinanziamento ETS: € 78.496,63 (17,88 %)"), text);
  }

  /**
   * PDF/A-2b; PDF/A-2a too, the level that requires a tagged logical structure and Unicode
   * text; and the machine-checkable rules of PDF/UA-1 (accessibility).
   */
  private static void assertPdfA2b(byte[] pdf) {
    assertEquals(List.of(), VeraPdf.failedRules(pdf, PDFAFlavour.PDFA_2_B), "veraPDF PDF/A-2b: failed rules");
    assertEquals(List.of(), VeraPdf.failedRules(pdf, PDFAFlavour.PDFA_2_A), "veraPDF PDF/A-2a (tagged): failed rules");
    assertEquals(List.of(), VeraPdf.failedRules(pdf, PDFAFlavour.PDFUA_1), "veraPDF PDF/UA-1: failed rules");
  }

  @Test
  void everyFieldOfTheSchemaHasAnItalianNameForTheAnnex() {
    for (it.tavolo.core.model.CollectionDef c : it.tavolo.core.model.Schema.collections()) {
      for (it.tavolo.core.model.FieldDef f : c.fields()) {
        assertNotEquals(f.name(), Italian.field(c.name(), f.name()), c.name() + "." + f.name());
      }
    }
  }

  @Test
  void thePdfIsPdfAWithSectionsBudgetTotalsAndTheIntegrationsAnnex() throws IOException {
    HttpResponse<byte[]> r = download(coord, "export.pdf");
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    String keep = System.getProperty("tavolo.exportDir"); // to look at the files: -Dtavolo.exportDir=/tmp/x
    if (keep != null) {
      java.nio.file.Files.write(java.nio.file.Path.of(keep, "progetto-v1.pdf"), r.body());
      java.nio.file.Files.write(java.nio.file.Path.of(keep, "progetto-v1.odt"), download(coord, "export.odt").body());
    }
    assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElseThrow());
    assertPdfA2b(r.body());
    assertFiguresNeverWrap(r.body());
    assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().contains("progetto-v1.pdf"));
    try (PDDocument pdf = Loader.loadPDF(r.body())) {
      String text = new PDFTextStripper().getText(pdf).replace('\u00a0', ' ');
      // the stripper may break a long line anywhere: compare without line breaks
      assertFiledContent(text.replaceAll("\\s*\\n\\s*", " "));
      assertTrue(text.contains("Per la determina"), "the version's name");
      String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\""), xmp);
      assertEquals(1, pdf.getDocumentCatalog().getOutputIntents().size());
      pdf.getPages().forEach(page -> page.getResources().getFontNames().forEach(name -> {
        try {
          assertTrue(page.getResources().getFont(name).isEmbedded(), "font " + name + " is embedded");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
  }

  @Test
  void aConsolidatedVersionIsExportedOnceAndEveryDownloadIsByteIdentical() throws Exception {
    for (String what : List.of("export.pdf", "export.odt", "budget.csv")) {
      HttpResponse<byte[]> first = download(coord, what);
      HttpResponse<byte[]> second = download(Api.login("osservatore@demo.tavolo"), what);
      assertEquals(200, first.statusCode());
      assertEquals(200, second.statusCode());
      assertArrayEquals(first.body(), second.body(), what + ": the second download gives the same bytes");
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.body()));
      assertEquals(sha, first.headers().firstValue("X-Content-SHA256").orElseThrow(), what);
      assertEquals(sha, second.headers().firstValue("X-Content-SHA256").orElseThrow(), what);
      assertTrue(first.headers().firstValue("X-Tavolo-Draft").isEmpty(), what + " of a consolidated version is no draft");
    }
  }

  @Test
  void theHeadExportsAsADraftMarkedOnEveryPageAndIsNotStored() throws Exception {
    HttpResponse<byte[]> r = get(sara, "/api/documents/" + tavolo.documentId() + "/export.pdf");
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("true", r.headers().firstValue("X-Tavolo-Draft").orElseThrow());
    assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().contains("progetto-bozza.pdf"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())),
        r.headers().firstValue("X-Content-SHA256").orElseThrow());
    assertPdfA2b(r.body());
    try (PDDocument pdf = Loader.loadPDF(r.body())) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        assertTrue(stripper.getText(pdf).contains("BOZZA non registrata"), "page " + page + " says it is a draft");
      }
      stripper.setStartPage(1);
      stripper.setEndPage(Integer.MAX_VALUE);
      String text = stripper.getText(pdf).replace('\u00a0', ' ').replaceAll("\\s*\\n\\s*", " ");
      assertTrue(text.startsWith("BOZZA — NON È UNA VERSIONE REGISTRATA DEL DOCUMENTO"), text);
      assertFiledContent(text); // nothing changed after version 1: the same content
      assertFalse(text.contains("Per la determina"), "the head names no version");
    }
    HttpResponse<byte[]> odt = get(sara, "/api/documents/" + tavolo.documentId() + "/export.odt");
    assertEquals(200, odt.statusCode());
    assertEquals("true", odt.headers().firstValue("X-Tavolo-Draft").orElseThrow());
  }

  @Test
  void theOdtIsAValidOpenDocumentWithTheSameContent() throws Exception {
    HttpResponse<byte[]> r = download(sara, "export.odt");
    assertEquals(200, r.statusCode());
    String content = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
      ZipEntry first = zip.getNextEntry();
      assertEquals("mimetype", first.getName());
      assertEquals(ZipEntry.STORED, first.getMethod());
      assertEquals(OdtExport.MIMETYPE, new String(zip.readAllBytes(), StandardCharsets.US_ASCII));
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("content.xml")) content = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    var paragraphs = dom.getElementsByTagNameNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "p");
    var headings = dom.getElementsByTagNameNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "h");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headings.getLength(); i++) text.append(headings.item(i).getTextContent()).append('\n');
    for (int i = 0; i < paragraphs.getLength(); i++) text.append(paragraphs.item(i).getTextContent()).append('\n');
    assertFiledContent(text.toString());
    assertTrue(text.toString().contains("Per la determina"), "the version's name");
    assertTrue(text.toString().contains("tra virgolette \"doppie\""), "user text is escaped, not dropped");
  }

  @Test
  void theBudgetCsvFollowsTheItalianConventionAndParsesBackToTheCents() {
    HttpResponse<byte[]> r = download(sara, "budget.csv");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    byte[] b = r.body();
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(b[0], b[1], b[2]), "UTF-8 byte-order mark");
    String csv = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    for (String line : csv.split("\r\n")) rows.add(parse(line));
    assertEquals(List.of("Contributore", "Lato", "Natura", "Categoria", "Descrizione", "Attività", "Importo (€)",
        "Annualità", "Territorio"), rows.get(0));
    assertEquals(List.of("1ª annualità", "Zona Pistoiese"), rows.get(1).subList(7, 9));
    assertEquals(List.of(DemoSeed.SDS.name(), "PA", "monetaria", "Personale"), rows.get(1).subList(0, 4));
    assertEquals("165300,00", rows.get(1).get(6));
    long sum = 0;
    for (int i = 1; i <= 11; i++) sum += cents(rows.get(i).get(6));
    assertEquals(43893917L, sum);
    List<String> total = rows.stream().filter(x -> x.size() > 4 && x.get(4).equals("Totale complessivo")).findFirst().orElseThrow();
    assertEquals("438939,17", total.get(6));
    List<String> share = rows.stream().filter(x -> x.size() > 4 && x.get(4).startsWith("Quota")).findFirst().orElseThrow();
    assertEquals("17,88", share.get(6));
    // per annualità: the years add up to the whole, and so does the co-financing (€ 78.496,63)
    int at = rows.indexOf(rows.stream().filter(x -> x.get(0).equals("Totali per annualità")).findFirst().orElseThrow());
    assertEquals(List.of("1ª annualità", "2ª annualità"), List.of(rows.get(at + 1).get(0), rows.get(at + 2).get(0)));
    assertEquals(43893917L, cents(rows.get(at + 1).get(3)) + cents(rows.get(at + 2).get(3)));
    assertEquals(7849663L, cents(rows.get(at + 1).get(4)) + cents(rows.get(at + 2).get(4)));
    assertTrue(rows.stream().anyMatch(x -> x.get(0).equals("Totali per contributore")), "per contributor");
    assertTrue(rows.stream().anyMatch(x -> x.get(0).equals("Totali per territorio")), "per territorio");
    // per grouping (issue 15): the demo's ATI of the four ETS partners, the Consorzio its capofila
    int g = rows.indexOf(rows.stream().filter(x -> x.get(0).equals("Totali per raggruppamento")).findFirst().orElseThrow());
    assertEquals(DemoSeed.GROUPING_NAME, rows.get(g + 1).get(0));
    assertEquals(DemoSeed.CONSORZIO.name(), rows.get(g + 1).get(1));
    assertEquals("78496,63", rows.get(g + 1).get(5));
  }

  @Test
  void exportsAreForMembersOnly() {
    assertEquals(200, download(Api.login("osservatore@demo.tavolo"), "budget.csv").statusCode());
    Api.ok(Api.call("DELETE", "/api/tavoli/" + tavolo.id() + "/members/" + DemoSeed.ETS2.id(), coord, null), 204);
    HttpResponse<byte[]> stranger = download(Api.login("ets2@demo.tavolo"), "export.pdf");
    assertEquals(404, stranger.statusCode());
    assertEquals("not_found", new JsonObject(new String(stranger.body(), StandardCharsets.UTF_8)).getString("code"));
    assertEquals(404, download(coord, "export.docx").statusCode());
  }

  private static long cents(String it) {
    return Long.parseLong(it.replace(",", ""));
  }

  /** One CSV line with ';' separators and "" quoting. */
  private static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ';') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
