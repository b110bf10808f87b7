package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A proposal round through the web app, as issue 6 describes it: the coordinator switches the
 * draft to proposal mode, a member's edit becomes a proposal with a rationale, the coordinator
 * accepts it, both see the change and who wrote it, the coordinator locks and consolidates a
 * version, verifies its hash, compares versions, reads the attribution report and downloads
 * the version; then names a past point of the history.
 */
class ProposalRoundTest {
  private final String base = "http://localhost:" + TestServer.port();
  private static final String TEXT = " Proposta: coinvolgere le famiglie nel monitoraggio.";

  private static TavoloBrowser open(String base, TestServer.Tavolo t, String email) {
    TavoloBrowser b = new TavoloBrowser(base);
    b.login(email);
    b.openDocument(t.id().toString(), t.documentId().toString());
    return b;
  }

  @Test
  void aMemberProposesTheCoordinatorAcceptsConsolidatesAndDownloads() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo");
         TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      // A named point before the round, to compare with at the end.
      giulia.driver.findElement(By.cssSelector("#version-form input.form-control")).sendKeys("Prima del giro");
      giulia.click("#version-create");
      giulia.waitFor(d -> !d.findElements(By.cssSelector("#versions-rows tr[data-number='1']")).isEmpty());

      // The coordinator switches to proposal mode; the member's page follows at once.
      giulia.click("label[for=mode-switch]");
      sara.waitFor(d -> "proposal".equals(d.findElement(By.id("doc-mode")).getDomAttribute("data-mode")));
      sara.waitFor(d -> TavoloBrowser.visible(d, By.id("draft-box")));
      assertTrue(sara.driver.findElement(By.id("draft-forced")).isDisplayed(), "in proposal mode a member always writes proposals");
      assertFalse(sara.driver.findElement(By.id("hold-switch-box")).isDisplayed());

      // Sara's edit stays with her until she proposes it.
      String before = giulia.text("sections", "sec-1", "body");
      sara.typeAtEnd("sections", "sec-1", "body", TEXT);
      sara.waitFor(d -> sara.text("sections", "sec-1", "body").endsWith(TEXT));
      assertTrue(((Number) sara.js("return tavoloClient.draftCount();")).intValue() > 0);
      Thread.sleep(500);
      assertEquals(before, giulia.text("sections", "sec-1", "body"), "a draft proposal is not in the document");
      sara.driver.findElement(By.id("draft-rationale")).sendKeys("Le famiglie chiedono di partecipare alla verifica.");
      sara.screenshot("proposal-draft");
      sara.click("#draft-submit");
      sara.waitFor(d -> d.findElement(By.id("draft-status")).getText().contains("Integrazione proposta"));
      sara.waitFor(d -> before.equals(sara.text("sections", "sec-1", "body")));

      // Everyone sees it, beside the text it touches; the coordinator accepts it.
      WebElement card = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#integrations-list li[data-status='open']")));
      assertTrue(card.getText().contains("Sara Innocenti"), card.getText());
      assertTrue(card.getText().contains("Le famiglie chiedono di partecipare"), card.getText());
      assertTrue(card.getText().contains("coinvolgere le famiglie"), card.getText());
      giulia.waitFor(d -> d.findElement(By.cssSelector("#sections-list li[data-id='sec-1'] .tv-proposal-flag")).getText().contains("Sara Innocenti"));
      sara.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#integrations-list li[data-status='open']")));
      giulia.screenshot("proposal-open");
      // By keyboard: Enter on the focused Accept button.
      giulia.scrollTo("#integrations-list li[data-status='open'] button[data-key='accept']");
      giulia.driver.findElement(By.cssSelector("#integrations-list li[data-status='open'] button[data-key='accept']"))
          .sendKeys(org.openqa.selenium.Keys.ENTER);

