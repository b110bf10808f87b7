package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 18: the demo draft's text was shown as written by the coordinator personally. The
 * seeded text is the starting text, nobody's at the tavolo; what a person writes into it is
 * still theirs.
 */
class StartingTextAuthorshipTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void seededTextIsCreditedToTheStartingTextNotToTheCoordinator() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      // what the page holds: every run of the seeded section is the starting text's
      assertEquals(List.of("origin:seed"), sara.js("return [...new Set(tavoloClient.doc.authors('sections', 'sec-1', 'body').spans()"
          + ".map(s => s.author))]"));

      sara.typeAtEnd("sections", "sec-1", "body", " Aggiunto da Sara.");
      sara.waitFor(d -> String.valueOf(sara.text("sections", "sec-1", "body")).endsWith("Aggiunto da Sara."));
      sara.js("document.getElementById('toggle-authors').click()");
      String field = "[data-field='sections/sec-1/body']";
      sara.waitFor(d -> !d.findElements(By.cssSelector(field + " .author-mark[title='Testo di partenza']")).isEmpty());
      assertTrue(!sara.driver.findElements(By.cssSelector(field + " .author-mark[title='Sara Innocenti']")).isEmpty(),
          "her own words stay hers");
      assertTrue(sara.driver.findElements(By.cssSelector(field + " .author-mark[title='Giulia Bianchi']")).isEmpty(),
          "nothing in the seeded section is the coordinator's");

      // the author line under the editor, with the caret in the seeded text
      WebElement editor = sara.editor("sections", "sec-1", "body");
      editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME));
      editor.sendKeys(Keys.ARROW_RIGHT);
      sara.waitFor(d -> "Testo di partenza".equals(d.findElement(By.cssSelector(field + " .tv-author-line")).getText()));
    }
  }
}
