package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 17's exports through the web app: a member downloads a consolidated version's PDF
 * twice and is shown the same SHA-256 both times, that of the bytes the server serves; the
 * present draft is downloaded by keyboard and is said to be a draft, not recorded; the
 * version's confirmations table (issue 15) is downloaded from the same row.
 */
class ExportsInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void theConsolidatedPdfShowsTheSameFingerprintAtEveryDownloadAndTheDraftSaysItIsNotRecorded() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String coord = Api.login("coordinatore@demo.tavolo");
    Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/versions", coord,
        new JsonObject().put("name", "Per la determina").put("consolidate", true).encode()), 201);
    try (TavoloBrowser sara = new TavoloBrowser(base)) {
      sara.login("ets1@demo.tavolo");
      sara.openDocument(t.id().toString(), t.documentId().toString());
      String pdf = "#versions-rows tr[data-number='1'] a[data-export='export.pdf']";
      sara.waitFor(d -> !d.findElements(By.cssSelector(pdf)).isEmpty());

      String first = downloadShownSha(sara, pdf);
      assertTrue(sara.driver.findElement(By.id("exports-status")).getText().contains("file registrato"));
      String second = downloadShownSha(sara, pdf);
      assertEquals(first, second, "the same file at every download");

      String href = sara.driver.findElement(By.cssSelector(pdf)).getDomAttribute("href");
      String token = (String) sara.js("return JSON.parse(sessionStorage.getItem('tavolo.session')).token;");
      HttpResponse<byte[]> r = TestServer.http().sendAsync(HttpRequest.newBuilder(URI.create(base + href))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).join();
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())), first,
          "the fingerprint shown is that of the bytes served");

      // Issue 15: the partners' confirmations of the version, a file of its own, said to change as they confirm
      String confirmations = "#versions-rows tr[data-number='1'] a[data-export='confirmations.pdf']";
      assertEquals("/api/documents/" + t.documentId() + "/versions/1/confirmations.pdf",
          sara.driver.findElement(By.cssSelector(confirmations)).getDomAttribute("href"));
      assertTrue(!sara.driver.findElements(By.cssSelector("#versions-rows tr[data-number='1'] a[data-export='confirmations.odt']")).isEmpty());
      assertNotEquals(first, downloadShownSha(sara, confirmations));
      String said = sara.driver.findElement(By.id("exports-status")).getText();
      assertTrue(said.contains("conferme-v1.pdf") && said.contains("conferme a oggi"), said);

      // The present draft, by keyboard: Enter on its link.
      String head = "#head-exports a[data-export-head='export.pdf']";
      sara.scrollTo(head);
      sara.js("document.getElementById('exports-status').replaceChildren();");
      sara.driver.findElement(By.cssSelector(head)).sendKeys(Keys.ENTER);
      sara.waitFor(d -> !d.findElements(By.cssSelector("#exports-status code[data-sha]")).isEmpty());
      String status = sara.driver.findElement(By.id("exports-status")).getText();
      assertTrue(status.contains("progetto-bozza.pdf") && status.contains("bozza, non registrata"), status);
      assertNotEquals(first, sara.driver.findElement(By.cssSelector("#exports-status code")).getDomAttribute("data-sha"));
      sara.screenshot("exports-draft");
      assertTrue(Axe.serious(sara, "exports-draft").isEmpty(), "axe-core: no serious or critical violations");
    }
  }

  /** Clicks a download link and returns the SHA-256 the page then shows. */
  private static String downloadShownSha(TavoloBrowser b, String css) {
    b.js("document.getElementById('exports-status').replaceChildren();");
    b.click(css);
    b.waitFor(d -> !d.findElements(By.cssSelector("#exports-status code[data-sha]")).isEmpty());
    String sha = b.driver.findElement(By.cssSelector("#exports-status code")).getDomAttribute("data-sha");
    assertTrue(sha.matches("[0-9a-f]{64}"), sha);
    return sha;
  }
}
