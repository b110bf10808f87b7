package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The verbale's notes in the browser (issue 19): the coordinator names the secretary and a
 * writer from the seduta's page; the two write the same agenda item's notes at once on the
 * notes' document page; both end with the same text, holding both contributions, and the
 * verbale says it once the seduta closes.
 */
class NotesInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static String text(SedutaBrowser b, String css) {
    return String.valueOf(b.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css));
  }

  @Test
  void twoPeopleWriteTheSameItemsNotesAtOnceAndBothSeeBoth() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "in_presenza").getString("id");
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    try (SedutaBrowser giulia = new SedutaBrowser(base).login("coordinatore@demo.tavolo");
         SedutaBrowser sara = new SedutaBrowser(base).login("ets1@demo.tavolo");
         SedutaBrowser marco = new SedutaBrowser(base).login("pa@demo.tavolo")) {
      giulia.go("#/seduta/" + t.id() + "/" + id);
      try {
        giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("notes-setup")));
      } catch (RuntimeException e) {
        giulia.printConsole();
        throw new AssertionError("no notes form: " + giulia.js("const b = document.querySelector('#notes-box'); return b ? b.outerHTML : 'no box'"), e);
      }
      giulia.js("document.querySelector('#notes-secretary').value = arguments[0]", DemoSeed.ETS1.id().toString());
      giulia.click("label[for='notes-w-" + DemoSeed.PA_MEMBER.id() + "']"); // Bootstrap Italia draws the box on the label
      giulia.click("#notes-setup button[type=submit]");
      giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("notes-open")));

      // the register: one tap marks a member present in the room
      giulia.click("#attendance-member-buttons button[data-user='" + DemoSeed.ETS2.id() + "']");
      giulia.waitFor(d -> "true".equals(giulia.js("const b = document.querySelector(\"#attendance-member-buttons button[data-user='"
          + DemoSeed.ETS2.id() + "']\"); return b ? b.getAttribute('aria-pressed') : null")));
      assertTrue(Http.okArray("pa", "/api/sedute/" + id + "/register").encode().contains("\"in_room\""));

      JsonObject notes = ok(200, "pa", "GET", "/api/sedute/" + id + "/notes", null);
      String doc = notes.getString("docId");
      String item = notes.getJsonArray("sections").getJsonObject(0).getString("itemId");
      String editor = "[data-field='sections/" + item + "/body'] .cm-content";
      sara.openDocument(t.id(), doc);
      marco.openDocument(t.id(), doc);
      WebElement se = sara.waitFor(d -> SedutaBrowser.visible(d, By.cssSelector(editor)));
      WebElement me = marco.waitFor(d -> SedutaBrowser.visible(d, By.cssSelector(editor)));
      sara.js("arguments[0].scrollIntoView({block: 'center'})", se);
      marco.js("arguments[0].scrollIntoView({block: 'center'})", me);
      se.click();
      me.click();
      // at once: neither waits to see the other's text
      se.sendKeys("Il Comune illustra i dati. ");
      me.sendKeys("Le cooperative chiedono un tavolo tecnico. ");
      for (SedutaBrowser b : new SedutaBrowser[] {sara, marco}) {
        b.waitFor(d -> text(b, editor).contains("Il Comune illustra i dati.") && text(b, editor).contains("Le cooperative chiedono un tavolo tecnico."));
      }
      // the same order on both screens (the editors also draw the other's cursor name, so their
      // text is compared by where each sentence sits, not as a whole)
      String a = text(sara, editor);
      String b = text(marco, editor);
      assertTrue((a.indexOf("Il Comune") < a.indexOf("Le cooperative")) == (b.indexOf("Il Comune") < b.indexOf("Le cooperative")),
          "converged: " + a + " | " + b);
    }
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/close", null);
    JsonObject verbale = ok(200, "pa", "GET", "/api/sedute/" + id + "/verbale", null);
    String pdf = Verbale.flat(Verbale.pdfText(Verbale.file("pa", id, "pdf", verbale.getJsonObject("pdf").getString("sha256"))));
    assertTrue(pdf.contains(Verbale.flat("Il Comune illustra i dati.")) && pdf.contains(Verbale.flat("Le cooperative chiedono un tavolo tecnico.")), pdf);
  }
}
