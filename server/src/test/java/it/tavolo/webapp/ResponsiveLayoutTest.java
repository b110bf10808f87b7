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
import org.openqa.selenium.Dimension;

/**
 * Every route at a phone's size (390×844) and a laptop's (1366×800): the page never scrolls
 * sideways, no internal term (seq, round, "Giro di lavoro") is on screen, and wherever someone is
 * logged in their name and "Esci" are on screen. The
 * presentation view hides the header on purpose (it is shared on a projector), so there only
 * the width is checked.
 */
class ResponsiveLayoutTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static JsonObject api(String bearer, int status, String method, String path, JsonObject body) {
    var r = TestServer.request(method, path, body == null ? null : body.encode(),
        "Authorization", "Bearer " + bearer, "Content-Type", "application/json");
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  @Test
  void everyRouteFitsAPhoneAndALaptopWithoutSidewaysScroll() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coordinator = InvitationPageTest.token("coordinatore@demo.tavolo");
    JsonObject seduta = api(coordinator, 201, "POST", "/api/tavoli/" + t.id() + "/sedute", new JsonObject()
        .put("title", "Incontro di prova").put("startsAt", "2026-12-03T15:00:00+01:00").put("mode", "ibrida")
        .put("place", "Sala consiliare").put("callUrl", "https://us02web.zoom.us/j/4511880578")
        .put("documents", new JsonArray().add(t.documentId().toString()))
        .put("agenda", new JsonArray().add("Analisi del bisogno").add("Piano economico")));
    String sedutaId = seduta.getString("id");
    api(coordinator, 200, "POST", "/api/sedute/" + sedutaId + "/open", null);
    String guestSecret = api(coordinator, 201, "POST", "/api/sedute/" + sedutaId + "/viewer-link", null).getString("token");

    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (int[] size : new int[][] {{390, 844}, {1366, 800}}) {
      String invitation = InvitationPageTest.invite(t, "member", it.tavolo.demo.DemoSeed.COOPERATIVA.id());
      try (TavoloBrowser b = new TavoloBrowser(base)) {
        b.driver.manage().window().setSize(new Dimension(size[0], size[1]));
        String at = size[0] + "x" + size[1];

        b.driver.get(base + "/#/");
        b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
        check(b, at, "login", false, problems, checked);

        b.driver.get(base + "/#/invito/" + invitation);
        b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-form")));
        check(b, at, "invito", false, problems, checked);

        b.driver.get(base + "/#/segui/" + guestSecret);
        b.waitFor(d -> "true".equals(b.js("const v = document.querySelector('#view-presenta'); return v && v.dataset.ready || null")));
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
        check(b, at, "segui", false, problems, checked);

        b.login("coordinatore@demo.tavolo");
        check(b, at, "tavoli", true, problems, checked);

        b.driver.get(base + "/#/notifiche");
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#notify-settings-rows tr').length === 14")));
        check(b, at, "notifiche", true, problems, checked);

        b.driver.get(base + "/#/tavolo/" + t.id());
        b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 5);
        b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(org.openqa.selenium.Keys.ENTER);
        b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
        check(b, at, "tavolo", true, problems, checked);

        b.openDocument(t.id().toString(), t.documentId().toString());
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#doc-budget [data-key], #doc-budget tr').length > 2")));
        check(b, at, "document", true, problems, checked);
        if (size[0] >= 1366) {
          // one line of tools on a laptop: it is sticky and must not hide the headings
          long h = ((Number) b.js("return Math.round(document.querySelector('#view-doc .tv-toolbar').getBoundingClientRect().height)")).longValue();
          if (h > 64) {
            problems.add(at + " document: the toolbar is " + h + " px tall, more than one line");
          }
        }

        b.driver.get(base + "/#/seduta/" + t.id() + "/" + sedutaId);
        b.waitFor(d -> "open".equals(b.js("const v = document.querySelector('#view-seduta'); return v.dataset.ready && v.dataset.state;")));
        check(b, at, "seduta", true, problems, checked);

        b.driver.get(base + "/#/presenta/" + t.id() + "/" + sedutaId + "/" + t.documentId());
        b.waitFor(d -> "true".equals(b.js("return document.querySelector('#view-presenta').dataset.ready || null")));
        b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
        check(b, at, "presenta", false, problems, checked);
      }
    }
    assertEquals(2 * AccessibilityTest.ROUTES.size(), checked.size(), "every route at both sizes: " + checked);
    assertTrue(problems.isEmpty(), "layout problems:\n" + String.join("\n", problems));
  }

  @Test
  void aLongBudgetDescriptionIsShownWholeOnALaptop() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String description = "Coordinamento della rete territoriale dei servizi di prossimità per le famiglie"
        + " con figli minori e accompagnamento educativo domiciliare";
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.manage().window().setSize(new Dimension(1366, 800));
      b.login("coordinatore@demo.tavolo");
      b.openDocument(t.id().toString(), t.documentId().toString());
      b.js("tavoloClient.submit([{op: 'create', coll: 'budget', id: 'lunga', fields: {order: 'zz', contributor: tavoloClient.you.org,"
          + " nature: 'monetary', category: 'servizi', description: arguments[0], amount: 1000}}]); tavoloView.queueRender();", description);
      b.waitFor(d -> !d.findElements(By.cssSelector("#budget-rows tr[data-id='lunga'] [data-field='description']")).isEmpty());
      b.scrollTo("#budget-rows tr[data-id='lunga']");
      // nothing of it hidden inside the control: it wraps (or is wide enough), never cut
      @SuppressWarnings("unchecked")
      List<Number> box = (List<Number>) b.js("const e = document.querySelector(\"#budget-rows tr[data-id='lunga'] [data-field='description']\");"
          + " return [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight, e.value.length];");
      assertEquals(description.length(), box.get(4).intValue());
      assertTrue(box.get(0).intValue() <= box.get(1).intValue() + 1 && box.get(2).intValue() <= box.get(3).intValue() + 1,
          "the description is cut: scroll " + box.get(0) + "x" + box.get(2) + " in a box of " + box.get(1) + "x" + box.get(3));
    }
  }

  private static void check(TavoloBrowser b, String at, String page, boolean loggedIn, List<String> problems, List<String> checked)
      throws Exception {
    checked.add(at + " " + page);
    b.screenshot("layout-" + page + "-" + at);
    @SuppressWarnings("unchecked")
    var r = (java.util.Map<String, Object>) b.js(
        "const se = document.scrollingElement;"
        + "const onScreen = sel => { const e = document.querySelector(sel); if (!e || !e.offsetParent) return false;"
        + "  const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= innerWidth; };"
        // the widest elements, to say what overflows
        + "const wide = [...document.querySelectorAll('main *, header *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.offsetParent)"
        + "  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right));"
        // words of the code, not of the people using it (docs/webapp.md's glossary)
        + "const jargon = (document.body.innerText.match(/\\b(seq|round|batch|client ?id)\\b|giro di lavoro|punto della storia/gi) || []).join(', ');"
        + "return {scrollWidth: se.scrollWidth, innerWidth: innerWidth, name: onScreen('#user-name'), logout: onScreen('#logout'), wide: wide.join(', '), jargon};");
    long scrollWidth = ((Number) r.get("scrollWidth")).longValue();
    long innerWidth = ((Number) r.get("innerWidth")).longValue();
    if (scrollWidth > innerWidth) {
      problems.add(at + " " + page + ": page is " + scrollWidth + " px wide in a " + innerWidth + " px window (" + r.get("wide") + ")");
    }
    if (!String.valueOf(r.get("jargon")).isEmpty()) {
      problems.add(at + " " + page + ": internal terms on screen: " + r.get("jargon"));
    }
    if (loggedIn && !(Boolean.TRUE.equals(r.get("name")) && Boolean.TRUE.equals(r.get("logout")))) {
      problems.add(at + " " + page + ": the user's name or \"Esci\" is not on screen");
    }
  }
}
