package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 16 in two headless Chromiums: Sara (ets1) comments the first sentence of a section and
 * mentions the coordinator; Giulia sees the thread arrive with no reload, then types before
 * the sentence, and in both browsers the highlighted passage is still exactly the sentence.
 */
class ThreadsInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static final String MARKED =
      "const m = [...document.querySelectorAll(\"[data-field='sections/sec-1/body'] .tv-thread-mark\")];"
          + " return m.map(x => x.textContent).join('');";

  @Test
  void ets1CommentsASentenceMentioningTheCoordinatorWhoSeesItLiveAndItsAnchorSurvivesAnEditBeforeIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = new TavoloBrowser(base); TavoloBrowser giulia = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      giulia.login("coordinatore@demo.tavolo");
      giulia.openDocument(t.id().toString(), t.documentId().toString());

      String text = sara.text("sections", "sec-1", "body");
      String sentence = text.substring(0, text.indexOf('.') + 1);
      sara.selectFromStart("sections", "sec-1", "body", sentence.length());
      sara.click("#comment-selection");
      sara.waitFor(d -> sara.focused(".tv-thread-compose textarea"));
      sara.press("Questa frase va rivista, @coordinatore: mancano i dati 2024.");
      sara.press(Keys.TAB, Keys.ENTER); // to "Invia", by keyboard

      giulia.waitFor(d -> d.findElement(By.id("threads-list")).getText().contains("mancano i dati 2024"));
      assertTrue(giulia.driver.findElement(By.id("threads-list")).getText().contains(sentence));
      giulia.waitFor(d -> sentence.equals(giulia.js(MARKED)));
      sara.waitFor(d -> sentence.equals(sara.js(MARKED)));

      // Giulia types before the sentence: the anchor moves with it, in both browsers
      giulia.typeAtStart("sections", "sec-1", "body", "Premessa. ");
      giulia.waitFor(d -> giulia.pending() == 0);
      sara.waitFor(d -> sara.text("sections", "sec-1", "body").startsWith("Premessa. "));
      for (TavoloBrowser b : new TavoloBrowser[] {sara, giulia}) {
        b.waitFor(d -> sentence.equals(b.js(MARKED)));
        Object start = b.js("return [...tavoloView.threads.threads.values()][0].anchor.start;");
        assertEquals(10L, ((Number) start).longValue());
      }
      assertTrue(Axe.serious(giulia, "threads").isEmpty(), "axe-core: no serious or critical violations");
    }
  }
}
