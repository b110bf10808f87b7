package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import io.vertx.sqlclient.Tuple;

/**
 * Two or more people on the same draft through the real server and its WebSocket, each in
 * their own headless Chromium.
 */
class LiveDocumentTest {
  private final String base = "http://localhost:" + TestServer.port();
  private static final String SECTION = "sec-1";

  private static TavoloBrowser open(String base, TestServer.Tavolo t, String email) {
    TavoloBrowser b = new TavoloBrowser(base);
    b.login(email);
    b.openDocument(t.id().toString(), t.documentId().toString());
    return b;
  }

  @Test
  void twoPeopleTypingInOneSectionAtOnceEndWithTheSameTextAndTheirOwnAuthorship() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      String before = giulia.text("sections", SECTION, "body");
      // Both type at the end of the same section at the same time.
      Thread g = new Thread(() -> giulia.typeAtEnd("sections", SECTION, "body", " [Giulia: la SdS coordina]"));
      Thread s = new Thread(() -> sara.typeAtEnd("sections", SECTION, "body", " [Sara: la cooperativa gestisce]"));
      g.start();
      s.start();
      g.join();
      s.join();
      giulia.waitFor(d -> giulia.pending() == 0 && sara.pending() == 0
          && giulia.text("sections", SECTION, "body").equals(sara.text("sections", SECTION, "body"))
          && giulia.text("sections", SECTION, "body").length() == before.length() + 26 + 32);
      String text = giulia.text("sections", SECTION, "body");
      assertTrue(text.contains("[Giulia: la SdS coordina]"), text);
      assertTrue(text.contains("[Sara: la cooperativa gestisce]"), text);
      assertEquals(text, giulia.editorText("sections", SECTION, "body"), "the editor shows the document");
      assertEquals(text, sara.editorText("sections", SECTION, "body"), "the editor shows the document");

