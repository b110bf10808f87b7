package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 15 in the browser: the totals per annualità and territorio and the cronoprogramma are
 * real tables computed from the draft, and they follow a change made in another browser.
 * Figures: the demo's two-year budget (DemoBudgetTotalsTest works them out by hand).
 */
class BudgetScheduleInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static TavoloBrowser open(String base, TestServer.Tavolo t, String email) {
    TavoloBrowser b = new TavoloBrowser(base);
    b.login(email);
    b.openDocument(t.id().toString(), t.documentId().toString());
    return b;
  }

  /** Read in one script: the totals are rebuilt at every render, so an element found first may be gone. */
  private static String cell(TavoloBrowser b, String table, String key, String cls) {
    return (String) b.js("const e = document.querySelector(arguments[0]);"
        + "return e ? e.textContent.replace(/\\u00a0/g, ' ').trim() : null;",
        "#" + table + " tr[data-key='" + key + "'] " + (cls.equals("th") ? "th" : "." + cls));
  }

  private static String classOf(TavoloBrowser b, String selector) {
    return (String) b.js("const e = document.querySelector(arguments[0]); return e ? e.className : null;", selector);
  }

  @Test
  void theTotalsPerYearAndTerritorioFollowAChangeMadeInAnotherBrowser() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser luca = open(base, t, "ets2@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      sara.waitFor(d -> !d.findElements(By.cssSelector("#totals-by-year tr[data-key='2']")).isEmpty());
      assertEquals("€ 249.022,63", cell(sara, "totals-by-year", "1", "tv-part-total"));
      assertEquals("€ 46.996,63", cell(sara, "totals-by-year", "1", "tv-part-ets"), "co-financing, first annualità");
      assertEquals("18,87 %", cell(sara, "totals-by-year", "1", "tv-part-share"));
      assertEquals("€ 189.916,54", cell(sara, "totals-by-year", "2", "tv-part-total"));
      assertEquals("€ 31.500,00", cell(sara, "totals-by-year", "2", "tv-part-ets"));
      assertEquals("€ 210.522,63", cell(sara, "totals-by-territorio", "Zona Pistoiese", "tv-part-total"));
      assertEquals("1ª annualità", cell(sara, "totals-by-year", "1", "th"));

      // Luca, of the Consorzio, moves its own (a pledge is its contributor's: issue 15) € 3.996,63 of general costs (bud-9) to the second annualità
      WebElement year = luca.driver.findElement(By.cssSelector("#budget-rows tr[data-id='bud-9'] select[data-field='annualita']"));
      luca.js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", year);
      new org.openqa.selenium.support.ui.Select(year).selectByValue("2");
      sara.waitFor(d -> "€ 245.026,00".equals(cell(sara, "totals-by-year", "1", "tv-part-total")));
      assertEquals("€ 193.913,17", cell(sara, "totals-by-year", "2", "tv-part-total"));
      assertEquals("€ 43.000,00", cell(sara, "totals-by-year", "1", "tv-part-ets"));
      assertEquals("€ 35.496,63", cell(sara, "totals-by-year", "2", "tv-part-ets"));
      assertEquals(2L, sara.js("return tavoloClient.doc.get('budget', 'bud-9').annualita;"));

      // and names Pistoia as its territorio: the territori totals move too
      WebElement territorio = luca.driver.findElement(
          By.cssSelector("#budget-rows tr[data-id='bud-9'] select[data-field='territorio']"));
      new org.openqa.selenium.support.ui.Select(territorio).selectByValue("Pistoia");
      sara.waitFor(d -> "€ 206.526,00".equals(cell(sara, "totals-by-territorio", "Zona Pistoiese", "tv-part-total")));
      assertEquals("€ 158.996,63", cell(sara, "totals-by-territorio", "Pistoia", "tv-part-total"));
      luca.js("document.getElementById('totals-by-year').scrollIntoView({behavior: 'instant'})");
      luca.screenshot("budget-totals-by-year");
    }
  }

  @Test
  void theTotalsPerGroupingSumTheMembersLinesOfTheDraft() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    // the demo's ATI of the four ETS partners, the Consorzio its capofila: together they co-finance € 78.496,63
    it.tavolo.http.Api.ok(it.tavolo.http.Api.call("POST", "/api/tavoli/" + t.id() + "/groupings",
        it.tavolo.http.Api.login("coordinatore@demo.tavolo"), new io.vertx.core.json.JsonObject().put("kind", "ATI")
            .put("name", it.tavolo.demo.DemoSeed.GROUPING_NAME)
            .put("capofila", it.tavolo.demo.DemoSeed.CONSORZIO.id().toString())
            .put("members", new io.vertx.core.json.JsonArray().add(it.tavolo.demo.DemoSeed.COOPERATIVA.id().toString())
                .add(it.tavolo.demo.DemoSeed.ODV.id().toString()).add(it.tavolo.demo.DemoSeed.CURIA.id().toString()))
            .encode()), 201);
    try (TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      sara.waitFor(d -> !d.findElements(By.cssSelector("#totals-by-grouping tbody tr")).isEmpty());
      String row = (String) sara.js("return document.querySelector('#totals-by-grouping tbody tr')"
          + ".textContent.replace(/\\u00a0/g, ' ');");
      assertTrue(row.contains(it.tavolo.demo.DemoSeed.GROUPING_NAME), row);
      assertTrue(row.contains(it.tavolo.demo.DemoSeed.CONSORZIO.name()), row);
      assertEquals("€ 78.496,63", sara.js("return document.querySelector('#totals-by-grouping .tv-grouping-total')"
          + ".textContent.replace(/\\u00a0/g, ' ').trim();"));
      assertEquals("Raggruppamento", sara.js("return document.querySelector('#totals-by-grouping thead th').textContent;"));

      // Sara, of the Cooperativa (a member), raises its coach line (bud-6) from € 38.000,00 to € 40.000,00: the ATI follows
      WebElement amount = sara.driver.findElement(By.cssSelector("#budget-rows tr[data-id='bud-6'] input[data-field='amount']"));
      sara.js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", amount);
      amount.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "40.000,00",
          org.openqa.selenium.Keys.TAB);
      sara.waitFor(d -> "€ 80.496,63".equals(sara.js("return document.querySelector('#totals-by-grouping .tv-grouping-total')"
          + ".textContent.replace(/\\u00a0/g, ' ').trim();")));
    }
  }

  @Test
  void theCronoprogrammaIsATableOfMonthsThatFollowsTheActivitiesDates() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      sara.waitFor(d -> !d.findElements(By.cssSelector("#cronoprogramma-table")).isEmpty());
      @SuppressWarnings("unchecked")
      List<String> months = (List<String>) sara.js("return [...document.querySelectorAll("
          + "'#cronoprogramma-table thead th[scope=col][data-month]')].map(th => th.dataset.month);");
      assertEquals(24, months.size(), "October 2017 to September 2019: " + months);
      assertEquals("2017-10", months.get(0));
      assertEquals("2019-09", months.get(23));
      assertEquals(4L, sara.js("return document.querySelectorAll('#cronoprogramma-table tbody th[scope=row]').length;"));
      assertEquals("ottobre 2017", sara.js("return document.querySelector(\"#cronoprogramma-table th[data-month='2017-10'] abbr\").title;"));
      // act-3 (tirocini) runs from 15 January 2018: December 2017 is free, January 2018 taken, said in words too
      String act3 = "#cronoprogramma-table tr[data-id='act-3'] ";
      assertEquals("tv-crono-off", classOf(sara, act3 + "td[data-month='2017-12']"));
      assertEquals("tv-crono-on", classOf(sara, act3 + "td[data-month='2018-01']"));
      assertEquals("in corso", sara.js("return document.querySelector(arguments[0]).textContent;", act3 + "td[data-month='2018-01']"));

      // Giulia ends it in June 2018: in Sara's table July 2018 is free
      // its end date: the second date of its card (start, then end)
      giulia.js("const i = document.querySelectorAll(\"#activities-list li[data-id='act-3'] input[type=date]\")[1];"
          + "i.value = '2018-06-30'; i.dispatchEvent(new Event('change', {bubbles: true}));");
      sara.waitFor(d -> "2018-06-30".equals(sara.js("return tavoloClient.doc.get('activities', 'act-3').end;")));
      sara.waitFor(d -> "tv-crono-off".equals(classOf(sara, act3 + "td[data-month='2018-07']")));
      assertEquals("tv-crono-on", classOf(sara, act3 + "td[data-month='2018-06']"));
      assertTrue((Boolean) sara.js("return document.querySelectorAll(\"#cronoprogramma-table tr[data-id='act-3'] td.tv-crono-on\").length === 6;"),
          "January to June 2018");
      giulia.js("document.getElementById('cronoprogramma').scrollIntoView({behavior: 'instant'})");
      giulia.screenshot("cronoprogramma");
    }
  }
}
