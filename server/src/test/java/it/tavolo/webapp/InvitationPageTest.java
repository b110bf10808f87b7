package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The page an invitation link opens: for someone new to Tavolo, and for someone with an account. */
class InvitationPageTest {
  private final String base = "http://localhost:" + TestServer.port();

  static String token(String email) {
    var r = TestServer.post("/api/auth/login", new JsonObject().put("email", email).put("password", "demo").encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  static String invite(TestServer.Tavolo t, String role, java.util.UUID organisation) {
    return invite(t.id().toString(), role, organisation);
  }

  /** An invitation for someone new: the coordinator names their organisation. */
  static String invite(String tavoloId, String role, java.util.UUID organisation) {
    var r = TestServer.post("/api/tavoli/" + tavoloId + "/invitations", new JsonObject().put("role", role)
            .put("organisationId", organisation.toString()).encode(),
        "Authorization", "Bearer " + token("coordinatore@demo.tavolo"));
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  @Test
  void someoneWithoutAnAccountRegistersThroughTheLinkProposingANewOrganisationAndJoins() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String invitation = invite(t, "member", it.tavolo.demo.DemoSeed.COOPERATIVA.id());
    String email = "anna." + UUID.randomUUID().toString().substring(0, 8) + "@girasole.example";
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/invito/" + invitation);
      WebElement text = b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-form")) != null ? d.findElement(By.id("invite-page-text")) : null);
      assertTrue(text.getText().contains("Tavolo di prova") && text.getText().contains("Partecipante"), text.getText());
      String invited = b.driver.findElement(By.id("reg-org-invited")).getText();
      assertTrue(invited.contains("Cooperativa sociale Il Ponte"), "the inviter's organisation is said: " + invited);
      List<Axe.Violation> serious = Axe.serious(b, "invitation");
      assertTrue(serious.isEmpty(), serious.toString());

      b.driver.findElement(By.id("reg-name")).sendKeys("Anna Verdi");
      b.driver.findElement(By.id("reg-email")).sendKeys(email);
      b.driver.findElement(By.id("reg-password")).sendKeys("corta");
      b.click("#register-submit");
      WebElement error = b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-error")));
      assertEquals("La password deve avere almeno 8 caratteri.", error.getText());
      assertTrue(b.focused("#reg-password"), "the field to fix has the focus");

      b.driver.findElement(By.id("reg-password")).sendKeys("-ma-ora-lunga");
      b.click("label[for=reg-org-new]");
      b.driver.findElement(By.id("reg-org-name")).sendKeys("Associazione Il Girasole APS");
      new Select(b.driver.findElement(By.id("reg-ets-kind"))).selectByValue("aps");
      b.screenshot("invitation-register");
      b.click("#register-submit");

      b.waitFor(d -> d.getCurrentUrl().contains("#/tavolo/" + t.id()));
      b.waitFor(d -> d.findElement(By.id("members-rows")).getText().contains("Anna Verdi"));
      String row = b.driver.findElement(By.id("members-rows")).getText();
      // until a coordinator confirms the proposal, Anna counts as the invitation's organisation
      assertTrue(row.contains("Cooperativa sociale Il Ponte") && !row.contains("Girasole"), row);
      assertEquals("Anna Verdi", b.driver.findElement(By.id("user-name")).getText());
    }
    // A coordinator confirms the proposal: Anna is now of the association she named.
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.login("coordinatore@demo.tavolo");
      b.driver.get(base + "/#/tavolo/" + t.id());
      WebElement proposal = b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#proposals-list li")));
      assertTrue(proposal.getText().contains("Anna Verdi") && proposal.getText().contains("Associazione Il Girasole APS"),
          proposal.getText());
      b.click("#proposals-list li button");
      b.waitFor(d -> d.findElement(By.id("members-rows")).getText().contains("Associazione Il Girasole APS"));
      assertTrue(b.driver.findElement(By.id("proposals-status")).getText().contains("Anna Verdi"));
      assertTrue(b.driver.findElements(By.cssSelector("#proposals-list li")).isEmpty(), "nothing left to decide");
    }
    // The same link does not work twice.
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/invito/" + invitation);
      WebElement error = b.waitFor(d -> TavoloBrowser.visible(d, By.id("invite-page-error")));
      assertTrue(error.getText().contains("già stato usato"), error.getText());
    }
  }

  @Test
  void someoneWithAnAccountIsToldToLogInAndAcceptsAfterLoggingIn() throws Exception {
    // A tavolo with only its coordinator in it.
    var created = TestServer.post("/api/tavoli", new JsonObject().put("title", "Tavolo per l'invito " + UUID.randomUUID()).encode(),
        "Authorization", "Bearer " + token("coordinatore@demo.tavolo"));
    assertEquals(201, created.statusCode(), created.body());
    String tavoloId = new JsonObject(created.body()).getString("id");
    String invitation = invite(tavoloId, "observer", it.tavolo.demo.DemoSeed.SDS.id());
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/#/invito/" + invitation);
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-form")));
      // Registering with an email that has an account says to log in instead.
      b.driver.findElement(By.id("reg-name")).sendKeys("Giulia Bianchi");
      b.driver.findElement(By.id("reg-email")).sendKeys("coordinatore@demo.tavolo");
      b.driver.findElement(By.id("reg-password")).sendKeys("una-password-lunga");
      assertEquals("Società della Salute Pistoiese (PA)", new Select(b.driver.findElement(By.id("reg-org"))).getFirstSelectedOption().getText(),
          "organisations at the tavolo are offered");
      b.click("#register-submit");
      WebElement error = b.waitFor(d -> TavoloBrowser.visible(d, By.id("register-error")));
      assertTrue(error.getText().contains("accedi"), error.getText());

      // Log in from the invitation and come back to it.
      b.driver.findElement(By.id("invite-login")).click();
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      b.driver.findElement(By.id("login-email")).sendKeys("ets2@demo.tavolo");
      b.driver.findElement(By.id("login-password")).sendKeys("demo");
      b.driver.findElement(By.id("login-submit")).click();
      WebElement accept = b.waitFor(d -> TavoloBrowser.visible(d, By.id("invite-accept")));
      accept.click();
      b.waitFor(d -> d.getCurrentUrl().contains("#/tavolo/" + tavoloId));
      b.waitFor(d -> d.findElement(By.id("members-rows")).getText().contains("Luca Bartolini"));
      assertTrue(b.driver.findElement(By.id("tavolo-meta")).getText().contains("Osservatore"));
    }
  }
}
