package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** axe-core on every page a participant uses: no serious or critical violation anywhere. */
class AccessibilityTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void everyPageIsFreeOfSeriousAndCriticalAxeViolations() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    List<String> found = new ArrayList<>();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      check(b, "login", found);

      b.login("coordinatore@demo.tavolo");
      check(b, "tavoli", found);

      b.driver.get(base + "/#/tavolo/" + t.id());
      b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 5);
      b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(org.openqa.selenium.Keys.ENTER);
      b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
      check(b, "tavolo", found);

      b.openDocument(t.id().toString(), t.documentId().toString());
      b.driver.findElement(By.id("toggle-authors")).click();
      check(b, "document", found);
      b.printConsole();
    }
    assertTrue(found.isEmpty(), "serious or critical accessibility violations:\n" + String.join("\n", found));
  }

  @Test
  void theCheckSeesAViolationPlantedInThePage() {
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      // Light grey on white and an unlabelled field: both serious.
      b.js("const p = document.createElement('p'); p.textContent = 'poco leggibile'; p.style.color = '#ccc';"
          + "const i = document.createElement('input'); i.type = 'text';"
          + "document.querySelector('#login-form').append(p, i);");
      List<String> rules = Axe.serious(b, "planted").stream().map(Axe.Violation::rule).toList();
      assertTrue(rules.contains("color-contrast") && rules.contains("label"), rules.toString());
    }
  }

  private static void check(TavoloBrowser b, String page, List<String> found) {
    for (Axe.Violation v : Axe.serious(b, page)) {
      found.add(page + ": " + v);
    }
  }
}
