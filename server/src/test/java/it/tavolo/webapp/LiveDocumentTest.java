package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Two or more people on the same draft through the real server and its WebSocket, each in
 * their own headless Chromium.
 */
class LiveDocumentTest {
  private final String base = "http://localhost:" + TestServer.port();
  private static final String SECTION = "sec-1";

  @BeforeAll
  static void liveLayerIsThere() throws Exception {
    // Until the WebSocket layer is mounted on main, /ws is a JSON 404 and these tests wait.
    var r = TestServer.get("/ws");
    Assumptions.assumeTrue(r.statusCode() != 404, "no /ws endpoint on this server yet");
  }

  private static TavoloBrowser open(String base, TestServer.Tavolo t, String email) {
    TavoloBrowser b = new TavoloBrowser(base);
    b.login(email);
    b.openDocument(t.id().toString(), t.documentId().toString());
    return b;
  }

  @Test
  void twoPeopleTypingInOneSectionAtOnceEndWithTheSameTextAndTheirOwnAuthorship() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      String before = giulia.text("sections", SECTION, "body");
      // Both type at the end of the same section at the same time.
      Thread g = new Thread(() -> giulia.typeAtEnd("sections", SECTION, "body", " [Giulia: la SdS coordina]"));
      Thread s = new Thread(() -> sara.typeAtEnd("sections", SECTION, "body", " [Sara: la cooperativa gestisce]"));
      g.start();
      s.start();
      g.join();
      s.join();
      giulia.waitFor(d -> giulia.pending() == 0 && sara.pending() == 0
          && giulia.text("sections", SECTION, "body").equals(sara.text("sections", SECTION, "body"))
          && giulia.text("sections", SECTION, "body").length() == before.length() + 26 + 32);
      String text = giulia.text("sections", SECTION, "body");
      assertTrue(text.contains("[Giulia: la SdS coordina]"), text);
      assertTrue(text.contains("[Sara: la cooperativa gestisce]"), text);
      assertEquals(text, giulia.editorText("sections", SECTION, "body"), "the editor shows the document");
      assertEquals(text, sara.editorText("sections", SECTION, "body"), "the editor shows the document");

