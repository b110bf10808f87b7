package it.tavolo.webapp;

import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** Issue 17: a coordinator copies a document from the tavolo's page, by keyboard, and lands in the copy. */
class CopyInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void aCoordinatorCopiesADocumentFromTheTavolosPageAndOpensTheCopy() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openTavolo(t.id().toString());
      String copy = "button[data-copy='" + t.documentId() + "']";
      giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(copy)));
      giulia.scrollTo(copy);
      giulia.driver.findElement(By.cssSelector(copy)).sendKeys(Keys.ENTER);
      giulia.waitFor(d -> !d.getCurrentUrl().contains(t.documentId().toString()) && d.getCurrentUrl().contains("#/doc/"));
      giulia.waitFor(d -> "true".equals(giulia.js("return document.querySelector('#view-doc').dataset.ready || null")));
      giulia.waitFor(d -> d.findElement(By.id("sections-list")).getText().contains("Analisi del bisogno"));
    }
  }
}
