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
 * axe-core on every page of the app, all eight routes (those of a guest and of a seduta too),
 * at a phone's size and a laptop's, and the draft with a toast on screen: no serious or
 * critical violation anywhere.
 */
class AccessibilityTest {
  private final String base = "http://localhost:" + TestServer.port();

  /** The app's routes (js/app.js and js/sedute/views.js); each is checked below, by this name. */
  static final List<String> ROUTES = List.of("login", "tavoli", "tavolo", "document", "invito", "seduta", "presenta", "segui",
      "notifiche");

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
    String invitation;
    // an open seduta showing the document, with a guest link: what #/seduta, #/presenta and #/segui show
    JsonObject seduta = api(coordinator, 201, "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "Incontro di prova").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "ibrida")
        .put("place", "Sala consiliare").put("callUrl", "https://us02web.zoom.us/j/4511880578")
        .put("documents", new JsonArray().add(t.documentId().toString()))
        .put("agenda", new JsonArray().add("Analisi del bisogno").add("Piano economico"))
        .put("convene", true)); // so the notifications page has an unread one to show
    // the demo's ATI (issue 15): the draft's budget panel then shows its totals per grouping
    api(coordinator, 201, "POST", "/api/tavoli/" + t.id() + "/groupings", new JsonObject().put("kind", "ATI")
        .put("name", it.tavolo.demo.DemoSeed.GROUPING_NAME).put("capofila", it.tavolo.demo.DemoSeed.CONSORZIO.id().toString())
        .put("members", new JsonArray().add(it.tavolo.demo.DemoSeed.COOPERATIVA.id().toString())));
    String sedutaId = seduta.getString("id");
    api(coordinator, 200, "POST", "/api/sedute/" + sedutaId + "/open", null);
    String guestSecret = api(coordinator, 201, "POST", "/api/sedute/" + sedutaId + "/viewer-link", null).getString("token");
    // a closed seduta of another tavolo whose verbale is open for remarks (issue 19): the review panel
    TestServer.Tavolo t2 = TestServer.freshTavolo();
    String closedId = api(coordinator, 201, "POST", "/api/tavoli/" + t2.id() + "/sedute", new JsonObject()
        .put("title", "Incontro chiuso").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "online")
        .put("callUrl", "https://us02web.zoom.us/j/4511880578").put("agenda", new JsonArray().add("Analisi del bisogno"))).getString("id");
    api(coordinator, 200, "POST", "/api/sedute/" + closedId + "/open", null);
    api(coordinator, 200, "POST", "/api/sedute/" + closedId + "/close", null);
    api(coordinator, 200, "PUT", "/api/sedute/" + closedId + "/verbale/remarks-period", new JsonObject().put("days", 7));

    List<String> found = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    // a phone and a laptop: the phone layout (cards, wrapped header) must be as clean
    for (int[] size : new int[][] {{390, 844}, {1366, 800}}) {
      String at = " " + size[0] + "x" + size[1];
      invitation = InvitationPageTest.invite(t, "member", it.tavolo.demo.DemoSeed.COOPERATIVA.id());
      try (TavoloBrowser b = new TavoloBrowser(base)) {
        b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
        // without an account: the login page, an invitation, a guest's read-only view
        b.driver.get(base + "/#/");
        b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
        check(b, "login" + at, found, checked);

        b.driver.get(base + "/#/invito/" + invitation);
        b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-form")));
        check(b, "invito" + at, found, checked);

        b.driver.get(base + "/#/segui/" + guestSecret);
        b.waitFor(d -> "true".equals(b.js("const v = document.querySelector('#view-presenta'); return v && v.dataset.ready || null")));
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
        check(b, "segui" + at, found, checked);

        b.driver.get(base + "/#/");
        b.login("coordinatore@demo.tavolo");
        check(b, "tavoli" + at, found, checked);

        b.driver.get(base + "/#/notifiche");
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#notify-list li').length > 0 "
            + "&& document.querySelectorAll('#notify-settings-rows tr').length === 14 "
            + "&& !document.querySelector('#notify-count').hidden")));
        check(b, "notifiche" + at, found, checked);

        b.driver.get(base + "/#/tavolo/" + t.id());
        b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 5);
        b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(org.openqa.selenium.Keys.ENTER);
        b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
        check(b, "tavolo" + at, found, checked);

        b.openDocument(t.id().toString(), t.documentId().toString());
        b.click("#toggle-authors");
        check(b, "document" + at, found, checked);

        b.driver.get(base + "/#/seduta/" + t.id() + "/" + sedutaId);
        b.waitFor(d -> "open".equals(b.js("const v = document.querySelector('#view-seduta'); return v.dataset.ready && v.dataset.state;")));
        check(b, "seduta" + at, found, checked);

        b.driver.get(base + "/#/presenta/" + t.id() + "/" + sedutaId + "/" + t.documentId());
        b.waitFor(d -> "true".equals(b.js("return document.querySelector('#view-presenta').dataset.ready || null")));
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
        check(b, "presenta" + at, found, checked);
        b.driver.get(base + "/#/seduta/" + t2.id() + "/" + closedId);
        b.waitFor(d -> TavoloBrowser.visible(d, By.id("verbale-approve")));
        check(b, "seduta with its verbale under review" + at, found, checked);
        // states: a toast on screen (after a delete, with its undo) and the coordinator's final-version form
        b.driver.get(base + "/#/doc/" + t.id() + "/" + t.documentId());
        b.waitFor(d -> "true".equals(b.js("return document.querySelector('#view-doc').dataset.ready || null")));
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#budget-rows tr').length > 0")));
        b.click("#budget-rows tr button[data-action='delete']");
        b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#toasts .tv-toast-action")));
        b.scrollTo("#final-form");
        check(b, "document with a toast" + at, found, checked);
        b.driver.findElement(By.cssSelector("#toasts .tv-toast-action")).click();
        b.printConsole();
      }
    }
    List<String> expected = new ArrayList<>();
    for (String size : List.of(" 390x844", " 1366x800")) {
      ROUTES.forEach(r -> expected.add(r + size));
      expected.add("document with a toast" + size);
      expected.add("seduta with its verbale under review" + size);
    }
    assertEquals(expected.stream().sorted().toList(), checked.stream().sorted().toList(), "every route was checked at both sizes");
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