      // Authorship: each person's characters are theirs, in both browsers and on the server.
      String giuliaId = giulia.userId();
      String saraId = sara.userId();
      assertEquals(giuliaId, authorOf(giulia, text.indexOf("Giulia: la SdS")));
      assertEquals(saraId, authorOf(giulia, text.indexOf("Sara: la cooperativa")));
      assertEquals(runs(giulia), runs(sara));
      try (TavoloBrowser fresh = open(base, t, "pa@demo.tavolo")) {
        assertEquals(runs(giulia), runs(fresh), "a newcomer gets the same authorship from the server");
        // Highlighting shows the author's name on hover.
        fresh.driver.findElement(By.id("toggle-authors")).click();
        fresh.waitFor(d -> !d.findElements(By.cssSelector("[data-field='sections/sec-1/body'] .author-mark[title='Sara Innocenti']")).isEmpty());
      }
      sara.screenshot("two-people-typing");
    }
  }

  @Test
  void aBudgetAmountChangedInOneBrowserUpdatesTheTotalsInTheOther() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    // Luca (the Consorzio) changes his own organisation's line (issue 15: a line is its
    // contributor's pledge), an ETS one so the co-financing share moves too; Giulia watches.
    try (TavoloBrowser luca = open(base, t, "ets2@demo.tavolo");
         TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo")) {
      String lineId = (String) luca.js("return tavoloClient.doc.ordered('budget').find(l => l.contributor === arguments[0]).id;",
          DemoSeed.CONSORZIO.id().toString());
      String contributor = (String) luca.js("return tavoloClient.doc.get('budget', arguments[0]).contributor;", lineId);
      long oldAmount = ((Number) luca.js("return tavoloClient.doc.get('budget', arguments[0]).amount;", lineId)).longValue();
      assertTrue(oldAmount != 123456, "the amount really changes");
      String totalBefore = giulia.driver.findElement(By.id("total-all")).getText();
      String shareBefore = giulia.driver.findElement(By.id("cofinancing-share")).getText();
      WebElement amount = luca.driver.findElement(By.cssSelector("#budget-rows tr[data-id='" + lineId + "'] input[data-field='amount']"));
      luca.js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", amount);
      amount.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1.234,56", Keys.TAB);
      giulia.waitFor(d -> ((Number) giulia.js("return tavoloClient.doc.get('budget', arguments[0]).amount;", lineId)).longValue() == 123456);
      giulia.waitFor(d -> !d.findElement(By.id("total-all")).getText().equals(totalBefore));
      // Every figure Luca sees, worked out here from his copy of the lines and the demo's sides.
      @SuppressWarnings("unchecked")
      List<List<Object>> lines = (List<List<Object>>) giulia.js(
          "return tavoloClient.doc.ordered('budget').map(l => [l.contributor, l.amount]);");
      List<String> ets = etsOrganisations();
      long total = 0, etsTotal = 0, contributorTotal = 0;
      for (List<Object> l : lines) {
        long a = ((Number) l.get(1)).longValue();
        total += a;
        if (ets.contains(l.get(0))) etsTotal += a;
        if (contributor.equals(l.get(0))) contributorTotal += a;
      }
      assertEquals(euro(total), giulia.driver.findElement(By.id("total-all")).getText());
      assertEquals(euro(contributorTotal), giulia.driver.findElement(
          By.cssSelector("#totals-table tr[data-org='" + contributor + "'] .tv-contributor-total")).getText(), "the contributor's total");
      assertEquals(euro(etsTotal), giulia.driver.findElement(By.id("cofinancing-amount")).getText(), "the ETS co-financing");
      String share = giulia.driver.findElement(By.id("cofinancing-share")).getText();
      assertTrue(share.contains(percent(etsTotal, total)), share + " should show " + percent(etsTotal, total));
      assertFalse(share.equals(shareBefore), "the share moved");
      assertEquals("1.234,56", giulia.driver.findElement(By.cssSelector("#budget-rows tr[data-id='" + lineId + "'] input[data-field='amount']")).getDomProperty("value"));
      luca.js("document.getElementById('doc-budget').scrollIntoView({behavior: 'instant'})");
      luca.screenshot("budget");
    }
  }

  @Test
  void anObserverCannotEditAndTheServerRefusesIfTheyTry() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser paola = open(base, t, "osservatore@demo.tavolo")) {
      assertEquals("observer", paola.js("return tavoloClient.you.role;"));
      assertTrue(paola.driver.findElement(By.id("doc-readonly-note")).isDisplayed());
      String before = paola.text("sections", SECTION, "body");
      WebElement editor = paola.editor("sections", SECTION, "body");
      assertEquals("true", editor.getDomAttribute("aria-readonly"));
      editor.click();
      editor.sendKeys("non dovrei poter scrivere");
      assertEquals(before, paola.editorText("sections", SECTION, "body"), "the editor is read-only");
      assertFalse(paola.driver.findElement(By.id("add-section")).isDisplayed());
      // Bypassing the UI: the server refuses, and nothing changes.
      Object code = paola.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
          + "const c = tavoloClient; c.on('error', e => done(e.code));"
          + "c.sendRaw({type: 'submit', clientSeq: 999, baseSeq: c.seq, ops: [{op: 'set', coll: 'sections', id: 'sec-1', field: 'title', value: 'X'}]});");
      assertEquals("forbidden", code);
      try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo")) {
        assertEquals(before, giulia.text("sections", SECTION, "body"));
        assertFalse("X".equals(giulia.text("sections", SECTION, "title")));
      }
    }
  }

  @Test
  void aMemberDemotedWhileTheDraftIsOpenGetsAReadOnlyPageAndEditsAgainWhenPromoted() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = open(base, t, "ets1@demo.tavolo");
         TavoloBrowser giulia = new TavoloBrowser(base)) {
      String saraId = sara.userId();
      assertTrue(editableControls(sara) > 0, "a member's draft is editable");
      giulia.login("coordinatore@demo.tavolo");
      giulia.openTavolo(t.id().toString());

      // The coordinator demotes Sara with the role list on the tavolo page (an HTTP PUT).
      String roleSelect = "#members-rows select[data-user='" + saraId + "']";
      giulia.scrollTo(roleSelect);
      new Select(giulia.driver.findElement(By.cssSelector(roleSelect))).selectByValue("observer");
      giulia.waitFor(d -> d.findElement(By.id("members-status")).getText().contains("Sara Innocenti"));
      assertTrue(giulia.driver.findElement(By.id("members-status")).getText().contains("Osservatore"),
          giulia.driver.findElement(By.id("members-status")).getText());
      assertEquals("observer", roleOf(t, saraId), "the server has the new role");

      // The server closes her connection at once (role_changed); her page comes back with the
      // new role and every editor, input, select and add button is read-only.
      sara.waitFor(d -> "observer".equals(sara.js("return document.querySelector('#view-doc').dataset.role;")));
      sara.waitFor(d -> editableControls(sara) == 0);
      // CodeMirror's read-only: the text can still be read, selected and copied, not changed.
      assertEquals("true", sara.editor("sections", SECTION, "body").getDomAttribute("aria-readonly"));
      assertFalse(sara.driver.findElement(By.id("add-section")).isDisplayed());
      assertTrue(sara.driver.findElement(By.id("doc-readonly-note")).isDisplayed());
      // What she types reaches neither her page nor the server.
      long seq = headSeq(t);
      String before = sara.text("sections", SECTION, "body");
      sara.typeAtEnd("sections", SECTION, "body", " non passa");
      WebElement title = sara.driver.findElement(By.cssSelector("#sections-list li[data-id='" + SECTION + "'] input.tv-title-input"));
      try {
        title.sendKeys(" non passa");
      } catch (org.openqa.selenium.InvalidElementStateException refused) {
        // a read-only input may refuse the keys outright: as good as ignoring them
      }
      Thread.sleep(1000); // the client sends within 100 ms when it sends at all
      assertEquals(before, sara.editorText("sections", SECTION, "body"));
      assertEquals(0, sara.pending());
      assertEquals(seq, headSeq(t), "nothing reached the server");

      // Promoted back to member, the same page is editable again without a reload.
      new Select(giulia.driver.findElement(By.cssSelector(roleSelect))).selectByValue("member");
      sara.waitFor(d -> "member".equals(sara.js("return document.querySelector('#view-doc').dataset.role;")));
      sara.waitFor(d -> editableControls(sara) > 0);
      sara.typeAtEnd("sections", SECTION, "body", " Di nuovo membro.");
      sara.waitFor(d -> sara.pending() == 0 && headSeq(t) > seq);
      assertTrue(sara.text("sections", SECTION, "body").endsWith(" Di nuovo membro."));

      // Removed from the tavolo, her page leaves the draft for her tavoli: still logged in.
      giulia.click("#members-rows tr[data-user='" + saraId + "'] button");
      giulia.driver.switchTo().alert().accept();
      sara.waitFor(d -> "#/tavoli".equals(sara.js("return location.hash;")));
      assertTrue(Boolean.TRUE.equals(sara.js("return sessionStorage.getItem('tavolo.session') !== null;")), "not logged out");
    }
  }

  @Test
  void aBrowserReallyOfflineShowsItsWaitingChangesAndLandsThemOnceTheMomentTheNetworkIsBack() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      // What the page goes through, timed in the page: the browser's network events, when the
      // client says it is online again, and when each failed retry pushed the backoff further
      // (the client has no event for that; its attempt counter going up is the only trace).
      sara.js("const c = tavoloClient, net = window.net = {onLine: []};"
          + "addEventListener('offline', () => { net.offlineAt = performance.now(); net.onLine.push(navigator.onLine); });"
          + "addEventListener('online', () => { net.onlineAt = performance.now(); net.onLine.push(navigator.onLine); });"
          + "c.on('status', e => { if (e.status === 'online') net.backAt = performance.now(); });"
          + "let seen = c.attempt; setInterval(() => { if (c.attempt > seen) net.retryAt = performance.now(); seen = c.attempt; }, 5);");
      // The network goes, as DevTools' "Offline" takes it: navigator.onLine turns false and
      // `offline` fires, new connections fail, but the open WebSocket is left alone. The page
      // has to let that socket go itself, so nothing here touches the client.
      sara.driver.executeCdpCommand("Network.enable", Map.of());
      network(sara, true);
      sara.waitFor(d -> "offline".equals(sara.js("return document.getElementById('connection').dataset.status;")));
      assertEquals(List.of(false), sara.js("return net.onLine;"), "the browser said it is offline");
      assertEquals(t("conn.offline", 0), sara.driver.findElement(By.id("connection")).getText());

      sara.typeAtEnd("sections", SECTION, "body", " Scritto senza rete.");
      sara.typeAtEnd("sections", "sec-2", "body", " Anche qui.");
      long waiting = sara.pending();
      assertTrue(waiting >= 2, "changes in two sections wait while offline: " + waiting);
      assertEquals(t("conn.offline", waiting), sara.driver.findElement(By.id("connection")).getText());
      sara.screenshot("offline");
      // Meanwhile Giulia edits the same section.
      giulia.typeAtEnd("sections", SECTION, "body", " Giulia in linea.");
      giulia.waitFor(d -> giulia.pending() == 0);

      // The network comes back just after a failed retry, once the backoff is at its longest
      // (4 s): a reconnect within a second can only be the `online` event's doing.
      sara.driver.executeAsyncScript("const done = arguments[arguments.length - 1], c = tavoloClient;"
          + "const before = net.retryAt; const wait = setInterval(() => {"
          + " if (c.attempt >= 5 && net.retryAt !== before) { clearInterval(wait); done(); } }, 5);");
      network(sara, false);
      sara.waitFor(d -> "online".equals(sara.js("return tavoloClient.status;")) && sara.pending() == 0);
      assertEquals(List.of(false, true), sara.js("return net.onLine;"), "the browser said it is back");
      double sinceRetry = ((Number) sara.js("return net.onlineAt - net.retryAt;")).doubleValue();
      double reconnect = ((Number) sara.js("return net.backAt - net.onlineAt;")).doubleValue();
      System.out.printf("back online %.0f ms after the last failed retry; reconnected %.0f ms after the online event%n",
          sinceRetry, reconnect);
      assertTrue(sinceRetry >= 0 && sinceRetry < 1500, "back " + sinceRetry + " ms after the last retry: the next was 4000 ms after it");
      assertTrue(reconnect < 1000, "reconnected " + reconnect + " ms after the online event: not because of it");
      assertEquals(t("conn.online", 0), sara.driver.findElement(By.id("connection")).getText());

      giulia.waitFor(d -> String.valueOf(giulia.text("sections", "sec-2", "body")).endsWith(" Anche qui."));
      giulia.waitFor(d -> giulia.text("sections", SECTION, "body").equals(sara.text("sections", SECTION, "body")));
      String text = giulia.text("sections", SECTION, "body");
      assertEquals(1, count(text, "Scritto senza rete."), text);
      assertEquals(1, count(text, "Giulia in linea."), text);
      assertEquals(1, count(giulia.text("sections", "sec-2", "body"), "Anche qui."));
      // The op log holds what Sara typed offline exactly once, hers, resent or not.
      assertEquals(" Scritto senza rete. Anche qui.", insertedBy(t, sara.userId(), (String) sara.js("return tavoloClient.clientId;")));
      try (TavoloBrowser fresh = open(base, t, "pa@demo.tavolo")) {
        assertEquals(text, fresh.text("sections", SECTION, "body"), "the server has it once");
      }
    }
  }

  /** DevTools' network emulation: everything offline, or back to no throttling at all. */
  private static void network(TavoloBrowser b, boolean offline) {
    b.driver.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /** The connection indicator's Italian text, from the bundle the page uses. */
  private static String t(String key, long count) {
    try (var in = LiveDocumentTest.class.getResourceAsStream("/webroot/i18n/it.json")) {
      String template = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get(key).asText();
      return template.replace("{count}", String.valueOf(count));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every character one person's client inserted into the document, in the op log's order. */
  private static String insertedBy(TestServer.Tavolo t, String userId, String clientId) {
    try {
      var rows = TestServer.pool().preparedQuery(
              "select coalesce(string_agg(part #>> '{}', '' order by l.seq, o.n, p.m), '') as inserted"
              + " from op_log l, jsonb_array_elements(l.ops) with ordinality o(op, n),"
              + " jsonb_array_elements(case when o.op->>'op' = 'text' then o.op->'edit' else '[]'::jsonb end) with ordinality p(part, m)"
              + " where l.doc_id = $1 and l.author = $2 and l.client_id = $3 and jsonb_typeof(p.part) = 'string'")
          .execute(Tuple.of(t.documentId(), java.util.UUID.fromString(userId), clientId)).await(10, TimeUnit.SECONDS);
      return rows.iterator().next().getString("inserted");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theTavoloPageLooksRight() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      // The presence bar names the other person on screen (first: on a one-line toolbar the list
      // is cut at its end); their organisation and its side are read out and shown on hover.
      String saraId = sara.userId();
      giulia.waitFor(d -> !d.findElements(By.cssSelector("#presence-list li[data-user='" + saraId + "']")).isEmpty());
      // read in one script: the bar is drawn again whenever the members or their states change,
      // and an element found in one call may be gone by the next
      @SuppressWarnings("unchecked")
      List<String> sarasEntry = (List<String>) giulia.js("const li = document.querySelector(`#presence-list li[data-user='${arguments[0]}']`);"
          + " return [li.querySelector('.tv-person-name').innerText, li.querySelector('.tv-person-org').textContent,"
          + " li.querySelector('.tv-side').textContent, li.title];", saraId);
      assertEquals(List.of("Sara Innocenti", "Cooperativa sociale Il Ponte", "ETS", "Sara Innocenti — Cooperativa sociale Il Ponte — ETS"), sarasEntry);
      String giuliaId = giulia.userId();
      sara.waitFor(d -> BrowserPage.visible(d, By.cssSelector("#presence-list li[data-user='" + giuliaId + "']")));
      @SuppressWarnings("unchecked")
      List<String> giuliasEntry = (List<String>) sara.js("const li = document.querySelector(`#presence-list li[data-user='${arguments[0]}']`);"
          + " return [li.title, li.querySelector('.tv-side').textContent];", giuliaId);
      assertTrue(giuliasEntry.get(0).contains("Società della Salute Pistoiese"), giuliasEntry.get(0));
      assertEquals("PA", giuliasEntry.get(1));

      sara.typeAtEnd("sections", SECTION, "body", " Proposta della cooperativa.");
      giulia.waitFor(d -> giulia.text("sections", SECTION, "body").endsWith("cooperativa."));
      giulia.driver.findElement(By.id("toggle-authors")).click();
      giulia.waitFor(d -> !d.findElements(By.cssSelector(".remote-caret")).isEmpty());
      giulia.scrollTo("[data-field='sections/" + SECTION + "/body'] .cm-content");
      giulia.screenshot("tavolo");
      // What the screenshot shows, checked: the layout and the marks a person sees.
      @SuppressWarnings("unchecked")
      Map<String, Object> look = (Map<String, Object>) giulia.js("""
          const field = document.querySelector(`[data-field='sections/${arguments[0]}/body']`);
          const editor = field.querySelector('.cm-content').getBoundingClientRect();
          const bar = document.querySelector('#view-doc .tv-toolbar').getBoundingClientRect();
          const caret = field.querySelector('.remote-caret');
          const marks = [...field.querySelectorAll('.author-mark')];
          const colours = new Set(marks.map(m => getComputedStyle(m).borderBottomColor));
          const people = [...document.querySelectorAll('#presence-list li')];
          return {
            overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            editorWidth: editor.width, editorLeft: editor.left, editorRight: editor.right, viewport: innerWidth,
            presenceInBar: people.length > 0 && people.every(li => {
              const r = li.getBoundingClientRect();
              return r.height > 0 && r.top >= bar.top && r.bottom <= bar.bottom; }),
            caretShown: !!caret && caret.getBoundingClientRect().height > 0 && getComputedStyle(caret).borderLeftWidth === '2px',
            caretLabel: caret ? (caret.querySelector('.remote-caret-label') || caret.parentElement.querySelector('.remote-caret-label'))?.textContent ?? '' : '',
            authorsOn: document.body.classList.contains('show-authors'),
            authorColours: colours.size,
          };""", SECTION);
      assertEquals(0L, ((Number) look.get("overflowX")).longValue(), "no horizontal scrolling: " + look);
      assertTrue(((Number) look.get("editorWidth")).doubleValue() >= 300, "the section's editor is wide enough to write in: " + look);
      assertTrue(((Number) look.get("editorLeft")).doubleValue() >= 0
          && ((Number) look.get("editorRight")).doubleValue() <= ((Number) look.get("viewport")).doubleValue(),
          "the editor is within the window: " + look);
      assertEquals(Boolean.TRUE, look.get("presenceInBar"), "who is there is shown in the toolbar: " + look);
      assertEquals(Boolean.TRUE, look.get("caretShown"), "Sara's cursor is drawn in the section she typed in: " + look);
      assertTrue(String.valueOf(look.get("caretLabel")).contains("Sara"), "and named for her: " + look);
      assertEquals(Boolean.TRUE, look.get("authorsOn"), "authorship shown once turned on: " + look);
      assertTrue(((Number) look.get("authorColours")).intValue() >= 2,
          "Giulia's and Sara's text in different colours: " + look);

      // Sara selects the section's first words while Giulia holds an unsent edit before them:
      // Giulia sees the selection over the same words, named for Sara, not shifted by her edit.
      giulia.click("label[for='hold-switch']"); // "Scrivi una proposta": her edits stay here, unsent
      assertTrue(Boolean.TRUE.equals(giulia.js("return tavoloClient.hold;")));
      giulia.typeAtStart("sections", SECTION, "body", "[in sospeso] ");
      giulia.waitFor(d -> giulia.pending() > 0);
      String expected = sara.text("sections", SECTION, "body").substring(0, 12);
      sara.selectFromStart("sections", SECTION, "body", 12);
      try {
        giulia.waitFor(d -> expected.equals(remoteSelection(giulia, "Sara Innocenti")));
      } catch (org.openqa.selenium.TimeoutException e) {
        assertEquals(expected, remoteSelection(giulia, "Sara Innocenti"), "Sara's selection as Giulia sees it");
      }
      giulia.js("document.getElementById('doc-objectives').scrollIntoView({behavior: 'instant'})");
      giulia.screenshot("tavolo-objectives");
    }
  }

  private static String authorOf(TavoloBrowser b, int index) {
    return (String) b.js("return tavoloClient.doc.authors('sections', arguments[0], 'body').authorAt(arguments[1]);", SECTION, index);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> runs(TavoloBrowser b) {
    return (List<Object>) b.js("return tavoloClient.doc.authors('sections', arguments[0], 'body').toJSON();", SECTION);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }

  /** The text under someone's remote selection in the first section's body, as drawn. */
  private static String remoteSelection(TavoloBrowser b, String name) {
    return (String) b.js("const marks = document.querySelectorAll(\"[data-field='sections/sec-1/body'] .remote-selection[title='\" + arguments[0] + \"']\");"
        + " return [...marks].map(m => { const c = m.cloneNode(true); c.querySelectorAll('.remote-caret').forEach(x => x.remove()); return c.textContent; }).join('');",
        name);
  }

  /** Editors, text inputs and selects on the draft that accept changes now. */
  private static long editableControls(TavoloBrowser b) {
    return ((Number) b.js("return document.querySelectorAll(\"#doc-panels .cm-content[aria-readonly='false'],"
        + " #doc-panels input:not([readonly]):not([disabled]), #doc-panels select:not([disabled])\").length;")).longValue();
  }

  private static String roleOf(TestServer.Tavolo t, String userId) {
    try {
      return TestServer.pool().preparedQuery("select role from tavolo_members where tavolo_id = $1 and user_id = $2")
          .execute(Tuple.of(t.id(), java.util.UUID.fromString(userId))).await(10, TimeUnit.SECONDS).iterator().next().getString("role");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document's last committed seq, from the op log itself. */
  private static long headSeq(TestServer.Tavolo t) {
    try {
      return TestServer.pool().preparedQuery("select coalesce(max(seq), 0) as seq from op_log where doc_id = $1")
          .execute(Tuple.of(t.documentId())).await(10, TimeUnit.SECONDS).iterator().next().getLong("seq");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> etsOrganisations() {
    return DemoSeed.ORGANISATIONS.stream().filter(o -> "ETS".equals(o.side())).map(o -> o.id().toString()).toList();
  }

  /** As the page shows a share: two decimals, half up, Italian comma. */
  private static String percent(long part, long whole) {
    long bp = (part * 10000 * 2 + whole) / (whole * 2);
    return (bp / 100) + "," + String.format("%02d", bp % 100) + " %";
  }

  private static String euro(long cents) {
    String euros = String.format(java.util.Locale.ITALY, "%,d", cents / 100);
    return "€ " + euros + "," + String.format("%02d", cents % 100);
  }

}
