package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A participant who uses only the keyboard: every key goes to whatever has the focus, and the
 * focus moves only by Tab and Shift+Tab, so anything the test reaches a keyboard user reaches.
 */
class KeyboardTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void aKeyboardOnlyParticipantAddsEditsMovesUndoesShowsAuthorsAndDeletes() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.waitFor(d -> b.focused("#login-email"));
      b.press("ets1@demo.tavolo", Keys.TAB, "demo", Keys.ENTER);
      b.waitFor(d -> b.focused("#tavoli-title"));
      b.tabTo("a.doc-link[href$='" + t.documentId() + "']", false, 300);
      b.press(Keys.ENTER);
      b.waitFor(d -> "true".equals(b.js("return document.querySelector('#view-doc').dataset.ready || null")));
      b.waitFor(d -> b.focused("#doc-title"));

      // Add a section: the new section's title gets the focus.
      b.tabTo("#add-section", false, 200);
      b.press(Keys.ENTER);
      b.waitFor(d -> b.focused("#sections-list li input.tv-title-input"));
      String id = (String) b.js("return document.activeElement.closest('li[data-id]').dataset.id;");
      // Its placeholder title is selected: typing replaces it, Enter saves it.
      b.press("Sezione da tastiera", Keys.ENTER);
      b.waitFor(d -> "Sezione da tastiera".equals(b.text("sections", id, "title")));

      // Its text, in the collaborative editor.
      b.tabTo("[data-field='sections/" + id + "/body'] .cm-content", false, 6);
      b.press("Scritto senza mouse.");
      b.waitFor(d -> "Scritto senza mouse.".equals(b.text("sections", id, "body")));

      // Move it up one place; the focus stays on the button, so it can be pressed again.
      int last = sectionCount(b) - 1;
      assertEquals(last, indexOf(b, id));
      b.tabTo("li[data-id='" + id + "'] button[data-action='up']", true, 6);
      b.press(Keys.ENTER);
      b.waitFor(d -> indexOf(b, id) == last - 1);
      assertTrue(b.focused("li[data-id='" + id + "'] button[data-action='up']"), "the focus stays on the moved entity");

      // Undo and redo the move from the keyboard, outside any editor.
      b.ctrl("z");
      b.waitFor(d -> indexOf(b, id) == last);
      b.ctrl("y");
      b.waitFor(d -> indexOf(b, id) == last - 1);

      // Who wrote what: the switch in the toolbar, then the author named at the cursor.
      b.tabTo("#toggle-authors", true, 200);
      b.press(Keys.SPACE);
      b.waitFor(d -> !d.findElements(By.cssSelector("[data-field='sections/" + id + "/body'] .author-mark[title='Sara Innocenti']")).isEmpty());
      b.tabTo("[data-field='sections/" + id + "/body'] .cm-content", false, 200);
      b.press(Keys.END);
      b.waitFor(d -> d.findElement(By.cssSelector("[data-field='sections/" + id + "/body'] .tv-author-line")).getText().contains("Sara Innocenti"));

      // Delete it: the focus lands on a neighbour, not at the top of the page; Ctrl+Z brings it back.
      b.tabTo("li[data-id='" + id + "'] button[data-action='delete']", true, 6);
      b.press(Keys.ENTER);
      b.waitFor(d -> Boolean.FALSE.equals(b.js("return tavoloClient.doc.has('sections', arguments[0]);", id)));
      assertTrue(b.focused("#doc-panels *"), "focus after delete: " + b.js("return document.activeElement.outerHTML.slice(0, 120);"));
      b.ctrl("z");
      b.waitFor(d -> "Scritto senza mouse.".equals(b.text("sections", id, "body")));

      // A budget line: add, describe, amount the Italian way.
      b.tabTo("#add-budget-line", false, 600);
      b.press(Keys.ENTER);
      b.waitFor(d -> b.focused("#budget-rows [data-field='description']"));
      String line = (String) b.js("return document.activeElement.closest('tr').dataset.id;");
      b.press("Voce da tastiera", Keys.TAB);
      b.tabTo("tr[data-id='" + line + "'] input[data-field='amount']", false, 4);
      b.ctrl("a");
      b.press("2.500,50", Keys.TAB);
      b.waitFor(d -> ((Number) b.js("return tavoloClient.doc.get('budget', arguments[0]).amount;", line)).longValue() == 250050);
      assertEquals("Voce da tastiera", b.js("return tavoloClient.doc.get('budget', arguments[0]).description;", line));
      b.waitFor(d -> b.pending() == 0);
      b.screenshot("keyboard");
      List<Axe.Violation> serious = Axe.serious(b, "document as a member");
      assertTrue(serious.isEmpty(), serious.toString());
    }
  }

  private static int sectionCount(TavoloBrowser b) {
    return ((Number) b.js("return tavoloClient.doc.ordered('sections').length;")).intValue();
  }

  private static int indexOf(TavoloBrowser b, String id) {
    return ((Number) b.js("return tavoloClient.doc.ordered('sections').findIndex(s => s.id === arguments[0]);", id)).intValue();
  }
}
