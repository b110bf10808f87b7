package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 17's import through the web app: a coordinator chooses a Word draft on the tavolo's
 * page, sees what will be created, creates it by keyboard and lands in the new document with
 * its sections.
 */
class ImportInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void aCoordinatorImportsAWordDraftSeesThePreviewAndOpensTheNewDocument() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Path file = TestServer.tempDir("import").resolve("Proposta SIA.docx");
    try (var in = ImportInBrowserTest.class.getResourceAsStream("/imports/proposta-sia-pistoiese.docx")) {
      Files.write(file, in.readAllBytes());
    }
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openTavolo(t.id().toString());
      // "Nuovo documento": the import is one of the ways to start
      giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("label[for=new-doc-kind-import]")));
      giulia.click("label[for=new-doc-kind-import]");
      giulia.waitFor(d -> TavoloBrowser.visible(d, By.id("import-file")));
      giulia.driver.findElement(By.id("import-file")).sendKeys(file.toString());
      giulia.click("#import-preview-button");
      giulia.waitFor(d -> TavoloBrowser.visible(d, By.id("import-preview-title")));
      String preview = giulia.driver.findElement(By.id("import-preview")).getText();
      for (String expected : new String[] {"Proposta SIA", "Dati identificativi", "Risorse e cofinanziamento",
          "Obiettivo generale: creazione di una progettualità innovativa", "Coaching di riattivazione",
          "Tabelle riportate come testo: 2"}) {
        assertTrue(preview.contains(expected), "the preview shows \"" + expected + "\":\n" + preview);
      }
      assertTrue(giulia.focused("#import-preview-title"), "the preview takes the focus, so it is read out");
      giulia.screenshot("import-preview");
      assertTrue(Axe.serious(giulia, "import-preview").isEmpty(), "axe-core: no serious or critical violations with the preview shown");
      giulia.scrollTo("#import-create");
      giulia.driver.findElement(By.id("import-create")).sendKeys(Keys.ENTER);
      giulia.waitFor(d -> "true".equals(giulia.js("return document.querySelector('#view-doc').dataset.ready || null")));
      giulia.waitFor(d -> d.findElement(By.id("sections-list")).getText().contains("Risorse e cofinanziamento"));
      assertTrue(giulia.driver.findElement(By.id("sections-list")).getText().contains("Dati identificativi"));
    }
  }
}
