package it.tavolo.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 17's import, through the real server and database: a Word or OpenDocument draft becomes a new document. */
class ImportTest {
  static final List<String> DRAFT = List.of(
      "Testo prima del primo titolo.",
      "#1 Analisi del bisogno",
      "Nella Zona Pistoiese cresce il numero di nuclei familiari in condizione di povertà.",
      "- famiglie con figli minori",
      "- adulti lontani dal mercato del lavoro",
      "#3 Il contesto", // deeper than level 2: a line of the text above, not a section
      "| Indicatore | 2016 | 2017",
      "| Nuclei seguiti | 120 | 184",
      "#1 Obiettivo generale: inclusione attiva delle famiglie",
      "Sostenere i nuclei familiari beneficiari.",
      "#1 Obiettivo specifico 1 – Attivazione lavorativa",
      "Percorsi con il Centro per l'Impiego.",
      "#1 Attività 1 – Centro di ascolto e orientamento",
      "Uno sportello aperto tre giorni alla settimana.");

  private static TestServer.Tavolo tavolo;
  private static String coord;

  @BeforeAll
  static void tavolo() {
    tavolo = TestServer.freshTavolo();
    coord = Api.login("coordinatore@demo.tavolo");
  }

  static HttpResponse<String> upload(String path, String token, String fileName, String title, byte[] file) {
    String q = "?file=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)
        + (title == null ? "" : "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8));
    try {
      return TestServer.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port()
              + "/api/tavoli/" + tavolo.id() + path + q))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document's content as stored: its op log replayed, as every reader of the draft gets it. */
  static DocumentState stored(UUID doc) throws Exception {
    var rows = TestServer.pool().preparedQuery("select seq, ops::text as ops from op_log where doc_id = $1 order by seq")
        .execute(Tuple.of(doc)).await(30, TimeUnit.SECONDS);
    DocumentState s = new DocumentState();
    for (Row r : rows) OpApplier.applyAll(s, OpCodec.decodeBatch(r.getString("ops")), "x", r.getLong("seq"));
    return s;
  }

  private static List<String> titles(DocumentState s, String coll) {
    List<String> ids = new ArrayList<>(s.ids(coll));
    ids.sort((a, b) -> ((String) s.value(coll, a, "order")).compareTo((String) s.value(coll, b, "order")));
    List<String> out = new ArrayList<>();
    for (String id : ids) out.add((String) s.value(coll, id, "title"));
    return out;
  }

  private static String text(DocumentState s, String coll, String title, String field) {
    for (String id : s.ids(coll)) if (title.equals(s.value(coll, id, "title"))) return s.textView(coll, id, field).toString();
    throw new AssertionError("no " + coll + " titled " + title + ": " + titles(s, coll));
  }

  private static long documents() throws Exception {
    return TestServer.pool().preparedQuery("select count(*) as n from documents where tavolo_id = $1")
        .execute(Tuple.of(tavolo.id())).await(30, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  void aWordDraftPreviewsThenBecomesANewDocumentInOneBatchByTheImporter() throws Exception {
    byte[] docx = TestFiles.docx(DRAFT);
    long before = documents();
    JsonObject preview = Api.ok(upload("/imports/preview", coord, "Bozza SIA.docx", null, docx), 200);
    assertEquals(before, documents(), "a preview creates nothing");
    assertEquals("Bozza SIA", preview.getString("title"));
    assertEquals("docx", preview.getString("format"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(docx)), preview.getString("sha256"));
    assertEquals(List.of("Premessa", "Analisi del bisogno"), preview.getJsonArray("sections").stream()
        .map(o -> ((JsonObject) o).getString("title")).toList());
    assertEquals(new JsonArray().add(new JsonObject().put("title", "inclusione attiva delle famiglie").put("kind", "generale"))
            .add(new JsonObject().put("title", "Attivazione lavorativa").put("kind", "specifico")),
        new JsonArray(preview.getJsonArray("objectives").stream().map(o -> ((JsonObject) o).copy()).peek(o -> o.remove("characters")).toList()));
    assertEquals("Centro di ascolto e orientamento", preview.getJsonArray("activities").getJsonObject(0).getString("title"));
    assertEquals(1, preview.getInteger("tables"));

    JsonObject created = Api.ok(upload("/imports", coord, "Bozza SIA.docx", "Proposta importata", docx), 201);
    UUID doc = UUID.fromString(created.getString("id"));
    assertEquals("Proposta importata", created.getString("title"));
    assertEquals(before + 1, documents());
    DocumentState s = stored(doc);
    assertEquals(List.of("Premessa", "Analisi del bisogno"), titles(s, "sections"));
    assertEquals("Nella Zona Pistoiese cresce il numero di nuclei familiari in condizione di povertà.\n"
        + "- famiglie con figli minori\n- adulti lontani dal mercato del lavoro\nIl contesto\n"
        + "Indicatore | 2016 | 2017\nNuclei seguiti | 120 | 184", text(s, "sections", "Analisi del bisogno", "body"));
    assertEquals("Testo prima del primo titolo.", text(s, "sections", "Premessa", "body"));
    assertEquals("Percorsi con il Centro per l'Impiego.", text(s, "objectives", "Attivazione lavorativa", "description"));
    String general = s.ids("objectives").stream().filter(id -> "generale".equals(s.value("objectives", id, "kind"))).findFirst().orElseThrow();
    String specific = s.ids("objectives").stream().filter(id -> "specifico".equals(s.value("objectives", id, "kind"))).findFirst().orElseThrow();
    assertEquals(general, s.value("objectives", specific, "parent"));
    String activity = s.ids("activities").get(0);
    assertEquals(specific, s.value("activities", activity, "objective"));

    // one batch, authored by the importer; the file's name and SHA-256 are its provenance, and in the audit trail
    Row log = TestServer.pool().preparedQuery("select count(*) over () as batches, author, client_id from op_log where doc_id = $1")
        .execute(Tuple.of(doc)).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals(1L, log.getLong("batches"));
    assertEquals(DemoSeed.COORDINATOR.id(), log.getUUID("author"));
    assertEquals("import", log.getString("client_id"));
    Row provenance = TestServer.pool().preparedQuery("select file_name, sha256, imported_by from document_imports where doc_id = $1")
        .execute(Tuple.of(doc)).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals("Bozza SIA.docx", provenance.getString("file_name"));
    assertEquals(preview.getString("sha256"), provenance.getString("sha256"));
    JsonArray audit = new JsonArray(Api.call("GET", "/api/tavoli/" + tavolo.id() + "/audit?order=desc&limit=1", coord, null).body());
    JsonObject event = audit.getJsonObject(0);
    assertEquals("document_imported", event.getString("action"), event.encode());
    assertTrue(event.encode().contains(preview.getString("sha256")), event.encode());
    assertEquals(created.getJsonObject("import").getString("sha256"), preview.getString("sha256"));
  }

  @Test
  void aFileOverTheGeneralOneMegabyteBodyLimitIsImportedUnderItsOwnLimit() throws Exception {
    // random words barely compress: about 2 MB of .docx, over the 1 MiB every other body is held to
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    List<String> lines = new ArrayList<>();
    for (int section = 1; section <= 40; section++) {
      lines.add("#1 Capitolo " + section);
      for (int p = 0; p < 60; p++) {
        StringBuilder words = new StringBuilder();
        while (words.length() < 1000) {
          for (int c = 3 + random.nextInt(8); c > 0; c--) words.append((char) ('a' + random.nextInt(26)));
          words.append(' ');
        }
        lines.add(words.toString().strip());
      }
    }
    byte[] docx = TestFiles.docx(lines);
    assertTrue(docx.length > 1_200_000, docx.length + " bytes");
    JsonObject created = Api.ok(upload("/imports", coord, "grande.docx", null, docx), 201);
    assertEquals(40, stored(UUID.fromString(created.getString("id"))).ids("sections").size());
  }

  @Test
  void anOpenDocumentDraftGivesTheSameSectionsObjectivesAndActivities() throws Exception {
    JsonObject created = Api.ok(upload("/imports", coord, "bozza.odt", null, TestFiles.odt(DRAFT)), 201);
    DocumentState s = stored(UUID.fromString(created.getString("id")));
    assertEquals("bozza", created.getString("title"));
    assertEquals(List.of("Premessa", "Analisi del bisogno"), titles(s, "sections"));
    assertEquals(List.of("inclusione attiva delle famiglie", "Attivazione lavorativa"), titles(s, "objectives"));
    assertEquals(List.of("Centro di ascolto e orientamento"), titles(s, "activities"));
    assertTrue(text(s, "sections", "Analisi del bisogno", "body").endsWith("Nuclei seguiti | 120 | 184"));
    assertTrue(text(s, "sections", "Analisi del bisogno", "body").contains("- adulti lontani dal mercato del lavoro"));
  }

  @Test
  void theSeedProposalAsAWordFileKeepsItsChaptersObjectivesActivitiesAndTables() throws Exception {
    byte[] file;
    try (InputStream in = ImportTest.class.getResourceAsStream(SeedDocument.RESOURCE)) {
      file = in.readAllBytes();
    }
    JsonObject created = Api.ok(upload("/imports", coord, "proposta-sia-pistoiese.docx", null, file), 201);
    DocumentState s = stored(UUID.fromString(created.getString("id")));
    assertEquals(List.of("Premessa", "Dati identificativi", "Assetto organizzativo", "Modalità operative e gestionali",
        "Collaborazione con i soggetti coinvolti", "Risorse e cofinanziamento", "Elementi che contraddistinguono l'esperienza"),
        titles(s, "sections"));
    assertEquals(List.of("creazione di una progettualità innovativa inerente azioni e interventi socio-educativi e di attivazione lavorativa",
        "Servizi e interventi socio-educativi e di supporto alle famiglie",
        "Servizi e interventi finalizzati all'attivazione lavorativa"), titles(s, "objectives"));
    assertEquals(List.of("Coaching di riattivazione", "Formazione congiunta"), titles(s, "activities"));
    assertTrue(text(s, "sections", "Risorse e cofinanziamento", "body").contains("Società della Salute | € 308.716,54 | € 51.726,00"));
    assertTrue(text(s, "sections", "Dati identificativi", "body").startsWith("Nome dell'Avviso | Istruttoria pubblica"));
  }
}
