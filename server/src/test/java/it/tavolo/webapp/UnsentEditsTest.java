package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

/**
 * A closed tab loses nothing (issue 18): edits that never reached the server are kept in
 * IndexedDB, the page warns before it goes while they are unsent, and opening the draft again
 * sends them once, under the closed tab's client id.
 */
class UnsentEditsTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void editsOfATabClosedOfflineAreWarnedAboutAndLandOnceWhenTheDraftIsOpenedAgain() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      String firstTab = sara.driver.getWindowHandle();
      String clientId = (String) sara.js("return tavoloClient.clientId;");
      String userId = sara.userId();
      sara.driver.executeCdpCommand("Network.enable", Map.of());
      sara.driver.executeCdpCommand("Network.emulateNetworkConditions",
          Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
      sara.waitFor(d -> "offline".equals(sara.js("return document.getElementById('connection').dataset.status;")));
      sara.typeAtEnd("sections", "sec-1", "body", " Scritto prima di chiudere.");
      assertTrue(sara.pending() > 0);
      // kept on the device (the outbox writes at most every 300 ms while typing)
      sara.waitFor(d -> Boolean.TRUE.equals(sara.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "const r = indexedDB.open('tavolo'); r.onsuccess = () => { const db = r.result;"
          + " const q = db.transaction('outbox').objectStore('outbox').getAll();"
          + " q.onsuccess = () => { db.close(); done(q.result.some(x => x.state.clientId === arguments[0] && x.state.buffer)); }; };"
          + "r.onerror = () => done(false);", clientId)));

      // leaving the page: it asks the browser to ask first (headless Chromium shows no dialog,
      // so the page's answer to the event is what is checked)
      assertEquals(Boolean.TRUE, sara.js("const e = new Event('beforeunload', {cancelable: true}); dispatchEvent(e); return e.defaultPrevented;"),
          "a warning before closing while edits are unsent");

      // the tab is closed; Sara opens the draft again in a new one (logged in afresh: sessions are per tab)
      sara.driver.switchTo().newWindow(WindowType.TAB);
      String secondTab = sara.driver.getWindowHandle();
      sara.driver.switchTo().window(firstTab).close();
      sara.driver.switchTo().window(secondTab);
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      sara.waitFor(d -> sara.pending() == 0 && "online".equals(sara.js("return tavoloClient.status;")));
      assertEquals(clientId, sara.js("return tavoloClient.clientId;"), "the closed tab's client id, for the server's resend dedupe");
      assertTrue(String.valueOf(sara.js("return document.getElementById('status-live').textContent")).contains("finestra chiusa"));
      String text = sara.text("sections", "sec-1", "body");
      assertTrue(text.endsWith(" Scritto prima di chiudere."), text);
      assertEquals(" Scritto prima di chiudere.", inserted(t, userId, clientId), "in the op log once, hers");
      // nothing left to warn about
      assertEquals(Boolean.FALSE, sara.js("const e = new Event('beforeunload', {cancelable: true}); dispatchEvent(e); return e.defaultPrevented;"));
    }
  }

  @Test
  void aPersonalDraftSurvivesAReloadHeldAndUnsent() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      String clientId = (String) sara.js("return tavoloClient.clientId;");
      String userId = sara.userId();
      // "Scrivi una proposta": her edits stay in her browser as a personal draft
      sara.js("document.getElementById('hold-switch').click();");
      sara.waitFor(d -> Boolean.TRUE.equals(sara.js("return tavoloClient.hold;")));
      sara.typeAtEnd("sections", "sec-1", "body", " Bozza da tenere.");
      sara.waitFor(d -> Boolean.TRUE.equals(sara.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "const r = indexedDB.open('tavolo'); r.onsuccess = () => { const db = r.result;"
          + " const q = db.transaction('outbox').objectStore('outbox').getAll();"
          + " q.onsuccess = () => { db.close(); done(q.result.some(x => x.state.clientId === arguments[0] && x.state.hold && x.state.buffer)); }; };"
          + "r.onerror = () => done(false);", clientId)));

      sara.driver.navigate().refresh();
      sara.waitFor(d -> "true".equals(sara.js("return document.querySelector('#view-doc').dataset.ready || null")));
      sara.waitFor(d -> "online".equals(sara.js("return tavoloClient.status;")));
      Thread.sleep(500); // time enough for a wrongly released draft to be sent
      assertEquals(Boolean.TRUE, sara.js("return tavoloClient.hold;"), "still a personal draft");
      assertEquals(Boolean.TRUE, sara.js("return document.getElementById('hold-switch').checked;"), "the switch says so");
      String text = sara.editorText("sections", "sec-1", "body");
      assertTrue(text.endsWith(" Bozza da tenere."), text);
      assertTrue(((Number) sara.js("return tavoloClient.draftCount();")).intValue() > 0);
      assertEquals("", inserted(t, userId, clientId), "nothing of the draft sent to the server");
    }
  }

  /** The text a user inserted in the draft under a client id, from the op log. */
  private static String inserted(TestServer.Tavolo t, String userId, String clientId) throws Exception {
    var rows = TestServer.pool().preparedQuery(
            "select coalesce(string_agg(part #>> '{}', '' order by l.seq, o.n, p.m), '') as inserted"
            + " from op_log l, jsonb_array_elements(l.ops) with ordinality o(op, n),"
            + " jsonb_array_elements(case when o.op->>'op' = 'text' then o.op->'edit' else '[]'::jsonb end) with ordinality p(part, m)"
            + " where l.doc_id = $1 and l.author = $2 and l.client_id = $3 and jsonb_typeof(p.part) = 'string'")
        .execute(Tuple.of(t.documentId(), java.util.UUID.fromString(userId), clientId)).await(10, TimeUnit.SECONDS);
    return rows.iterator().next().getString("inserted");
  }
}
