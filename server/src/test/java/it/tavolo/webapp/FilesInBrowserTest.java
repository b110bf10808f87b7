package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.files.FilesTest;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17 through the web app: a partner uploads a file to the tavolo's library (progress, the
 * list, a renamed file's refusal read out), and a coordinator starts a document from the SIA
 * schema di progetto and sees the avviso's notes in its empty sections.
 */
class FilesInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void aPartnerUploadsAFileSeesItListedAndARenamedFileIsRefusedWithAReadableError() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Path dir = TestServer.tempDir("files");
    Path pdf = dir.resolve("Analisi del bisogno.pdf");
    Files.write(pdf, FilesTest.pdfLike(600_000));
    Path renamed = dir.resolve("bozza.docx");
    Files.write(renamed, FilesTest.pdfLike(5_000));
    try (TavoloBrowser sara = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openTavolo(t.id().toString());
      sara.waitFor(d -> TavoloBrowser.visible(d, By.id("files-input")));
      assertTrue(sara.driver.findElements(By.id("new-doc-form")).stream().noneMatch(e -> e.isDisplayed()), "a member does not create documents");
      sara.driver.findElement(By.id("files-input")).sendKeys(pdf.toString());
      sara.scrollTo("#files-upload");
      sara.driver.findElement(By.id("files-upload")).sendKeys(Keys.ENTER);
      sara.waitFor(d -> d.findElement(By.id("files-status")).getText().contains("File caricato: Analisi del bisogno.pdf"));
      String table = sara.driver.findElement(By.id("files-list")).getText();
      assertTrue(table.contains("Analisi del bisogno.pdf") && table.contains("application/pdf") && table.contains("Sara Innocenti"), table);
      JsonArray stored = new JsonArray(Api.call("GET", "/api/tavoli/" + t.id() + "/files", Api.login("coordinatore@demo.tavolo"), null).body());
      assertEquals(FilesTest.sha256(FilesTest.pdfLike(600_000)), stored.getJsonObject(0).getString("sha256"), "the bytes arrived whole");

      sara.driver.findElement(By.id("files-input")).sendKeys(renamed.toString());
      sara.driver.findElement(By.id("files-upload")).sendKeys(Keys.ENTER);
      sara.waitFor(d -> d.findElement(By.id("files-status")).getText().contains("non corrisponde al suo nome"));
      assertEquals(1, new JsonArray(Api.call("GET", "/api/tavoli/" + t.id() + "/files", Api.login("coordinatore@demo.tavolo"), null).body()).size());
      sara.screenshot("files-panel");
      assertTrue(Axe.serious(sara, "files-panel").isEmpty(), "axe-core: no serious or critical violations on the files panel");
    }
  }

  @Test
  void aGuestOfAViewerLinkSeesOnlyThePublicFiles() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    String open = Api.ok(FilesTest.upload(t.id(), coord, "Avviso pubblico.pdf", null, "application/pdf", FilesTest.pdfLike(3000)), 201)
        .getString("id");
    Api.ok(FilesTest.upload(t.id(), coord, "Bozza riservata.pdf", null, "application/pdf", FilesTest.pdfLike(4000)), 201);
    Api.ok(Api.call("PUT", "/api/tavoli/" + t.id() + "/files/" + open + "/public", coord, "{\"public\":true}"), 200);
    String seduta = Api.ok(Api.call("POST", "/api/tavoli/" + t.id() + "/sedute", coord, new JsonObject().put("title", "Incontro")
        .put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "online").put("callUrl", "https://meet.jit.si/prova")
        .put("documents", new JsonArray().add(t.documentId().toString())).put("agenda", new JsonArray()).encode()), 201).getString("id");
    String secret = Api.ok(Api.call("POST", "/api/sedute/" + seduta + "/viewer-link", coord, null), 201).getString("token");
    try (TavoloBrowser guest = new TavoloBrowser(base)) {
      guest.driver.get(base + "/#/segui/" + secret);
      guest.waitFor(d -> TavoloBrowser.visible(d, By.id("present-files")));
      String shown = guest.driver.findElement(By.id("present-files")).getText();
      assertTrue(shown.contains("Avviso pubblico.pdf") && !shown.contains("Bozza riservata"), shown);
    }
  }

  @Test
  void aCoordinatorCreatesADocumentFromTheSiaSchemaAndSeesTheAvvisosNotes() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openTavolo(t.id().toString());
      giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("label[for=new-doc-kind-template]")));
      giulia.scrollTo("#new-doc-form");
      giulia.click("label[for=new-doc-kind-template]");
      new Select(giulia.driver.findElement(By.cssSelector("select#new-doc-template"))).selectByValue("schema:sia-pistoiese");
      giulia.driver.findElement(By.id("new-doc-title")).sendKeys("Proposta per la SdS");
      assertTrue(Axe.serious(giulia, "new-document").isEmpty(), "axe-core: no serious or critical violations on the new-document form");
      giulia.driver.findElement(By.id("new-doc-create")).sendKeys(Keys.ENTER);
      giulia.waitFor(d -> "true".equals(giulia.js("return document.querySelector('#view-doc').dataset.ready || null")));
      giulia.waitFor(d -> d.findElement(By.id("sections-list")).getText().contains("Proposta di assetto organizzativo"));
      giulia.waitFor(d -> d.findElement(By.id("sections-list")).getText().contains("impianto unitario"));
      String sections = giulia.driver.findElement(By.id("sections-list")).getText();
      assertTrue(sections.contains("Cosa chiede l'avviso:") && sections.contains("Risorse e cofinanziamento"), sections);
      String objectives = giulia.driver.findElement(By.id("doc-objectives")).getText();
      assertTrue(objectives.contains("Creazione di una progettualità innovativa"), "the objectives' notes too: " + objectives);
      giulia.screenshot("document-from-schema");
    }
  }
}
