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

      // a PA coordinator opens a new tavolo: a blank title refused on the page, then created and opened
      b.click("#new-tavolo summary");
      b.driver.findElement(By.id("nt-title")).sendKeys("   "); // an empty one the browser itself refuses
      b.click("#new-tavolo-form button[type=submit]");
      var titleError = b.waitFor(d -> TavoloBrowser.visible(d, By.id("new-tavolo-error")));
      assertEquals("nt-title", b.js("return document.activeElement.id"), titleError.getText());
      assertEquals("Il titolo è obbligatorio.", titleError.getText());
      String title = "Tavolo per il dopo di noi " + System.nanoTime();
      b.driver.findElement(By.id("nt-title")).clear();
      b.driver.findElement(By.id("nt-title")).sendKeys(title);
      b.driver.findElement(By.id("nt-ambito")).sendKeys("Zona Pistoiese");
      b.click("#new-tavolo-form button[type=submit]");
      b.waitFor(d -> String.valueOf(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return location.hash"))
          .startsWith("#/tavolo/"));
      String hash = String.valueOf(b.js("return location.hash"));
      String id = hash.substring("#/tavolo/".length());
      var rows = it.tavolo.testing.TestServer.pool().preparedQuery(
              "select t.title, t.ambito, m.role, (select count(*) from documents d where d.tavolo_id = t.id) as docs "
                  + "from tavoli t join tavolo_members m on m.tavolo_id = t.id where t.id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id))).await(10, java.util.concurrent.TimeUnit.SECONDS);
      var row = rows.iterator().next();
      assertEquals(title, row.getString("title"));
      assertEquals("Zona Pistoiese", row.getString("ambito"));
      assertEquals("coordinator", row.getString("role"), "its creator coordinates it");
      assertEquals(1L, row.getLong("docs"), "with its first draft");
      b.waitFor(d -> d.findElements(By.cssSelector("#members-rows tr")).size() == 1);
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
      // The invitee's organisation is the coordinator's choice, among those at the tavolo.
      b.waitFor(d -> d.findElements(By.cssSelector("#invite-org option")).size() > 1);
      new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("invite-org")))
          .selectByValue(it.tavolo.demo.DemoSeed.COOPERATIVA.id().toString());
      // By keyboard, as a screen-reader user would.
      b.driver.findElement(By.cssSelector("#invite-form button[type=submit]")).sendKeys(Keys.ENTER);
      var link = b.waitFor(d -> TavoloBrowser.visible(d, By.cssSelector("#invite-links .tv-invite-url")));
      assertTrue(link.getDomProperty("value").contains("/#/invito/"), link.getDomProperty("value"));
      String label = b.driver.findElement(By.cssSelector("#invite-links label")).getText();
      assertTrue(label.contains("Cooperativa sociale Il Ponte"), label);
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
