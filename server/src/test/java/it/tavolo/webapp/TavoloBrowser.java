package it.tavolo.webapp;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** One person at the table: a headless Chromium driven through the real web app. */
final class TavoloBrowser extends BrowserPage {
  private final String base;

  TavoloBrowser(String base) {
    this.base = base;
  }

  void login(String email) {
    driver.get(base + "/#/");
    WebElement emailField = waitFor(d -> visible(d, By.id("login-email")));
    emailField.clear();
    emailField.sendKeys(email);
    WebElement password = driver.findElement(By.id("login-password"));
    password.clear();
    password.sendKeys("demo");
    driver.findElement(By.id("login-submit")).click();
    waitFor(d -> visible(d, By.id("tavoli-list")) != null && !d.findElements(By.cssSelector("#tavoli-list li")).isEmpty());
  }

  void openDocument(String tavoloId, String docId) {
    driver.get(base + "/#/doc/" + tavoloId + "/" + docId);
    waitFor(d -> "true".equals(js("return document.querySelector('#view-doc').dataset.ready || null")));
    waitFor(d -> Boolean.TRUE.equals(js("return !!document.querySelector('#sections-list .cm-content')")));
  }

  void openTavolo(String tavoloId) {
    driver.get(base + "/#/tavolo/" + tavoloId);
    waitFor(d -> !d.findElements(By.cssSelector("#members-rows tr")).isEmpty());
  }

  WebElement editor(String coll, String id, String field) {
    return driver.findElement(By.cssSelector("[data-field='" + coll + "/" + id + "/" + field + "'] .cm-content"));
  }

  /** Types at the end of a text field, like a person would. */
  void typeAtEnd(String coll, String id, String field, CharSequence text) {
    WebElement e = focusEditor(coll, id, field);
    e.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
    e.sendKeys(text);
  }

  /** Scrolls a text field's editor to the middle of the window and clicks into it. */
  private WebElement focusEditor(String coll, String id, String field) {
    WebElement e = editor(coll, id, field);
    // Centre it: the document page's toolbar is sticky and would cover an element at the top.
    js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
    e.click();
    return e;
  }

  /** Types at the start of a text field. */
  void typeAtStart(String coll, String id, String field, CharSequence text) {
    WebElement e = focusEditor(coll, id, field);
    e.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME));
    e.sendKeys(text);
  }

  /** Selects the first {@code length} characters of a text field with Shift+Right. */
  void selectFromStart(String coll, String id, String field, int length) {
    WebElement e = focusEditor(coll, id, field);
    e.sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME));
    for (int i = 0; i < length; i++) {
      e.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_RIGHT));
    }
  }

  /** Scrolls an element to the middle of the window (clear of the sticky toolbar). */
  void scrollTo(String css) {
    js("document.querySelector(arguments[0]).scrollIntoView({block: 'center', behavior: 'instant'})", css);
  }

  /** Clicks an element after bringing it to the middle of the window, as a person would. */
  void click(String css) {
    scrollTo(css);
    driver.findElement(By.cssSelector(css)).click();
  }

  /** Keys to whatever has the focus, as a keyboard would send them. */
  void press(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Ctrl + key on whatever has the focus. */
  void ctrl(String key) {
    new Actions(driver).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
  }

  /** Whether the focused element matches a CSS selector. */
  boolean focused(String css) {
    return Boolean.TRUE.equals(js("return !!document.activeElement && document.activeElement.matches(arguments[0]);", css));
  }

  /**
   * Presses Tab (or Shift+Tab) until the focused element matches {@code css}, as a keyboard
   * user moves through the page; fails if it is not reached within {@code max} presses.
   */
  void tabTo(String css, boolean backwards, int max) {
    for (int i = 0; i < max; i++) {
      if (focused(css)) {
        return;
      }
      if (backwards) {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      } else {
        press(Keys.TAB);
      }
    }
    if (!focused(css)) {
      printConsole();
      throw new AssertionError("not reachable by " + (backwards ? "Shift+Tab" : "Tab") + " in " + max + " presses: " + css
          + " (focus is on " + js("const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : null;") + ")");
    }
  }

  /** The field's text in the client's document model. */
  String text(String coll, String id, String field) {
    // Null while the client reloads the document (after a resync).
    return (String) js("const d = window.tavoloClient && tavoloClient.doc; const e = d ? d.get(arguments[0], arguments[1]) : null;"
        + " return e ? e[arguments[2]] : null;", coll, id, field);
  }

  /** The field's text as the editor on screen shows it. */
  String editorText(String coll, String id, String field) {
    return (String) js("return tavoloView.ctx.editors.get(arguments[0]).text();", coll + "/" + id + "/" + field);
  }

  long pending() {
    return ((Number) js("return tavoloClient.pendingCount();")).longValue();
  }

  String userId() {
    return (String) js("return tavoloClient.you.user;");
  }
}
