package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The pages before the live document: login, my tavoli, a tavolo's members. */
class LoginPageTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void wrongPasswordShowsAnItalianErrorAndRightOneListsMyTavoli() throws Exception {
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.driver.get(base + "/");
      b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-email")));
      assertEquals("it", b.js("return document.documentElement.lang"));
      b.driver.findElement(By.id("login-email")).sendKeys("coordinatore@demo.tavolo");
      b.driver.findElement(By.id("login-password")).sendKeys("sbagliata");
      b.driver.findElement(By.id("login-submit")).click();
      var error = b.waitFor(d -> TavoloBrowser.visible(d, By.id("login-error")));
      assertEquals("Email o password non corretti.", error.getText());
      b.screenshot("login-error");

      b.login("coordinatore@demo.tavolo");
      String list = b.driver.findElement(By.id("tavoli-list")).getText();
      assertTrue(list.contains("Co-progettazione SIA"), list);
      assertTrue(list.contains("Progetto SIA — bozza"), list);
      b.screenshot("tavoli");
    }
  }

  @Test
  void coordinatorSeesMembersAndCreatesAnInvitationLink() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.login("coordinatore@demo.tavolo");
      b.driver.get(base + "/#/tavolo/" + t.id());
      b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 5);
      String members = b.driver.findElement(By.id("members-rows")).getText();
      assertTrue(members.contains("Sara Innocenti"), members);
      // By keyboard, as a screen-reader user would.
      b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(Keys.ENTER);
      var link = b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
      assertTrue(link.getDomProperty("value").contains("/#/invito/"), link.getDomProperty("value"));
      var pending = b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invitations-rows tr[data-status='pending'] button")));
      b.screenshot("tavolo-members");

      // Withdraw it: the link stops working.
      String url = link.getDomProperty("value");
      String token = url.substring(url.indexOf("/#/invito/") + "/#/invito/".length());
      assertTrue(pending.isDisplayed());
      b.click("#invitations-rows tr[data-status='pending'] button");
      b.waitFor(d -> d.findElements(By.cssSelector("#invitations-rows tr[data-status='pending']")).isEmpty());
      assertEquals(410, it.tavolo.testing.TestServer.get("/api/invitations/" + token).statusCode());

      // Remove the observer, after confirming.
      b.click("#members-rows tr[data-user='7a702000-0000-4000-8000-000000000005'] button");
      b.driver.switchTo().alert().accept();
      b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 4);
      assertTrue(b.driver.findElement(By.id("members-status")).getText().contains("Paola Gori"));

      // The removal is in the record of decisions, whose hash chain verifies.
      b.waitFor(d -> !d.findElements(By.cssSelector("#audit-rows tr[data-action='member_removed']")).isEmpty());
      b.js("document.getElementById('audit-verify').scrollIntoView({block: 'center', behavior: 'instant'})");
      b.driver.findElement(By.id("audit-verify")).click();
      b.waitFor(d -> "true".equals(d.findElement(By.id("audit-result")).getDomAttribute("data-ok")));
      assertTrue(b.driver.findElement(By.id("audit-result")).getText().startsWith("Registro integro"));
    }
  }
}
