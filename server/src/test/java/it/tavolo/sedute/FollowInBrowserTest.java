package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Follow mode in headless Chromium: the coordinator leads, a participant following sees the
 * part in discussion scroll into view (and does not when not following); the presentation
 * view follows too, highlights live changes and shows the agenda item; a guest's read-only
 * view stops when the link is revoked.
 */
class FollowInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void whoFollowsSeesWhatTheCoordinatorPointsAtAndWhoDoesNotStaysPut() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = SedutaLifecycleTest.plan(t, "ibrida").getString("id");
    ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);

    try (SedutaBrowser giulia = new SedutaBrowser(base).login("coordinatore@demo.tavolo");
         SedutaBrowser sara = new SedutaBrowser(base).login("ets1@demo.tavolo")) {
      giulia.openDocument(t.id(), t.documentId());
      sara.openDocument(t.id(), t.documentId());
      // a seduta is open: Sara follows by default, Giulia may lead
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return document.querySelector('#follow-toggle').checked")));
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return !document.querySelector('#doc-seduta').hidden")));
      assertTrue(sara.text("#doc-seduta").contains("Secondo incontro"));
      giulia.waitFor(d -> Boolean.TRUE.equals(giulia.js("return !document.querySelector('#lead-switch').hidden")));
      assertEquals(Boolean.TRUE, sara.js("return document.querySelector('#lead-switch').hidden"), "only coordinators lead");
      giulia.js("document.querySelector('#lead-toggle').click()");

      @SuppressWarnings("unchecked")
      List<String> lines = (List<String>) giulia.js("return [...document.querySelectorAll('#doc-budget tr[data-id]')].map(r => r.dataset.id)");
      assertTrue(lines.size() >= 2, "the demo draft has budget lines: " + lines);
      String last = lines.get(lines.size() - 1);
      sara.js("window.scrollTo({top: 0, behavior: 'instant'})");
      sara.waitFor(d -> sara.scrollY() == 0L);
      assertFalse(sara.inView("#doc-budget tr[data-id='" + last + "']"), "the last budget line starts out of view");

      giulia.js("document.querySelector(\"#doc-budget tr[data-id='\" + arguments[0] + \"'] td\").click()", last);
      sara.waitFor(d -> sara.inView("#doc-budget tr[data-id='" + last + "']"));
      assertEquals("budget/" + last, sara.js("return document.querySelector('#view-doc').dataset.followed"));
      sara.screenshot("seduta-follow-participant");

      // not following: the page stays where it is
      sara.driver.findElement(org.openqa.selenium.By.cssSelector("label[for='follow-toggle']")).click();
      assertEquals(Boolean.FALSE, sara.js("return document.querySelector('#follow-toggle').checked"));
      // the page scrolls smoothly (scroll-behavior: smooth): go to the top at once, and be there
      sara.js("window.scrollTo({top: 0, behavior: 'instant'})");
      sara.waitFor(d -> sara.scrollY() == 0L);
      String firstSection = (String) giulia.js("return document.querySelector('#sections-list li[data-id]').dataset.id");
      giulia.js("document.querySelector(\"#doc-budget tr[data-id='\" + arguments[0] + \"'] td\").click()", lines.get(0));
      // proof the lead reached Sara's page: her client holds Giulia's new focus (the same
      // presence message the follow handler would have scrolled for)
      String first = lines.get(0);
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return [...window.tavoloView.ctx.remoteFocus.values()]"
          + ".some(v => v.focus.coll === 'budget' && v.focus.id === arguments[0])", first)));
      Ws.sleep(1000); // a smooth scroll, had one started, would be under way by now
      assertEquals(0L, sara.scrollY(), "who does not follow is not moved");
      assertEquals("budget/" + last, sara.js("return document.querySelector('#view-doc').dataset.followed"),
          "the lead that arrived was not followed");
      assertFalse(firstSection.isEmpty());
    }
  }

  @Test
  void thePresentationViewFollowsHighlightsChangesAndAGuestIsCutOffOnRevocation() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject planned = SedutaLifecycleTest.plan(t, "online");
    String id = planned.getString("id");
    JsonObject open = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/open", null);
    String secret = ok(201, "coordinatore", "POST", "/api/sedute/" + id + "/viewer-link", null).getString("token");

    try (SedutaBrowser giulia = new SedutaBrowser(base).login("coordinatore@demo.tavolo");
         SedutaBrowser marco = new SedutaBrowser(base).login("pa@demo.tavolo");
         SedutaBrowser guest = new SedutaBrowser(base);
         Ws editor = Ws.join("coordinatore", t.documentId())) {
      giulia.openDocument(t.id(), t.documentId());
      giulia.js("document.querySelector('#lead-toggle').click()");
      marco.go("#/presenta/" + t.id() + "/" + id + "/" + t.documentId());
      marco.waitFor(d -> "true".equals(marco.js("return document.querySelector('#view-presenta').dataset.ready || null")));
      marco.waitFor(d -> Boolean.TRUE.equals(marco.js("return document.querySelectorAll('#present-doc [data-key]').length > 3")));
      guest.go("#/segui/" + secret);
      guest.waitFor(d -> "true".equals(guest.js("return document.querySelector('#view-presenta').dataset.ready || null")));
      assertEquals("viewer", guest.js("return document.querySelector('#view-presenta').dataset.role"));

      // the agenda item in discussion shows up live in both
      String item = open.getJsonArray("agenda").getJsonObject(1).getString("id");
      ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/current", new JsonObject().put("itemId", item));
      for (SedutaBrowser b : List.of(marco, guest)) {
        b.waitFor(d -> b.text("#present-item").contains("Piano economico"));
      }

      // a live change is highlighted with its author
      JsonObject snapshot = editor.welcome.getJsonObject("snapshot").getJsonObject("collections").getJsonObject("sections");
      String section = snapshot.fieldNames().iterator().next();
      editor.send(new JsonObject().put("type", "submit").put("clientSeq", 1).put("baseSeq", editor.welcome.getLong("seq"))
          .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "sections").put("id", section)
              .put("field", "title").put("value", "Analisi del bisogno — rivista in seduta"))));
      editor.next("ack");
      String changed = "#present-doc [data-key='sections/" + section + "']";
      for (SedutaBrowser b : List.of(marco, guest)) {
        b.waitFor(d -> Boolean.TRUE.equals(b.js("const e = document.querySelector(arguments[0]); return !!e && e.classList.contains('tv-p-changed') && e.textContent.includes('rivista in seduta')", changed)));
      }

      // the coordinator points at the last budget line: the presentation scrolls to it
      @SuppressWarnings("unchecked")
      List<String> lines = (List<String>) giulia.js("return [...document.querySelectorAll('#doc-budget tr[data-id]')].map(r => r.dataset.id)");
      String last = lines.get(lines.size() - 1);
      marco.js("window.scrollTo(0, 0)");
      giulia.js("document.querySelector(\"#doc-budget tr[data-id='\" + arguments[0] + \"'] td\").click()", last);
      marco.waitFor(d -> marco.inView("#present-doc [data-key='budget/" + last + "']"));
      marco.screenshot("seduta-presentation");
      guest.screenshot("seduta-guest");

      // the guest can change nothing and is cut off when the link is revoked
      assertEquals(0L, guest.js("return document.querySelectorAll('#view-presenta input:not(#present-follow), #view-presenta textarea, #view-presenta [contenteditable=true]').length"));
      ok(204, "coordinatore", "DELETE", "/api/sedute/" + id + "/viewer-link", null);
      guest.waitFor(d -> Boolean.TRUE.equals(guest.js("return !!document.querySelector('#present-error')")));
      assertTrue(guest.text("#present-error").contains("non è più attivo"));
    }
  }
}