      // Both see the change, written by Sara, and the decision by Giulia.
      String after = before + TEXT;
      giulia.waitFor(d -> after.equals(giulia.text("sections", "sec-1", "body")));
      giulia.waitFor(d -> giulia.focused("#integrations-title, #integrations-list li"));
      sara.waitFor(d -> after.equals(sara.text("sections", "sec-1", "body")));
      String saraId = sara.userId();
      for (TavoloBrowser b : List.of(giulia, sara)) {
        assertEquals(saraId, b.js("return tavoloClient.doc.authors('sections', 'sec-1', 'body').authorAt(arguments[0]);", before.length() + 5));
        String shown = b.editorText("sections", "sec-1", "body");
        assertEquals(after.substring(after.length() - 80), shown.substring(Math.max(0, shown.length() - 80)), b == giulia ? "giulia" : "sara");
      }
      new org.openqa.selenium.support.ui.Select(giulia.driver.findElement(By.cssSelector("#integrations-box select"))).selectByValue("all");
      WebElement accepted = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#integrations-list li[data-status='accepted']")));
      assertTrue(accepted.getText().contains("Accettata da Giulia Bianchi"), accepted.getText());
      sara.waitFor(d -> d.findElement(By.id("changes-list")).getText().contains("integrazione accettata"));

      // Lock, consolidate, verify.
      giulia.click("#lock-button");
      giulia.driver.switchTo().alert().accept();
      sara.waitFor(d -> TavoloBrowser.visible(d, By.id("doc-readonly-note")));
      sara.waitFor(d -> "true".equals(sara.editor("sections", "sec-1", "body").getDomAttribute("aria-readonly")));
      giulia.driver.findElement(By.cssSelector("#version-form input.form-control")).sendKeys("Accordo di co-progettazione");
      giulia.click("#version-form label.form-check-label");
      giulia.click("#version-create");
      WebElement v2 = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#versions-rows tr[data-number='2'][data-consolidated='true']")));
      assertTrue(v2.getText().matches("(?s).*SHA-256 [0-9a-f]{64}.*"), v2.getText());
      giulia.click("#versions-rows tr[data-number='2'] button[data-action='verify']");
      giulia.waitFor(d -> "true".equals(d.findElement(By.cssSelector("#versions-rows tr[data-number='2'] .tv-verify")).getDomAttribute("data-ok")));

      // Compare the point before the round with the consolidated version.
      new org.openqa.selenium.support.ui.Select(giulia.driver.findElement(By.cssSelector("#diff-form select"))).selectByValue("v1");
      new org.openqa.selenium.support.ui.Select(giulia.driver.findElements(By.cssSelector("#diff-form select")).get(1)).selectByValue("v2");
      giulia.click("#diff-button");
      WebElement diff = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#diff-result li[data-id='sec-1']")));
      WebElement inserted = diff.findElement(By.cssSelector("ins.tv-diff-insert"));
      assertTrue(inserted.getText().contains("coinvolgere le famiglie"), inserted.getText());
      assertTrue(inserted.getDomAttribute("title").contains("Sara Innocenti"), inserted.getDomAttribute("title"));
      assertTrue(giulia.driver.findElement(By.id("diff-totals")).getText().contains("Totale del progetto"));
      giulia.scrollTo("#diff-title");
      giulia.screenshot("diff");

      // Who contributed: the cooperative proposed one integration, accepted.
      giulia.click("#report-button");
      WebElement report = giulia.waitFor(d -> TavoloBrowser.visible(d, By.id("report-table")));
      String row = report.findElement(By.xpath(".//tr[contains(., 'Cooperativa sociale Il Ponte')]")).getText();
      assertTrue(row.matches(".*Il Ponte ETS 1 1 0 0 0.*"), row);
      assertTrue(giulia.driver.findElement(By.id("report-accepted")).getText().contains("Giulia Bianchi"));
      giulia.scrollTo("#doc-record-title");
      giulia.screenshot("versions");

      List<Axe.Violation> serious = Axe.serious(giulia, "document with the record");
      assertTrue(serious.isEmpty(), serious.toString());

