package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** On the tavolo page a coordinator names a partner organisation; a member sees the list only. */
class PartnersPageTest {
  private final String base = "http://localhost:" + TestServer.port();

  /** The option values of the contributor picker of the budget line whose contributor is {@code org}. */
  @SuppressWarnings("unchecked")
  private static List<String> contributorChoices(TavoloBrowser b, String org) {
    return (List<String>) b.js("const row = [...document.querySelectorAll('#budget-rows select[data-field=contributor]')]"
        + ".find(s => s.value === arguments[0]); return row ? [...row.options].map(o => o.value) : null;", org);
  }

  @Test
  void theBudgetOffersTheTavolosOrganisationsAndKeepsAContributorAlreadyChosen() throws Exception {
    // a tavolo with the demo members but not the demo's partners, and the demo's budget
    // (whose lines name the ODV and the Curia): the coordinator also sits at the demo tavolo
    TestServer.Tavolo t = TestServer.freshTavolo(false);
    String curia = it.tavolo.demo.DemoSeed.CURIA.id().toString();
    String cooperativa = it.tavolo.demo.DemoSeed.COOPERATIVA.id().toString();
    String odv = it.tavolo.demo.DemoSeed.ODV.id().toString();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.login("coordinatore@demo.tavolo");
      b.openDocument(t.id().toString(), t.documentId().toString());
      b.waitFor(d -> {
        List<String> c = contributorChoices(b, cooperativa);
        return c != null && !c.contains(odv) ? c : null;
      });
      List<String> forCooperativa = contributorChoices(b, cooperativa);
      assertTrue(forCooperativa.contains(cooperativa) && !forCooperativa.contains(curia),
          "only this tavolo's organisations: " + forCooperativa);
      List<String> forCuria = contributorChoices(b, curia);
      assertTrue(forCuria != null && forCuria.contains(curia), "a contributor already chosen stays: " + forCuria);
    }
  }

  @Test
  void aCoordinatorAddsACoFinancingOdvAndAMemberSeesItWithoutTheForm() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.login("coordinatore@demo.tavolo");
      b.driver.get(base + "/#/tavolo/" + t.id());
      b.waitFor(d -> !d.findElements(By.cssSelector("#partners-list li")).isEmpty());
      int before = b.driver.findElements(By.cssSelector("#partners-list li")).size();
      WebElement name = TavoloBrowser.visible(b.driver, By.id("partner-name"));
      assertTrue(name != null, "coordinators see the form");
      // an empty name is refused on the page, with the focus on the field to fill
      b.click("#partner-form button[type=submit]");
      b.waitFor(d -> d.findElement(By.id("partners-status")).getText().equals("Indica il nome dell'ente."));
      name.sendKeys("Misericordia di Quarrata <b>ODV</b>");
      new Select(b.driver.findElement(By.id("partner-side"))).selectByValue("ETS");
      new Select(b.driver.findElement(By.id("partner-kind"))).selectByValue("odv");
      b.click("#partner-form button[type=submit]");
      // the list is drawn again once the answer came, then the status says so
      b.waitFor(d -> d.findElement(By.id("partners-status")).getText().endsWith("è ora al tavolo."));
      assertEquals(before + 1, b.driver.findElements(By.cssSelector("#partners-list li")).size());
      WebElement added = b.driver.findElements(By.cssSelector("#partners-list li")).stream()
          .filter(li -> li.getText().contains("Misericordia di Quarrata")).findFirst().orElseThrow();
      assertTrue(added.getText().contains("<b>ODV</b>"), "user text is shown as text, never as markup: " + added.getText());
      assertTrue(added.getText().contains("Organizzazione di volontariato (ODV)"), added.getText());
      List<Axe.Violation> serious = Axe.serious(b, "partners");
      assertTrue(serious.isEmpty(), serious.toString());
      b.screenshot("partners");
    }
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/");
      b.login("ets1@demo.tavolo");
      b.driver.get(base + "/#/tavolo/" + t.id());
      b.waitFor(d -> Boolean.TRUE.equals(b.js(
          "return document.querySelector('#partners-list').textContent.includes('Misericordia di Quarrata')")));
      assertTrue(TavoloBrowser.visible(b.driver, By.id("partner-form")) == null, "members do not get the form");
    }
  }
}
