package it.tavolo.sedute;

import it.tavolo.demo.SeduteDemo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The coordinator runs the demo tavolo's seduta in the web app, from agenda to verbale, while
 * a participant is connected to the draft: opening, the item in discussion, a decision,
 * someone added to the register by hand, closing, the verbale.
 */
class RunSedutaInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static String text(SedutaBrowser b, String css) {
    return String.valueOf(b.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css));
  }

  /** Opening created the sections in the notes' document itself (one server batch per item). */
  private static void demoNotesHaveTheAgendaAsSections() throws Exception {
    JsonObject marco = Http.ok(200, "pa", "GET", "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/notes", null);
    assertEquals(SeduteDemo.NOTES_DOCUMENT_ID.toString(), marco.getString("docId"));
    assertEquals("Marco Rossi", marco.getJsonObject("secretary").getString("name"));
    assertTrue(marco.getBoolean("canWrite"), marco.encode());
    assertTrue(Http.ok(200, "ets1", "GET", "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/notes", null).getBoolean("canWrite"));
    java.util.List<String> titles = new java.util.ArrayList<>();
    marco.getJsonArray("sections").forEach(o -> titles.add(((JsonObject) o).getString("title")));
    assertEquals(5, titles.size(), marco.encode());
    java.util.List<String> created = new java.util.ArrayList<>();
    TestServer.pool().preparedQuery("select ops from op_log where doc_id = $1 and client_id like 'agenda-%' order by seq")
        .execute(io.vertx.sqlclient.Tuple.of(SeduteDemo.NOTES_DOCUMENT_ID)).await(10, java.util.concurrent.TimeUnit.SECONDS)
        .forEach(r -> created.add(((io.vertx.core.json.JsonArray) r.getValue("ops")).getJsonObject(0).getJsonObject("fields").getString("title")));
    assertEquals(titles, created, "the notes' document has a section per agenda item, in order");
  }

  @Test
  void aCoordinatorRunsTheDemoSedutaFromAgendaToVerbale() throws Exception {
    String seduta = SeduteDemo.SEDUTA_ID.toString();
    try (SedutaBrowser giulia = new SedutaBrowser(base).login("coordinatore@demo.tavolo");
         SedutaBrowser sara = new SedutaBrowser(base).login("ets1@demo.tavolo")) {
      giulia.go("#/tavolo/" + DemoSeed.TAVOLO_ID);
      WebElement link = giulia.waitFor(d -> SedutaBrowser.visible(d, By.cssSelector("#sedute-list li[data-seduta='" + seduta + "'] a")));
      assertEquals("Incontro per la definizione del progetto", link.getText());
      giulia.click("#sedute-list li[data-seduta='" + seduta + "'] a");
      giulia.waitFor(d -> "planned".equals(giulia.js("const v = document.querySelector('#view-seduta'); return v.dataset.ready && v.dataset.state;")));
      WebElement call = giulia.driver.findElement(By.id("seduta-call-link"));
      assertEquals("https://meet.jit.si/tavolo-sds-pistoiese-sia", call.getAttribute("href"));
      assertEquals("_blank", call.getAttribute("target"));
      assertTrue(call.getAttribute("rel").contains("noopener"), "the call opens outside Tavolo, without access to it");

      giulia.click("#seduta-open");
      giulia.waitFor(d -> "open".equals(giulia.js("return document.querySelector('#view-seduta').dataset.state")));
      // the notes named in the demo exist with one section per agenda item, and both writers may write
      demoNotesHaveTheAgendaAsSections();

      // Sara opens the draft: the register records her
      sara.openDocument(DemoSeed.TAVOLO_ID, DemoSeed.DOCUMENT_ID);
      giulia.waitFor(d -> text(giulia, "#attendance-rows").contains("Sara Innocenti"));
      // and her page shows the seduta in progress
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return !document.querySelector('#doc-seduta').hidden")));

      String budgetItem = "7a706000-0000-4000-8000-000000000004";
      giulia.click("button.tv-discuss[data-item='" + budgetItem + "']");
      giulia.waitFor(d -> Boolean.TRUE.equals(giulia.js(
          "return document.querySelector(\"#agenda-list li[data-item='" + budgetItem + "']\").classList.contains('tv-current')")));
      sara.waitFor(d -> text(sara, "#doc-seduta").contains("Piano economico e cofinanziamento del Terzo Settore"));

      giulia.driver.findElement(By.id("decision-text")).sendKeys("Il cofinanziamento ETS resta di € 78.496,63.");
      giulia.click("#decision-submit");
      giulia.waitFor(d -> text(giulia, "#agenda-list li[data-item='" + budgetItem + "'] .tv-decisions").contains("78.496,63"));

      giulia.driver.findElement(By.id("att-name")).sendKeys("Francesca Di Pietro");
      giulia.driver.findElement(By.id("att-org")).sendKeys("Comune di Mentana");
      new org.openqa.selenium.support.ui.Select(giulia.driver.findElement(By.id("att-presence"))).selectByValue("on_call");
      giulia.click("#att-submit");
      giulia.waitFor(d -> text(giulia, "#attendance-rows").contains("Francesca Di Pietro"));
      giulia.screenshot("seduta-running");

      // Sara, a writer of the demo's notes, records a riserva from the seduta page: it goes into
      // the notes' document with the engine and the coordinator's page shows it at once
      sara.go("#/seduta/" + DemoSeed.TAVOLO_ID + "/" + seduta);
      sara.waitFor(d -> "member".equals(sara.js("const b = document.querySelector('#notes-body'); return b ? b.dataset.live || null : null")));
      sara.js("""
          const v = (id, x) => { document.getElementById(id).value = x; };
          v('entry-item', arguments[0]); v('entry-kind', 'riserva'); v('entry-speaker', arguments[1]);
          v('entry-text', 'Riserva sulla quota di cofinanziamento in natura.');
          document.querySelector('#entry-form button[type=submit]').click();""", budgetItem, DemoSeed.ETS2.id().toString());
      giulia.waitFor(d -> text(giulia, "#entries-list").contains("Riserva sulla quota di cofinanziamento in natura."));

      for (int attempt = 1; ; attempt++) {
        try {
          giulia.click("#seduta-close");
          break;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
          // the page redrew its controls (Sara's arrival on it changed the register) between finding and clicking
          if (attempt == 3) {
            throw e;
          }
        }
      }
      giulia.driver.switchTo().alert().accept();
      giulia.waitFor(d -> "closed".equals(giulia.js("return document.querySelector('#view-seduta').dataset.state")));
      giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("verbale-pdf")) != null);
      assertTrue(SedutaBrowser.visible(giulia.driver, By.id("verbale-odt")) != null);
      assertEquals(Boolean.TRUE, giulia.js("return document.querySelector('#attendance-form').hidden"), "the register is frozen");
      assertTrue(text(giulia, "#attendance-note").contains("non può più essere modificato"));
      giulia.screenshot("seduta-closed");

      JsonObject closed = Http.ok(200, "coordinatore", "GET", "/api/sedute/" + seduta, null);
      String pdf = Verbale.flat(Verbale.pdfText(Verbale.file("coordinatore", seduta, "pdf",
          closed.getJsonObject("verbale").getJsonObject("pdf").getString("sha256"))));
      for (String s : new String[] {"Incontro per la definizione del progetto", "Sara Innocenti", "Francesca Di Pietro",
          "Comune di Mentana", "in videochiamata", "Il cofinanziamento ETS resta di € 78.496,63.",
          "4. Piano economico e cofinanziamento del Terzo Settore", "Riserve",
          "Luca Bartolini (" + DemoSeed.CONSORZIO.name() + "): Riserva sulla quota di cofinanziamento in natura."}) {
        assertTrue(pdf.contains(Verbale.flat(s)), "the verbale says \"" + s + "\": " + pdf);
      }
    }
  }
}
