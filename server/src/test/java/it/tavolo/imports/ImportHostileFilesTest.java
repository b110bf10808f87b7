package it.tavolo.imports;

import it.tavolo.core.Refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files made to hurt the server, or merely wrong: each is refused with its stable code, and nothing is created. */
class ImportHostileFilesTest {
  private static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
  private static TestServer.Tavolo tavolo;
  private static String coord;

  @BeforeAll
  static void tavolo() {
    tavolo = TestServer.freshTavolo();
    coord = Api.login("coordinatore@demo.tavolo");
  }

  private static HttpResponse<String> upload(String token, String name, byte[] file) {
    return ImportTestAccess.upload(tavolo, token, name, file);
  }

  private static long created() throws Exception {
    return TestServer.pool().preparedQuery("select (select count(*) from documents where tavolo_id = $1) "
            + "+ (select count(*) from document_imports i join documents d on d.id = i.doc_id where d.tavolo_id = $1) as n")
        .execute(Tuple.of(tavolo.id())).await(30, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  private static void refused(int status, String code, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(code, new JsonObject(r.body()).getString("code"), r.body());
  }

  @Test
  void aZipBombIsRefusedWhileUnpackingAndCreatesNothing() throws Exception {
    long before = created();
    byte[] bomb = TestFiles.zipBomb(300); // 300 MB of zeros in about 300 KB
    assertTrue(bomb.length < 1 << 20, bomb.length + " bytes");
    refused(413, "import_too_large", upload(coord, "bozza.docx", bomb));
    assertEquals(before, created());
  }

  @Test
  void anExternalEntityInAnOdtOrADocxIsRefusedAndNeverResolved() throws Exception {
    long before = created();
    HttpResponse<String> odt = upload(coord, "bozza.odt", TestFiles.odtWithContent(XXE
        + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
        + "<text:h text:outline-level=\"1\">&x;</text:h></office:text></office:body></office:document-content>"));
    refused(422, "import_refused", odt);
    assertTrue(!odt.body().contains("root:"), "the entity was not resolved");
    byte[] docx = TestFiles.zip(List.of(
        new TestFiles.Part("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8), false),
        new TestFiles.Part("word/document.xml", (XXE + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
            + "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
            .getBytes(StandardCharsets.UTF_8), false)));
    refused(422, "import_refused", upload(coord, "bozza.docx", docx));
    assertEquals(before, created());
  }

  @Test
  void aFileOfAnotherTypeRenamedIsRefused() throws Exception {
    long before = created();
    byte[] pdf = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    refused(415, "import_unsupported_type", upload(coord, "bozza.docx", pdf));
    refused(415, "import_unsupported_type", upload(coord, "bozza.docx", TestFiles.odt(ImportTest.DRAFT)));
    refused(415, "import_unsupported_type", upload(coord, "bozza.pdf", TestFiles.docx(ImportTest.DRAFT)));
    byte[] jar = TestFiles.zip(List.of(new TestFiles.Part("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(), false)));
    refused(415, "import_unsupported_type", upload(coord, "bozza.docx", jar));
    byte[] truncated = java.util.Arrays.copyOf(TestFiles.docx(ImportTest.DRAFT), 600);
    HttpResponse<String> broken = upload(coord, "bozza.docx", truncated);
    assertTrue(List.of("import_unreadable", "import_unsupported_type").contains(new JsonObject(broken.body()).getString("code")), broken.body());
    assertEquals(before, created());
  }

  @Test
  void aFileOf500MegabytesIsRefusedBeforeItIsRead() throws Exception {
    long before = created();
    long size = 500L << 20;
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + "/api/tavoli/"
            + tavolo.id() + "/imports?file=grande.docx"))
        .header("Authorization", "Bearer " + coord)
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
          private long left = size;

          @Override
          public int read() {
            return left-- > 0 ? 0 : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            left -= n;
            return n;
          }
        }), size)).build();
    long start = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = TestServer.http().send(req, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      r = null; // the server answered and closed while the client was still sending: refused all the same
    }
    if (r != null) refused(413, "too_large", r);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "refused without reading 500 MB");
    assertEquals(before, created());
  }

  @Test
  void onlyACoordinatorImports() throws Exception {
    long before = created();
    refused(403, "forbidden", upload(Api.login("ets1@demo.tavolo"), "bozza.docx", TestFiles.docx(ImportTest.DRAFT)));
    assertEquals(before, created());
  }

  @Test
  void readingAFileOnAnEventLoopIsRefusedSoParsingCanNeverStallOne() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
      vertx.runOnContext(v -> {
        try {
          ImportService.read("a.docx", null, TestFiles.docx(ImportTest.DRAFT), ImportSettings.from(Map.of()));
          failure.complete(null);
        } catch (Throwable e) {
          failure.complete(e);
        }
      });
      Throwable e = failure.get(30, TimeUnit.SECONDS);
      assertTrue(e instanceof IllegalStateException, String.valueOf(e));
      // on a worker thread, as the routes run it, the same file reads
      assertEquals("a", vertx.executeBlocking(() -> ImportService.read("a.docx", null, TestFiles.docx(ImportTest.DRAFT),
          ImportSettings.from(Map.of())).title()).await(30, TimeUnit.SECONDS));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theLimitsAreSettingsAndEachOneHolds() {
    ImportSettings small = ImportSettings.from(Map.of("TAVOLO_IMPORT_MAX_BYTES", "2000", "TAVOLO_IMPORT_MAX_UNPACKED_BYTES", "5000",
        "TAVOLO_IMPORT_MAX_ENTRIES", "3", "TAVOLO_IMPORT_MAX_RATIO", "2"));
    assertEquals(new ImportSettings(2000, 5000, 3, 2), small);
    assertEquals(new ImportSettings(20L << 20, 100L << 20, 2000, 100), ImportSettings.from(Map.of()));
    byte[] docx = TestFiles.docx(ImportTest.DRAFT);
    Refusal big = assertThrows(Refusal.class, () -> ImportService.read("a.docx", null, docx, small));
    assertEquals("import_too_large", big.code());
    ImportSettings fewParts = new ImportSettings(1 << 20, 100 << 20, 3, 100);
    assertEquals("import_too_large", assertThrows(Refusal.class, () -> ImportService.read("a.docx", null, docx, fewParts)).code());
    assertThrows(it.tavolo.config.ConfigException.class, () -> ImportSettings.from(Map.of("TAVOLO_IMPORT_MAX_BYTES", "molti")));
  }
}
