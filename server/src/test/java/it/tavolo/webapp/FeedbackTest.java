package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a person sees after acting, and the small bugs of issue 18 a hybrid meeting hit: the
 * seduta page's link button, the item left "in discussione" after closing, the coordinator
 * missing from the register, a delete with no way back, "1 modifiche", cursor labels over text.
 */
class FeedbackTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static JsonObject api(String bearer, int status, String method, String path, JsonObject body) {
    var r = TestServer.request(method, path, body == null ? null : body.encode(),
        "Authorization", "Bearer " + bearer, "Content-Type", "application/json");
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  private static String text(TavoloBrowser b, String css) {
    return String.valueOf(b.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css));
  }

  @Test
  void aCoordinatorRunningTheSedutaFromItsPageIsInTheRegisterAndSeesNoStrayWordsOrItemsAfterClosing() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coordinator = InvitationPageTest.token("coordinatore@demo.tavolo");
    String sedutaId = api(coordinator, 201, "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "Incontro di prova").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "ibrida")
        .put("place", "Sala consiliare").put("callUrl", "https://us02web.zoom.us/j/4511880578").put("documents", new JsonArray().add(t.documentId().toString()))
        .put("agenda", new JsonArray().add("Analisi del bisogno").add("Piano economico"))).getString("id");
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.driver.get(base + "/#/seduta/" + t.id() + "/" + sedutaId);
      giulia.waitFor(d -> "planned".equals(giulia.js("const v = document.querySelector('#view-seduta'); return v.dataset.ready && v.dataset.state;")));
      giulia.click("#seduta-open");
      giulia.waitFor(d -> "open".equals(giulia.js("return document.querySelector('#view-seduta').dataset.state")));
      // no draft opened: running the seduta from its page is being there
      giulia.waitFor(d -> text(giulia, "#attendance-rows").contains("Giulia Bianchi"));
      // no link yet: the button says what it does, and nothing else
      WebElement create = giulia.waitFor(d -> TavoloBrowser.visible(d, By.id("viewer-create")));
      assertEquals("Crea il link pubblico", create.getText());
      assertFalse(text(giulia, "#viewer-body").contains("null"), text(giulia, "#viewer-body"));
      // the opening was confirmed on screen, not only to screen readers
      assertTrue(giulia.driver.findElements(By.cssSelector("#toasts .tv-toast")).size() > 0
          || text(giulia, "#seduta-status").length() > 0, "visible feedback after opening");

      String first = (String) giulia.js("return document.querySelector('#agenda-list li[data-item]').dataset.item");
      giulia.click("button.tv-discuss[data-item='" + first + "']");
      giulia.waitFor(d -> text(giulia, "#agenda-list").contains("In discussione"));
      giulia.click("#seduta-close");
      giulia.driver.switchTo().alert().accept();
      giulia.waitFor(d -> "closed".equals(giulia.js("return document.querySelector('#view-seduta').dataset.state")));
      assertFalse(text(giulia, "#agenda-list").contains("In discussione"), "after closing nothing is in discussion");
      assertEquals(0L, giulia.js("return document.querySelectorAll('#agenda-list [aria-current]').length"));
      assertTrue(text(giulia, "#attendance-rows").contains("Giulia Bianchi"));
    }
  }

  @Test
  void deletingABudgetLineShowsAToastWhoseUndoBringsItBack() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openDocument(t.id().toString(), t.documentId().toString());
      long before = ((Number) giulia.js("return document.querySelectorAll('#budget-rows tr').length")).longValue();
      String id = (String) giulia.js("return document.querySelector('#budget-rows tr').dataset.id");
      giulia.click("#budget-rows tr[data-id='" + id + "'] button[data-action='delete']");
      giulia.waitFor(d -> ((Number) giulia.js("return document.querySelectorAll('#budget-rows tr').length")).longValue() == before - 1);
      WebElement toast = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#toasts .tv-toast")));
      assertTrue(toast.getText().contains("Voce di spesa eliminata"), toast.getText());
      assertEquals("Voce di spesa eliminata.", text(giulia, "#status-live"), "screen readers hear it too");
      toast.findElement(By.cssSelector(".tv-toast-action")).click();
      giulia.waitFor(d -> Boolean.TRUE.equals(giulia.js("return !!document.querySelector(\"#budget-rows tr[data-id='" + id + "']\")")));
      giulia.waitFor(d -> giulia.pending() == 0);
      assertTrue(giulia.text("budget", id, "description") != null, "the line is back in the document");
    }
  }

  @Test
  void oneChangeIsSingularAndRemoteCursorNamesFadeOffTheText() {
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      Object one = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "import('/js/i18n.js').then(m => done([m.t('conn.onlineSaving', {count: 1}), m.t('conn.onlineSaving', {count: 2})]));");
      assertEquals(java.util.List.of("Salvataggio di 1 modifica…", "Salvataggio di 2 modifiche…"), one);
      // a remote caret as the editor draws it: its name must not stay over the words above it
      b.js("const line = document.createElement('div'); line.className = 'cm-line'; line.textContent = 'testo sotto';"
          + "const c = document.createElement('span'); c.className = 'remote-caret c1';"
          + "const l = document.createElement('span'); l.className = 'remote-caret-label'; l.textContent = 'Sara';"
          + "c.append(l); line.append(c); document.querySelector('main').append(line);");
      assertEquals("1", b.js("return getComputedStyle(document.querySelector('.remote-caret-label')).opacity"), "shown at first");
      b.waitFor(d -> "0".equals(b.js("return getComputedStyle(document.querySelector('.remote-caret-label')).opacity")));
    }
  }

  @Test
  void theCoordinatorMakesTheFinalVersionInOneStepAndCannotRepeatItOnTheSameContent() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openDocument(t.id().toString(), t.documentId().toString());
      giulia.scrollTo("#final-form");
      giulia.driver.findElement(By.cssSelector("#final-form input")).sendKeys("Per la determina");
      giulia.click("#final-create");
      String confirm = giulia.driver.switchTo().alert().getText();
      assertTrue(confirm.contains("bloccato") && confirm.contains("non potrà più cambiare"), "the confirmation says what happens: " + confirm);
      giulia.driver.switchTo().alert().accept();
      giulia.waitFor(d -> Boolean.TRUE.equals(giulia.js("return !!document.querySelector('#versions-rows tr[data-consolidated=\"true\"]')")));
      assertEquals(Boolean.TRUE, giulia.js("return !!tavoloClient.locked"), "locked, named and consolidated in one step");
      assertTrue(text(giulia, "#versions-status").contains("SHA-256"), text(giulia, "#versions-status"));

      giulia.click("#lock-button"); // reopen for changes: nothing changed since
      giulia.waitFor(d -> Boolean.FALSE.equals(giulia.js("return !!tavoloClient.locked")));
      giulia.driver.findElement(By.cssSelector("#final-form input")).sendKeys("Di nuovo");
      giulia.click("#final-create");
      giulia.driver.switchTo().alert().accept();
      giulia.waitFor(d -> text(giulia, "#versions-status").contains("identico"));
      assertEquals(1L, giulia.js("return document.querySelectorAll('#versions-rows tr').length"), "no second version");
      giulia.waitFor(d -> Boolean.FALSE.equals(giulia.js("return !!tavoloClient.locked")));
    }
  }
}
