package it.tavolo.sedute;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** One person in a seduta, in headless Chromium driving the real web app (driver set up as the webapp tests do). */
final class SedutaBrowser extends it.tavolo.webapp.BrowserPage {
  final String base;

  SedutaBrowser(String base) {
    this.base = base;
  }

  /** Logs in as a demo account (email) and waits for the list of tavoli. */
  SedutaBrowser login(String email) {
    driver.get(base + "/#/");
    WebElement field = waitFor(d -> visible(d, By.id("login-email")));
    field.sendKeys(email);
    driver.findElement(By.id("login-password")).sendKeys("demo");
    driver.findElement(By.id("login-submit")).click();
    waitFor(d -> !d.findElements(By.cssSelector("#tavoli-list li")).isEmpty());
    return this;
  }

  void go(String hash) {
    driver.get(base + "/" + hash);
  }

  void openDocument(Object tavoloId, Object docId) {
    go("#/doc/" + tavoloId + "/" + docId);
    waitFor(d -> "true".equals(js("return document.querySelector('#view-doc').dataset.ready || null")));
    waitFor(d -> Boolean.TRUE.equals(js("return !!document.querySelector('#sections-list .cm-content') && !!document.querySelector('#follow-toggle')")));
  }

  /** Clicks an element after bringing it to the middle of the window, as a person would scroll to it. */
  void click(String css) {
    WebElement e = waitFor(d -> visible(d, By.cssSelector(css)));
    js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
    e.click();
  }

  /** True when the element's box lies within the window (it was scrolled into view). */
  boolean inView(String css) {
    return Boolean.TRUE.equals(js("""
        const e = document.querySelector(arguments[0]);
        if (!e) return false;
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;""", css));
  }

  long scrollY() {
    return ((Number) js("return Math.round(window.scrollY);")).longValue();
  }
}
