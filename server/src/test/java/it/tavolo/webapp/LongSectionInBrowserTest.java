package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A long section scrolls in its own box (docs/webapp.md, "A long text"), in two headless
 * Chromiums: Sara's page shows Giulia's 60,000-character section in a box at most 70 % of the
 * window high, named by the section's title; typing at its end keeps the caret in the box and
 * leaves the page where it was; a short section still grows with its text; at 390 px the page
 * does not scroll sideways and the box takes at most half the screen; following Giulia's caret
 * scrolls Sara's box to it, and so does a comment's "Vai al testo"; "Mostra tutto il testo" shows the whole text and back; axe-core
 * finds nothing serious.
 */
class LongSectionInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();
  private static final String FIELD = "[data-field='sections/lunga/body']";

  /** The box of the long section: its sizes, the window's, and where the caret is drawn. */
  private static final String BOX = "const w = document.querySelector(arguments[0]), s = w.querySelector('.cm-scroller'),"
      + " v = w.editor.view, r = s.getBoundingClientRect(), c = v.coordsAtPos(v.state.selection.main.head);"
      + " return {scrollHeight: s.scrollHeight, clientHeight: s.clientHeight, scrollTop: Math.round(s.scrollTop),"
      + " innerHeight: innerHeight, long: w.classList.contains('tv-long'), role: s.getAttribute('role'),"
      + " labelledBy: s.getAttribute('aria-labelledby') || '', caretIn: !!c && c.top >= r.top - 1 && c.bottom <= r.bottom + 1"
      + " && c.top >= 0 && c.bottom <= innerHeight};";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> box(TavoloBrowser b, String field) {
    return (Map<String, Object>) b.js(BOX, field);
  }

  private static long num(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).longValue();
  }

  @Test
  void aLongSectionScrollsInItsOwnBoxAndTypingFollowingAndAPhoneWidthWorkInIt() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base); TavoloBrowser sara = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openDocument(t.id().toString(), t.documentId().toString());
      giulia.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      Object filled = giulia.driver.executeAsyncScript("const done = arguments[arguments.length - 1], c = tavoloClient;"
          + "const idle = () => new Promise(r => { const w = () => c.pendingCount() === 0 ? r() : setTimeout(w, 20); w(); });"
          + "(async () => { c.submit([{op: 'create', coll: 'sections', id: 'lunga', fields: {order: 'z', title: 'Relazione lunga', body: ''}}]);"
          + " await idle(); let s = '';"
          + " for (let i = 0; s.length < 60000; i++) s += 'Paragrafo ' + i + ': le famiglie del territorio e i servizi di sostegno.' + (i % 4 === 3 ? '\\n' : ' ');"
          + " c.submit([{op: 'text', coll: 'sections', id: 'lunga', field: 'body', edit: [s]}]); await idle(); done('ok'); })()"
          + ".catch(e => done('failed: ' + e));");
      assertEquals("ok", filled);

      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("const w = document.querySelector(arguments[0]); return !!w && w.classList.contains('tv-long')", FIELD)));

      // the long text scrolls inside a box of at most 70 % of the window, named by its title
      Map<String, Object> b = box(sara, FIELD);
      assertTrue(num(b, "scrollHeight") > 10 * num(b, "clientHeight"), "the text scrolls inside its box: " + b);
      assertTrue(num(b, "clientHeight") <= 0.7 * num(b, "innerHeight") + 1, "the box is at most 70 % of the window: " + b);
      assertEquals("group", b.get("role"));
      String titleId = (String) sara.js("return document.querySelector(\"#sections-list li[data-id='lunga'] .tv-title-input\").id");
      assertTrue(((String) b.get("labelledBy")).startsWith(titleId + " "), "the box is named by the section's title: " + b);
      assertTrue(sara.text(FIELD + " .tv-whole-toggle").contains("Mostra tutto il testo"));
      // a short section keeps growing with its text
      Map<String, Object> shortOne = box(sara, "[data-field='sections/sec-1/body']");
      assertEquals(num(shortOne, "scrollHeight"), num(shortOne, "clientHeight"), "a short text has no box to scroll: " + shortOne);
      assertEquals(Boolean.FALSE, shortOne.get("long"));

      // Sara types at the end: the caret stays in sight, in the box, and the page does not move
      WebElement content = sara.editor("sections", "lunga", "body");
      sara.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center', behavior: 'instant'})", FIELD);
      content.click();
      content.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
      sara.waitFor(d -> Boolean.TRUE.equals(box(sara, FIELD).get("caretIn")));
      long pageY = ((Number) sara.js("return Math.round(scrollY)")).longValue();
      long boxTop = num(box(sara, FIELD), "scrollTop");
      assertTrue(boxTop > 0, "the box scrolled to its end, not the page");
      content.sendKeys(" Aggiunto alla fine.", Keys.ENTER, "E una riga nuova.");
      sara.waitFor(d -> sara.text("sections", "lunga", "body").endsWith("E una riga nuova."));
      sara.waitFor(d -> Boolean.TRUE.equals(box(sara, FIELD).get("caretIn")));
      assertEquals(pageY, ((Number) sara.js("return Math.round(scrollY)")).longValue(), "typing in the box does not scroll the page");
      assertTrue(num(box(sara, FIELD), "scrollTop") >= boxTop, "the box followed the new line");

      // Page Down moves the caret (and the box) by a box's height, not the page
      content.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME));
      sara.waitFor(d -> num(box(sara, FIELD), "scrollTop") < 40L);
      long top = num(box(sara, FIELD), "scrollTop");
      content.sendKeys(Keys.PAGE_DOWN);
      sara.waitFor(d -> num(box(sara, FIELD), "scrollTop") > top + 100);
      assertEquals(pageY, ((Number) sara.js("return Math.round(scrollY)")).longValue(), "Page Down in the box does not scroll the page");
      assertTrue(Boolean.TRUE.equals(box(sara, FIELD).get("caretIn")));

      // following Giulia, who leads: her caret in the middle of the text scrolls Sara's box to it
      sara.js("window.scrollTo({top: 0, behavior: 'instant'})");
      sara.js("document.querySelector('#follow-toggle').click()");
      giulia.js("document.querySelector('#lead-toggle').click()");
      giulia.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center', behavior: 'instant'})", FIELD);
      long middle = ((Number) giulia.js("const v = document.querySelector(arguments[0]).editor.view;"
          + " const p = v.state.doc.lineAt(Math.floor(v.state.doc.length / 2)).from + 5;"
          + " v.focus(); v.dispatch({selection: {anchor: p}, scrollIntoView: true}); return p;", FIELD)).longValue();
      String seen = "const v = document.querySelector(arguments[0]).editor.view, s = v.scrollDOM.getBoundingClientRect(),"
          + " c = v.coordsAtPos(arguments[1]); return !!c && c.top >= s.top && c.bottom <= s.bottom && c.top >= 0 && c.bottom <= innerHeight;";
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js(seen, FIELD, middle)));
      sara.screenshot("long-section-followed");

      // a comment on a passage deep in the text: "Vai al testo" selects it in the middle of the box
      long from = ((Number) sara.js("const v = document.querySelector(arguments[0]).editor.view;"
          + " const p = v.state.doc.lineAt(Math.floor(v.state.doc.length * 0.75)).from; v.focus();"
          + " v.dispatch({selection: {anchor: p, head: p + 20}, scrollIntoView: true}); return p;", FIELD)).longValue();
      sara.click("#comment-selection");
      sara.waitFor(d -> sara.focused(".tv-thread-compose textarea"));
      sara.press("Da rivedere.");
      sara.press(Keys.TAB, Keys.ENTER);
      sara.waitFor(d -> sara.text("#threads-list").contains("Da rivedere."));
      sara.js("const v = document.querySelector(arguments[0]).editor.view; v.dispatch({selection: {anchor: 0}}); v.scrollDOM.scrollTop = 0;", FIELD);
      sara.driver.findElement(org.openqa.selenium.By.xpath("//*[@id='threads-list']//button[normalize-space()='Vai al testo']")).click();
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js(seen, FIELD, from)));
      assertEquals(List.of(from, from + 20), sara.js("const s = document.querySelector(arguments[0]).editor.view.state.selection.main; return [s.from, s.to];", FIELD));

      // the whole text on demand, and back to the box
      sara.click(FIELD + " .tv-whole-toggle");
      sara.waitFor(d -> num(box(sara, FIELD), "clientHeight") >= num(box(sara, FIELD), "scrollHeight") - 1);
      assertTrue(sara.text(FIELD + " .tv-whole-toggle").contains("Mostra il testo in un riquadro"));
      sara.click(FIELD + " .tv-whole-toggle");
      sara.waitFor(d -> num(box(sara, FIELD), "clientHeight") <= 0.7 * num(box(sara, FIELD), "innerHeight") + 1);

      List<Axe.Violation> serious = Axe.serious(sara, "long section");
      assertTrue(serious.isEmpty(), "axe-core: no serious or critical violations: " + serious);

      // a phone: no sideways scroll of the page, and the box at most half the screen
      sara.driver.manage().window().setSize(new Dimension(390, 844));
      sara.waitFor(d -> ((Number) sara.js("return innerWidth")).longValue() <= 390L);
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")));
      Map<String, Object> phone = box(sara, FIELD);
      assertTrue(num(phone, "clientHeight") <= 0.5 * num(phone, "innerHeight") + 1, "on a phone the box is at most half the screen: " + phone);
      assertTrue(num(phone, "scrollHeight") > num(phone, "clientHeight"));
      sara.screenshot("long-section-phone");
    }
  }
}
