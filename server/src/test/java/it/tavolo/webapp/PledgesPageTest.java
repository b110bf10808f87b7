package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 15 in the web app: another party's budget line is read-only in live mode, with the
 * hint to propose a change; a member of the owning organisation sees "Conferma" on a proposal
 * that awaits it, and confirming it is shown on the card.
 */
class PledgesPageTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static TavoloBrowser open(String base, TestServer.Tavolo t, String email) {
    TavoloBrowser b = new TavoloBrowser(base);
    b.login(email);
    b.openDocument(t.id().toString(), t.documentId().toString());
    return b;
  }

  private static String row(String id, String field) {
    return "#budget-rows tr[data-id='" + id + "'] [data-field='" + field + "']";
  }

  @Test
  void anEtsMemberSeesTheSdsLinesReadOnlyAndAnSdsMemberConfirmsTheProposal() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      sara.waitFor(d -> !d.findElements(By.cssSelector(row("bud-1", "amount"))).isEmpty());
      WebElement sds = sara.driver.findElement(By.cssSelector(row("bud-1", "amount")));
      assertEquals("true", String.valueOf(sds.getDomProperty("readOnly")), "the SdS's amount is read-only for Sara");
      WebElement hint = sara.driver.findElement(By.cssSelector("#budget-rows tr[data-id='bud-1'] .tv-pledge-hint"));
      assertTrue(hint.isDisplayed());
      assertTrue(hint.getText().contains("Società della Salute Pistoiese") && hint.getText().contains("integrazione"), hint.getText());
      WebElement own = sara.driver.findElement(By.cssSelector(row("bud-6", "amount")));
      assertEquals("false", String.valueOf(own.getDomProperty("readOnly")), "her Cooperativa's line she edits");
      assertTrue(sara.driver.findElements(By.cssSelector("#budget-rows tr[data-id='bud-6'] .tv-pledge-hint"))
          .stream().noneMatch(WebElement::isDisplayed));
    }

    String saraToken = Api.login("ets1@demo.tavolo");
    JsonObject p = new JsonObject(Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations", saraToken,
        new JsonObject().put("baseSeq", 1).put("rationale", "Il costo del personale SdS è più basso.")
            .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "budget").put("id", "bud-1")
                .put("field", "amount").put("value", 16000000))).encode()), 201).encode());
    try (TavoloBrowser marco = open(base, t, "pa@demo.tavolo")) {
      String card = "#integrations-list li[data-status='open']";
      WebElement c = marco.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(card + " .tv-awaiting")));
      assertTrue(c.getText().contains("Società della Salute Pistoiese"), c.getText());
      marco.scrollTo(card + " button[data-key='confirm']");
      marco.click(card + " button[data-key='confirm']");
      marco.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(card + " .tv-confirmed-by")));
      assertTrue(marco.driver.findElement(By.cssSelector(card + " .tv-confirmed-by")).getText().contains("Marco Rossi"));
      assertTrue(marco.driver.findElements(By.cssSelector(card + " button[data-key='confirm']")).isEmpty(), "confirmed once");
    }
    String coord = Api.login("coordinatore@demo.tavolo");
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations/" + p.getString("id") + "/accept", coord, "{}"), 200);
  }

  @Test
  void aPartnerConfirmsItsContributionToAConsolidatedVersionFromTheVersionsTable() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/versions", coord,
        new JsonObject().put("name", "Per la determina").put("consolidate", true).encode()), 201);
    String coop = it.tavolo.demo.DemoSeed.COOPERATIVA.id().toString();
    try (TavoloBrowser sara = open(base, t, "ets1@demo.tavolo")) {
      String row = "#versions-rows tr[data-number='1']";
      sara.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(row + " [data-action='confirmations']")));
      sara.scrollTo(row + " [data-action='confirmations']");
      sara.click(row + " [data-action='confirmations']");
      sara.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(row + " li[data-org='" + coop + "'][data-status='unconfirmed']")));
      sara.click(row + " [data-action='confirm-contribution']");
      WebElement li = sara.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector(row + " li[data-org='" + coop + "'][data-status='confirmed']")));
      assertTrue(li.getText().contains("Sara Innocenti"), li.getText());
      assertTrue(sara.driver.findElements(By.cssSelector(row + " [data-action='confirm-contribution']")).isEmpty());
    }
  }
}
