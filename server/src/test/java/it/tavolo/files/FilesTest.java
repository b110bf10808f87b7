package it.tavolo.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 17: the tavolo's files, through the real server and database. */
public class FilesTest {
  /**
   * A PDF-looking file of {@code size} bytes: the PDF header, then bytes that are the same on every
   * run (a SHA-256 chain, not random) and compress badly, like a real attachment.
   */
  public static byte[] pdfLike(int size) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = "allegato".getBytes(StandardCharsets.UTF_8);
    while (out.size() < size) {
      block = sha.digest(block);
      out.write(block, 0, Math.min(block.length, size - out.size()));
    }
    return out.toByteArray();
  }

  public static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  public static HttpResponse<String> upload(UUID tavolo, String token, String name, String link, String contentType, byte[] body) {
    String q = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + (link == null ? "" : "&link=" + URLEncoder.encode(link, StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + "/api/tavoli/" + tavolo + "/files" + q))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      return TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> download(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + path)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      return TestServer.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static long storedRows(UUID tavolo) throws Exception {
    return TestServer.pool().preparedQuery("select (select count(*) from tavolo_files where tavolo_id = $1)"
            + " + (select count(*) from tavolo_file_chunks c join tavolo_files f on f.id = c.file_id where f.tavolo_id = $1) as n")
        .execute(Tuple.of(tavolo)).await(30, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  void aMultiChunkFileGoesInAndComesOutByteForByteWithItsSha256WhoAndWhen() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String ets = Api.login("ets1@demo.tavolo");
    byte[] file = pdfLike(3 * FileSettings.CHUNK_BYTES + 12_345); // four chunks, the last one short
    JsonObject seduta = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/sedute", Api.login("coordinatore@demo.tavolo"),
        new JsonObject().put("title", "Incontro").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "online")
            .put("callUrl", "https://meet.jit.si/prova").put("agenda", new JsonArray().add("Allegati")).encode()), 201);
    String item = seduta.getJsonArray("agenda").getJsonObject(0).getString("id");

    HttpResponse<String> r = upload(t.id(), ets, "Proposta progettuale.pdf", "agenda_item:" + item, "application/pdf", file);
    JsonObject stored = Api.ok(r, 201);
    assertEquals("application/pdf", stored.getString("contentType"));
    assertEquals(file.length, stored.getLong("bytes"));
    assertEquals(sha256(file), stored.getString("sha256"));
    assertEquals(DemoSeed.ETS1.id().toString(), stored.getJsonObject("uploadedBy").getString("id"));
    assertTrue(stored.getString("uploadedAt").startsWith("20"), stored.encode());
    assertEquals(new JsonObject().put("kind", "agenda_item").put("id", item), stored.getJsonObject("link"));
    UUID id = UUID.fromString(stored.getString("id"));
    Row chunks = TestServer.pool().preparedQuery("select count(*) as n, max(length(data)) as biggest from tavolo_file_chunks where file_id = $1")
        .execute(Tuple.of(id)).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals(4L, chunks.getLong("n"), "stored in 256 KiB rows");
    assertEquals(FileSettings.CHUNK_BYTES, chunks.getInteger("biggest"));

    HttpResponse<byte[]> got = download("/api/tavoli/" + t.id() + "/files/" + id + "/content", Api.login("osservatore@demo.tavolo"));
    assertEquals(200, got.statusCode());
    assertArrayEquals(file, got.body(), "an observer reads it back byte for byte");
    assertEquals(sha256(file), got.headers().firstValue("X-Content-SHA256").orElseThrow());
    assertEquals("application/pdf", got.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(got.headers().firstValue("Content-Disposition").orElseThrow().contains("filename*=UTF-8''Proposta%20progettuale.pdf"));
    JsonArray listed = new JsonArray(Api.call("GET", "/api/tavoli/" + t.id() + "/files", ets, null).body());
    assertEquals(1, listed.size());
    assertEquals(stored, listed.getJsonObject(0));
  }

  @Test
  void aFileOverTheLimitAnEmptyOneAndARenamedOneAreRefusedAndNothingIsStored() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    long max = FileSettings.from(it.tavolo.config.Environment.withSystemProperties()).maxBytes();
    Api.error(upload(t.id(), coord, "enorme.pdf", null, "application/pdf", pdfLike((int) max + 1)), 413, "file_too_large");
    Api.error(upload(t.id(), coord, "vuoto.pdf", null, "application/pdf", new byte[0]), 400, "file_empty");
    // a PDF renamed as a Word file, and plain text that says it is a PDF
    Api.error(upload(t.id(), coord, "bozza.docx", null, "application/octet-stream", pdfLike(40_000)), 415, "file_type_mismatch");
    Api.error(upload(t.id(), coord, "verbale.pdf", null, "application/pdf",
        "Appunti della riunione, non un PDF".getBytes(StandardCharsets.UTF_8)), 415, "file_type_mismatch");
    Api.error(upload(t.id(), coord, "note.txt", null, "application/pdf",
        "Appunti della riunione".getBytes(StandardCharsets.UTF_8)), 415, "file_type_mismatch");
    Api.error(upload(t.id(), coord, "x.pdf", "seduta:" + UUID.randomUUID(), "application/pdf", pdfLike(100)), 400, "file_link_invalid");
    Api.error(upload(t.id(), coord, "x.pdf", "section:" + t.documentId() + ":non-esiste", "application/pdf", pdfLike(100)), 400,
        "file_link_invalid");
    Api.error(upload(t.id(), coord, "  ", null, "application/pdf", pdfLike(100)), 400, "file_name_invalid");
    assertEquals(0L, storedRows(t.id()), "refused uploads store nothing");
    // and the type is the bytes', whatever the client said: text named as text is text
    JsonObject ok = Api.ok(upload(t.id(), coord, "note.txt", "section:" + t.documentId() + ":sec-1", "application/octet-stream",
        "Appunti della riunione".getBytes(StandardCharsets.UTF_8)), 201);
    assertEquals("text/plain", ok.getString("contentType"));
  }

  @Test
  void aStreamedUploadWithNoLengthIsCutWhenItPassesTheLimitAndStoresNothing() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    long max = FileSettings.from(it.tavolo.config.Environment.withSystemProperties()).maxBytes();
    byte[] head = pdfLike(64 * 1024);
    // chunked transfer: the server learns the size only by counting as the bytes arrive
    java.io.InputStream body = new java.io.InputStream() {
      long sent;

      @Override
      public int read() {
        return sent < max + FileSettings.CHUNK_BYTES ? head[(int) (sent++ % head.length)] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent >= max + FileSettings.CHUNK_BYTES) return -1;
        int n = (int) Math.min(len, max + FileSettings.CHUNK_BYTES - sent);
        for (int i = 0; i < n; i++) b[off + i] = head[(int) ((sent + i) % head.length)];
        sent += n;
        return n;
      }
    };
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port() + "/api/tavoli/" + t.id()
            + "/files?name=flusso.pdf"))
        .header("Authorization", "Bearer " + Api.login("coordinatore@demo.tavolo")).header("Content-Type", "application/pdf")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
    try {
      HttpResponse<String> r = TestServer.http().send(req, HttpResponse.BodyHandlers.ofString());
      Api.error(r, 413, "file_too_large");
    } catch (IOException cut) {
      // the server answers 413 and closes the connection mid-body: a client may see only the close
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (storedRows(t.id()) != 0 && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertEquals(0L, storedRows(t.id()), "the chunks written before the limit were rolled back");
  }

  @Test
  void observersReadViewerLinksSeeOnlyPublicFilesAndOutsidersSeeNothing() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    String observer = Api.login("osservatore@demo.tavolo");
    Api.error(upload(t.id(), observer, "o.pdf", null, "application/pdf", pdfLike(1000)), 403, "forbidden");
    JsonObject a = Api.ok(upload(t.id(), coord, "pubblico.pdf", null, "application/pdf", pdfLike(2000)), 201);
    JsonObject b = Api.ok(upload(t.id(), coord, "riservato.pdf", null, "application/pdf", pdfLike(3000)), 201);
    String base = "/api/tavoli/" + t.id() + "/files/";
    Api.error(Api.call("PUT", base + a.getString("id") + "/public", Api.login("ets1@demo.tavolo"), "{\"public\":true}"), 403, "forbidden");
    assertTrue(Api.ok(Api.call("PUT", base + a.getString("id") + "/public", coord, "{\"public\":true}"), 200).getBoolean("public"));
    assertEquals(200, download(base + b.getString("id") + "/content", observer).statusCode());

    // a file is found only under its own tavolo
    JsonObject other = Api.newTavolo(coord, "Un altro tavolo");
    Api.error(Api.call("GET", "/api/tavoli/" + other.getString("id") + "/files/" + a.getString("id"), coord, null), 404, "not_found");
    TestServer.pool().preparedQuery("delete from tavolo_members where tavolo_id = $1 and user_id = $2")
        .execute(Tuple.of(t.id(), DemoSeed.ETS2.id())).await(30, TimeUnit.SECONDS);
    String stranger = Api.login("ets2@demo.tavolo"); // no longer a member: the tavolo and its files do not exist for them
    Api.error(Api.call("GET", "/api/tavoli/" + t.id() + "/files", stranger, null), 404, "not_found");
    assertEquals(404, download(base + a.getString("id") + "/content", stranger).statusCode());
    assertEquals(401, download(base + a.getString("id") + "/content", null).statusCode());

    String sedutaId = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/sedute", coord,
        new JsonObject().put("title", "Incontro").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "online")
            .put("callUrl", "https://meet.jit.si/prova").put("agenda", new JsonArray()).encode()), 201).getString("id");
    String secret = Api.ok(Api.call("POST", "/api/sedute/" + sedutaId + "/viewer-link", coord, null), 201).getString("token");
    JsonArray seen = new JsonArray(Api.call("GET", "/api/viewer/" + secret + "/files", null, null).body());
    assertEquals(1, seen.size(), seen.encode());
    assertEquals("pubblico.pdf", seen.getJsonObject(0).getString("name"));
    assertNull(seen.getJsonObject(0).getValue("uploadedBy"), "a viewer sees no people");
    assertArrayEquals(pdfLike(2000), download("/api/viewer/" + secret + "/files/" + a.getString("id") + "/content", null).body());
    assertEquals(404, download("/api/viewer/" + secret + "/files/" + b.getString("id") + "/content", null).statusCode());
    Api.ok(Api.call("DELETE", "/api/sedute/" + sedutaId + "/viewer-link", coord, null), 204);
    assertEquals(404, download("/api/viewer/" + secret + "/files/" + a.getString("id") + "/content", null).statusCode());
  }

  @Test
  void aWithdrawalIsRecordedWithWhoWhenAndWhyInTheAuditChainAndTheBytesGo() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    String ets = Api.login("ets1@demo.tavolo");
    String pa = Api.login("pa@demo.tavolo");
    byte[] bytes = pdfLike(FileSettings.CHUNK_BYTES + 10);
    JsonObject f = Api.ok(upload(t.id(), ets, "bozza.pdf", null, "application/pdf", bytes), 201);
    String path = "/api/tavoli/" + t.id() + "/files/" + f.getString("id");
    Api.error(Api.call("POST", path + "/withdraw", pa, "{\"reason\":\"non è mio\"}"), 403, "forbidden");
    Api.error(Api.call("POST", path + "/withdraw", ets, "{}"), 400, "invalid_input");
    JsonObject w = Api.ok(Api.call("POST", path + "/withdraw", ets, "{\"reason\":\"Caricata per errore: contiene dati personali\"}"), 200);
    assertEquals(DemoSeed.ETS1.id().toString(), w.getJsonObject("withdrawn").getJsonObject("by").getString("id"));
    assertEquals("Caricata per errore: contiene dati personali", w.getJsonObject("withdrawn").getString("reason"));
    assertEquals(f.getString("sha256"), w.getString("sha256"), "what was there stays known");
    Api.error(Api.call("POST", path + "/withdraw", coord, "{\"reason\":\"di nuovo\"}"), 410, "file_withdrawn");
    HttpResponse<byte[]> gone = download(path + "/content", coord);
    assertEquals(410, gone.statusCode());
    assertEquals(0L, TestServer.pool().preparedQuery("select count(*) as n from tavolo_file_chunks where file_id = $1")
        .execute(Tuple.of(UUID.fromString(f.getString("id")))).await(30, TimeUnit.SECONDS).iterator().next().getLong("n"));
    JsonArray listed = new JsonArray(Api.call("GET", "/api/tavoli/" + t.id() + "/files", coord, null).body());
    assertEquals(1, listed.size(), "still listed, as withdrawn");
    Row event = TestServer.pool().preparedQuery("select actor, subject, details::text as details from audit_log"
            + " where tavolo_id = $1 and action = 'file_withdrawn'")
        .execute(Tuple.of(t.id())).await(30, TimeUnit.SECONDS).iterator().next();
    assertEquals(DemoSeed.ETS1.id(), event.getUUID("actor"));
    assertEquals(f.getString("id"), event.getString("subject"));
    assertTrue(event.getString("details").contains("dati personali") && event.getString("details").contains(f.getString("sha256")),
        event.getString("details"));
    assertTrue(Api.ok(Api.call("GET", "/api/tavoli/" + t.id() + "/audit/verify", coord, null), 200).getBoolean("ok"),
        "the chain still verifies");
  }
}