      // The downloads answer with the right content.
      String token = (String) giulia.js("return JSON.parse(sessionStorage.getItem('tavolo.session')).token;");
      WebElement row2 = giulia.driver.findElement(By.cssSelector("#versions-rows tr[data-number='2']"));
      assertDownload(row2, "export.pdf", token, "application/pdf", "%PDF");
      assertDownload(row2, "export.odt", token, "application/vnd.oasis.opendocument.text", "PK");
      assertDownload(row2, "budget.csv", token, "text/csv", null);

      // A past point is named after the fact: the draft before Sara's integration (point 1 of 2).
      WebElement seq = giulia.driver.findElement(By.cssSelector("#version-form input[type='number']"));
      giulia.driver.findElement(By.cssSelector("#version-form input[type='text']")).sendKeys("Bozza di partenza");
      seq.sendKeys("7");
      giulia.click("#version-create");
      giulia.waitFor(d -> d.findElement(By.id("versions-status")).getText().contains("da 0 a 2"));
      seq.clear();
      seq.sendKeys("1");
      giulia.click("#version-create");
      WebElement v3 = giulia.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#versions-rows tr[data-number='3']")));
      assertTrue(v3.getText().contains("modifica n. 1,"), v3.getText());
      assertTrue(giulia.driver.findElement(By.id("versions-status")).getText().contains("creata al punto n. 1"));
    }
  }

  @Test
  void theCoordinatorSeesAValueSomeoneElseSetAfterTheProposalNextToTheProposedOneBeforeAccepting() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String doc = "/api/documents/" + t.documentId() + "/integrations";
    String coord = Api.login("coordinatore@demo.tavolo");
    String setAmount = "{\"baseSeq\":1,\"rationale\":\"%s\",\"ops\":[{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\","
        + "\"field\":\"amount\",\"value\":%d}]}";
    String sara = Api.ok(Api.call("POST", doc, Api.login("ets1@demo.tavolo"),
        String.format(setAmount, "Il costo reale dei coach", 4200000)), 201).getString("id");
    // Marco's proposal on the same amount is accepted first: Sara's would now replace his value
    String marco = Api.ok(Api.call("POST", doc, Api.login("pa@demo.tavolo"),
        String.format(setAmount, "Preventivo aggiornato", 3900000)), 201).getString("id");
    // bud-6 is the Cooperativa's pledge: Sara, its member, confirms Marco's proposal first (issue 15)
    Api.ok(Api.call("POST", doc + "/" + marco + "/confirm", Api.login("ets1@demo.tavolo"), "{}"), 200);
    Api.ok(Api.call("POST", doc + "/" + marco + "/accept", coord, "{}"), 200);

    try (TavoloBrowser giulia = open(base, t, "coordinatore@demo.tavolo")) {
      WebElement line = giulia.waitFor(d -> TavoloBrowser.visible(d,
          By.cssSelector("#integration-" + sara + " li[data-overwrite='budget/bud-6/amount']")));
      String text = line.getText().replace('\u00a0', ' ');
      assertTrue(text.contains("ora € 39.000,00 (da Marco Rossi, modifica n. 2): diventerebbe € 42.000,00"), text);
      assertTrue(giulia.driver.findElement(By.cssSelector("#integration-" + sara + " .tv-overwrites")).getText()
          .contains("Valori cambiati da altri dopo la proposta: 1"));
      assertTrue(giulia.driver.findElement(By.cssSelector("#integration-" + sara + " button[data-key='accept']")).isEnabled(),
          "the coordinator may still accept: it is their choice");
    }
  }

  private void assertDownload(WebElement row, String file, String token, String type, String magic) {
    String href = row.findElement(By.cssSelector("a[data-export='" + file + "']")).getDomAttribute("href");
    HttpResponse<byte[]> r = TestServer.http().sendAsync(HttpRequest.newBuilder(URI.create(base + href))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).join();
    assertEquals(200, r.statusCode(), file);
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(type), file + ": " + r.headers().firstValue("Content-Type"));
    assertTrue(r.body().length > 0, file);
    if (magic != null) {
      assertEquals(magic, new String(r.body(), 0, magic.length(), java.nio.charset.StandardCharsets.ISO_8859_1), file);
    }
  }
}
