package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Notifications in the web app: while Sara has her draft open, the coordinator accepts her
 * integration; the header's count goes up at once (the live `notification` message, no
 * reload), her integrations panel shows it accepted (the `integration` message, no polling),
 * and the notification's link on #/notifiche opens the draft at that integration's card.
 */
class NotificationsInBrowserTest {
  private final String base = "http://localhost:" + TestServer.port();

  @Test
  void anAcceptedIntegrationRaisesTheCountLiveAndItsLinkOpensTheCard() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String sara = Api.login("ets1@demo.tavolo");
    String coordinator = Api.login("coordinatore@demo.tavolo");
    Api.ok(Api.call("POST", "/api/me/notifications/read", sara, null), 200);
    String id = Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations", sara, new JsonObject()
        .put("baseSeq", 1).put("rationale", "Il costo reale dei coach.")
        .put("ops", new JsonArray().add(new JsonObject().put("op", "set").put("coll", "budget").put("id", "bud-6")
            .put("field", "amount").put("value", 4_200_000))).encode()), 201).getString("id");
    try (TavoloBrowser b = new TavoloBrowser(base)) {
      b.login("ets1@demo.tavolo");
      b.openDocument(t.id().toString(), t.documentId().toString());
      assertTrue(Boolean.TRUE.equals(b.js("return document.querySelector('#notify-count').hidden")), "nothing unread yet");
      b.waitFor(d -> !d.findElements(By.id("integration-" + id)).isEmpty());

      Api.ok(Api.call("POST", "/api/documents/" + t.documentId() + "/integrations/" + id + "/accept", coordinator, "{}"), 200);
      b.waitFor(d -> "1".equals(b.text("#notify-count")));
      // the panel (filter: open) drops it without a reload or a poll
      b.waitFor(d -> d.findElements(By.id("integration-" + id)).isEmpty());

      b.driver.get(base + "/#/notifiche");
      b.waitFor(d -> !d.findElements(By.cssSelector("#notify-list li.notify-unread a")).isEmpty());
      String href = b.driver.findElement(By.cssSelector("#notify-list li.notify-unread a")).getDomAttribute("href");
      assertEquals("#/doc/" + t.id() + "/" + t.documentId() + "/integrazione/" + id, href);
      b.driver.findElement(By.cssSelector("#notify-list li.notify-unread a")).click();
      b.waitFor(d -> Boolean.TRUE.equals(b.js("return document.activeElement && document.activeElement.id === 'integration-" + id + "'")));
      b.waitFor(d -> "0".equals(String.valueOf(b.js("return document.querySelector('#notify-count').hidden ? '0' : document.querySelector('#notify-count').textContent"))));
    }
  }
}