      // Authorship: each person's characters are theirs, in both browsers and on the server.
      String giuliaId = giulia.userId();
      String saraId = sara.userId();
      assertEquals(giuliaId, authorOf(giulia, text.indexOf("Giulia: la SdS")));
      assertEquals(saraId, authorOf(giulia, text.indexOf("Sara: la cooperativa")));
      assertEquals(runs(giulia), runs(sara));
      try (TavoloBrowser fresh = open(base, t, "pa@demo.tavolo")) {
        assertEquals(runs(giulia), runs(fresh), "a newcomer gets the same authorship from the server");
        // Highlighting shows the author's name on hover.
        fresh.driver.findElement(By.id("toggle-authors")).click();
        fresh.waitFor(d -> !d.findElements(By.cssSelector("[data-field='sections/sec-1/body'] .author-mark[title='Sara Innocenti']")).isEmpty());
      }
      sara.screenshot("two-people-typing");
    }
  }

  @Test
  void aBudgetAmountChangedInOneBrowserUpdatesTheTotalsInTheOther() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser luca = open(base, t, "ets2@demo.tavolo")) {
      String lineId = (String) giulia.js("return tavoloClient.doc.ordered('budget')[0].id;");
      long oldAmount = ((Number) giulia.js("return tavoloClient.doc.get('budget', arguments[0]).amount;", lineId)).longValue();
      String totalBefore = luca.driver.findElement(By.id("total-all")).getText();
      WebElement amount = giulia.driver.findElement(By.cssSelector("#budget-rows tr[data-id='" + lineId + "'] input[data-field='amount']"));
      giulia.js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", amount);
      amount.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1.234,56", Keys.TAB);
      long delta = 123456 - oldAmount;
      luca.waitFor(d -> ((Number) luca.js("return tavoloClient.doc.get('budget', arguments[0]).amount;", lineId)).longValue() == 123456);
      luca.waitFor(d -> !d.findElement(By.id("total-all")).getText().equals(totalBefore));
      long total = ((Number) luca.js("return tavoloClient.doc.ordered('budget').reduce((s, l) => s + l.amount, 0);")).longValue();
      assertEquals(euro(total), luca.driver.findElement(By.id("total-all")).getText());
      assertEquals("1.234,56", luca.driver.findElement(By.cssSelector("#budget-rows tr[data-id='" + lineId + "'] input[data-field='amount']")).getDomProperty("value"));
      assertTrue(delta != 0);
      giulia.js("document.getElementById('doc-budget').scrollIntoView({behavior: 'instant'})");
      giulia.screenshot("budget");
    }
  }

  @Test
  void anObserverCannotEditAndTheServerRefusesIfTheyTry() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser paola = open(base, t, "osservatore@demo.tavolo")) {
      assertEquals("observer", paola.js("return tavoloClient.you.role;"));
      assertTrue(paola.driver.findElement(By.id("doc-readonly-note")).isDisplayed());
      String before = paola.text("sections", SECTION, "body");
      WebElement editor = paola.editor("sections", SECTION, "body");
      assertEquals("true", editor.getDomAttribute("aria-readonly"));
      editor.click();
      editor.sendKeys("non dovrei poter scrivere");
      assertEquals(before, paola.editorText("sections", SECTION, "body"), "the editor is read-only");
      assertFalse(paola.driver.findElement(By.id("add-section")).isDisplayed());
      // Bypassing the UI: the server refuses, and nothing changes.
      Object code = paola.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
          + "const c = tavoloClient; c.on('error', e => done(e.code));"
          + "c.sendRaw({type: 'submit', clientSeq: 999, baseSeq: c.seq, ops: [{op: 'set', coll: 'sections', id: 'sec-1', field: 'title', value: 'X'}]});");
      assertEquals("forbidden", code);
      try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo")) {
        assertEquals(before, giulia.text("sections", SECTION, "body"));
        assertFalse("X".equals(giulia.text("sections", SECTION, "title")));
      }
    }
  }

  @Test
  void aBrowserThatGoesOfflineKeepsTypingAndLandsItsChangesOnceWhenBack() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      // Cut the connection and keep the client from reconnecting, as a dead network would.
      sara.js("const c = tavoloClient; c.realFactory = c.socketFactory;"
          + "c.socketFactory = () => { throw new Error('offline'); }; c.dropConnection();");
      sara.waitFor(d -> !"online".equals(sara.js("return tavoloClient.status;")));
      sara.typeAtEnd("sections", SECTION, "body", " Scritto senza rete.");
      sara.typeAtEnd("sections", "sec-2", "body", " Anche qui.");
      long waiting = sara.pending();
      assertTrue(waiting > 0, "changes wait while offline");
      String indicator = sara.driver.findElement(By.id("connection")).getText();
      assertTrue(indicator.contains(String.valueOf(waiting)), indicator);
      sara.screenshot("offline");
      // Meanwhile Giulia edits the same section.
      giulia.typeAtEnd("sections", SECTION, "body", " Giulia in linea.");
      giulia.waitFor(d -> giulia.pending() == 0);
      // The network comes back.
      sara.js("const c = tavoloClient; c.socketFactory = c.realFactory; c.reconnectNow();");
      sara.waitFor(d -> "online".equals(sara.js("return tavoloClient.status;")) && sara.pending() == 0);
      giulia.waitFor(d -> giulia.text("sections", "sec-2", "body").endsWith(" Anche qui."));
      giulia.waitFor(d -> giulia.text("sections", SECTION, "body").equals(sara.text("sections", SECTION, "body")));
      String text = giulia.text("sections", SECTION, "body");
      assertEquals(1, count(text, "Scritto senza rete."), text);
      assertEquals(1, count(text, "Giulia in linea."), text);
      assertEquals(1, count(giulia.text("sections", "sec-2", "body"), "Anche qui."));
      try (TavoloBrowser fresh = open(base, t, "pa@demo.tavolo")) {
        assertEquals(text, fresh.text("sections", SECTION, "body"), "the server has it once");
      }
    }
  }

  @Test
  void theTavoloPageLooksRight() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      sara.typeAtEnd("sections", SECTION, "body", " Proposta della cooperativa.");
      giulia.waitFor(d -> giulia.text("sections", SECTION, "body").endsWith("cooperativa."));
      giulia.driver.findElement(By.id("toggle-authors")).click();
      giulia.waitFor(d -> !d.findElements(By.cssSelector(".remote-caret")).isEmpty());
      var shot = giulia.screenshot("tavolo");
      assertTrue(Files.size(shot) > 10_000);
      giulia.js("document.getElementById('doc-objectives').scrollIntoView({behavior: 'instant'})");
      giulia.screenshot("tavolo-objectives");
    }
  }

  private static String authorOf(TavoloBrowser b, int index) {
    return (String) b.js("return tavoloClient.doc.authors('sections', arguments[0], 'body').authorAt(arguments[1]);", SECTION, index);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> runs(TavoloBrowser b) {
    return (List<Object>) b.js("return tavoloClient.doc.authors('sections', arguments[0], 'body').toJSON();", SECTION);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }

  private static String euro(long cents) {
    String euros = String.format(java.util.Locale.ITALY, "%,d", cents / 100);
    return "€ " + euros + "," + String.format("%02d", cents % 100);
  }

}
