package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The verbale's review in the browser (issue 19): a participant who was present sends a remark
 * from the seduta's page; the coordinator closes the remarks, approves, uploads the signed
 * copy and sees it verified, and sees another file refused.
 */
class VerbaleReviewInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void aRemarkFromThePageThenApprovalAndTheSignedCopyVerified() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = VerbaleApprovalTest.closedSeduta(t);
    String page = "#/seduta/" + t.id() + "/" + id;
    try (SedutaBrowser giulia = new SedutaBrowser(base).login("coordinatore@demo.tavolo");
         SedutaBrowser sara = new SedutaBrowser(base).login("ets1@demo.tavolo")) {
      giulia.go(page);
      giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("remarks-period-form")));
      assertTrue(giulia.driver.findElement(By.id("verbale-state")).getText().contains("non sono ancora aperte"));
      giulia.click("#remarks-period-form button[type=submit]");
      giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("remark-form")));

      sara.go(page);
      sara.waitFor(d -> SedutaBrowser.visible(d, By.id("remark-text")));
      sara.driver.findElement(By.id("remark-text")).sendKeys("Manca l'intervento della cooperativa sul punto 1.");
      sara.click("#remark-form button[type=submit]");
      sara.waitFor(d -> d.findElements(By.cssSelector("#remarks-list li")).size() == 1);
      assertTrue(sara.driver.findElement(By.id("remarks-list")).getText().contains("Sara Innocenti"));
      assertTrue(sara.driver.findElements(By.id("verbale-approve")).isEmpty(), "only coordinators approve");

      giulia.js("document.querySelector('#remarks-days').value = '0'");
      giulia.click("#remarks-period-form button[type=submit]");
      giulia.waitFor(d -> giulia.text("#verbale-state")
          .contains("chiuso"));
      giulia.click("#verbale-approve");
      giulia.waitFor(d -> SedutaBrowser.visible(d, By.id("verbale-approved-pdf")));

      JsonObject v = ok(200, "pa", "GET", "/api/sedute/" + id + "/verbale", null);
      byte[] approved = VerbaleApprovalTest.approvedFile("pa", id, "pdf", v.getJsonObject("approved").getJsonObject("pdf").getString("sha256"));
      byte[] bozza = Verbale.file("pa", id, "pdf", v.getJsonObject("pdf").getString("sha256"));
      SignedVerbaleTest.certificate(); // a test certificate, made here
      Path dir = TestServer.tempDir("signed");
      Path right = Files.write(dir.resolve("verbale.pdf.p7m"), SignedVerbaleTest.cades(approved));
      Path wrong = Files.write(dir.resolve("altro.pdf.p7m"), SignedVerbaleTest.cades(bozza));

      giulia.driver.findElement(By.id("signed-file")).sendKeys(wrong.toString());
      giulia.click("#signed-form button[type=submit]");
      giulia.waitFor(d -> giulia.text("#seduta-status")
          .contains("non è il verbale approvato"));
      giulia.driver.findElement(By.id("signed-file")).sendKeys(right.toString());
      giulia.click("#signed-form button[type=submit]");
      giulia.waitFor(d -> d.findElements(By.cssSelector("#signed-list li")).size() == 1);
      String listed = giulia.driver.findElement(By.id("signed-list")).getText();
      assertTrue(listed.contains("CAdES") && listed.contains("certificato non verificato su un elenco di fiducia")
          && listed.contains("Giulia Bianchi"), listed);
      assertEquals(1, Http.okArray("osservatore", "/api/sedute/" + id + "/verbale/signed").size());
    }
  }
}
