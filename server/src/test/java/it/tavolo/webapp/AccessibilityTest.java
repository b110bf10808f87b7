package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * axe-core on every page of the app, all eight routes (those of a guest and of a seduta too):
 * no serious or critical violation anywhere.
 */
class AccessibilityTest {
  private final String base = "http://localhost:" + TestServer.port();

  /** The app's routes (js/app.js and js/sedute/views.js); each is checked below, by this name. */
  static final List<String> ROUTES = List.of("login", "tavoli", "tavolo", "document", "invito", "seduta", "presenta", "segui");

  /** A coordinator's call to the API, answered with {@code status}; the JSON body. */
  private static JsonObject api(String bearer, int status, String method, String path, JsonObject body) {
    var r = TestServer.request(method, path, body == null ? null : body.encode(),
        "Authorization", "Bearer " + bearer, "Content-Type", "application/json");
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  @Test
  void everyPageIsFreeOfSeriousAndCriticalAxeViolations() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coordinator = InvitationPageTest.token("coordinatore@demo.tavolo");
    String invitation = InvitationPageTest.invite(t, "member", it.tavolo.demo.DemoSeed.COOPERATIVA.id());
    // an open seduta showing the document, with a guest link: what #/seduta, #/presenta and #/segui show
    JsonObject seduta = api(coordinator, 201, "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "Incontro di prova").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "ibrida")
        .put("place", "Sala consiliare").put("callUrl", "https://us02web.zoom.us/j/4511880578")
        .put("documents", new JsonArray().add(t.documentId().toString()))
        .put("agenda", new JsonArray().add("Analisi del bisogno").add("Piano economico")));
    String sedutaId = seduta.getString("id");
    api(coordinator, 200, "POST", "/api/sedute/" + sedutaId + "/open", null);
    String guestSecret = api(coordinator, 201, "POST", "/api/sedute/" + sedutaId + "/viewer-link", null).getString("token");

    List<String> found = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      // without an account: the login page, an invitation, a guest's read-only view
      b.driver.get(base + "/#/");
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      check(b, "login", found, checked);

      b.driver.get(base + "/#/invito/" + invitation);
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-form")));
      check(b, "invito", found, checked);

      b.driver.get(base + "/#/segui/" + guestSecret);
      b.waitFor(d -> "true".equals(b.js("const v = document.querySelector('#view-presenta'); return v && v.dataset.ready || null")));
      b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
      check(b, "segui", found, checked);

      b.driver.get(base + "/#/");
      b.login("coordinatore@demo.tavolo");
      check(b, "tavoli", found, checked);

      b.driver.get(base + "/#/tavolo/" + t.id());
      b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 5);
      b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(org.openqa.selenium.Keys.ENTER);
      b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
      check(b, "tavolo", found, checked);

      b.openDocument(t.id().toString(), t.documentId().toString());
      b.driver.findElement(By.id("toggle-authors")).click();
      check(b, "document", found, checked);

      b.driver.get(base + "/#/seduta/" + t.id() + "/" + sedutaId);
      b.waitFor(d -> "open".equals(b.js("const v = document.querySelector('#view-seduta'); return v.dataset.ready && v.dataset.state;")));
      check(b, "seduta", found, checked);

      b.driver.get(base + "/#/presenta/" + t.id() + "/" + sedutaId + "/" + t.documentId());
      b.waitFor(d -> "true".equals(b.js("return document.querySelector('#view-presenta').dataset.ready || null")));
      b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
      check(b, "presenta", found, checked);
      b.printConsole();
    }
    assertEquals(ROUTES.stream().sorted().toList(), checked.stream().sorted().toList(), "every route was checked");
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

  private static void check(TavoloBrowser b, String page, List<String> found, List<String> checked) {
    checked.add(page);
    for (Axe.Violation v : Axe.serious(b, page)) {
      found.add(page + ": " + v);
    }
  }
}
