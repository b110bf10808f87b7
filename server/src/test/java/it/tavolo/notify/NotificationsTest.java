package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import it.tavolo.testing.Ws;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The inbox (docs/api.md, "Notifications"; docs/protocol.md, "notification"): written in the
 * transaction of the decision that causes it, pushed live to the user's open connections,
 * listed, counted and marked read over HTTP; the integrations panel is pushed too. The shared
 * test server has no SMTP server: mail stays in the outbox ("would have been sent").
 */
class NotificationsTest {
  private static final Api API = Api.SHARED;

  private static long count(String sql, Object... args) {
    try {
      return TestServer.pool().preparedQuery(sql).execute(Tuple.from(args)).await(10, TimeUnit.SECONDS)
          .iterator().next().getLong(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void acceptingAnIntegrationNotifiesItsProposerLiveInTheInboxAndByMail() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    API.ok(200, "ets1", "POST", "/api/me/notifications/read", null);
    try (Ws sara = Ws.join("ets1", t.documentId()); Ws giulia = Ws.join("coordinatore", t.documentId())) {
      String id = API.propose("ets1", t.documentId(), "Il costo reale dei coach.\nSeconda riga.");
      // the coordinator's panel hears of the new proposal: no polling
      JsonObject panel = giulia.next("integration", m -> id.equals(m.getString("integration")));
      assertEquals("open", panel.getString("status"));
      assertEquals(t.documentId().toString(), panel.getString("doc"));

      API.ok(200, "coordinatore", "POST", "/api/documents/" + t.documentId() + "/integrations/" + id + "/accept", new JsonObject());
      JsonObject pushed = sara.next("notification");
      assertEquals(1, pushed.getLong("unread"));
      JsonObject n = pushed.getJsonObject("notification");
      assertEquals("integration_accepted", n.getString("kind"));
      assertEquals("Il costo reale dei coach.", n.getJsonObject("payload").getString("title"));
      assertEquals("Giulia Bianchi", n.getJsonObject("payload").getString("by"));
      assertEquals(id, n.getJsonObject("payload").getString("integration"));
      assertEquals("/#/doc/" + t.id() + "/" + t.documentId() + "/integrazione/" + id, n.getJsonObject("payload").getString("path"));
      assertEquals("accepted", sara.next("integration", m -> id.equals(m.getString("integration"))
          && "accepted".equals(m.getString("status"))).getString("status"));

      JsonObject inbox = API.ok(200, "ets1", "GET", "/api/me/notifications?unread=true", null);
      assertEquals(1, inbox.getLong("unread"));
      assertEquals(n.getLong("id"), inbox.getJsonArray("items").getJsonObject(0).getLong("id"));
      assertFalse(inbox.getJsonArray("items").getJsonObject(0).getBoolean("read"));

      // mail was written with it; without TAVOLO_SMTP_URL it stays: "would have been sent"
      JsonObject mail = API.ok(200, "ets1", "GET", "/api/me/mail", null);
      assertFalse(mail.getBoolean("smtp"));
      JsonObject m = mail.getJsonArray("mails").getJsonObject(0);
      assertEquals("[Tavolo] La tua integrazione è stata accolta: Il costo reale dei coach.", m.getString("subject"));
      assertEquals("ets1@demo.tavolo", m.getString("to"));
      assertNull(m.getString("sentAt"));
      assertTrue(m.getString("text").contains("/#/doc/" + t.id() + "/" + t.documentId() + "/integrazione/" + id), m.getString("text"));
      assertTrue(m.getString("text").contains("accolta: Il costo reale dei coach.\n"), m.getString("text"));

      assertEquals(0, API.ok(200, "ets1", "POST", "/api/me/notifications/" + n.getLong("id") + "/read", null).getLong("unread"));
      assertEquals(0, API.ok(200, "ets1", "GET", "/api/me/notifications/unread", null).getLong("unread"));
      // somebody else's notification is not there for you
      API.refused(404, "not_found", "ets2", "POST", "/api/me/notifications/" + n.getLong("id") + "/read", null);
    }
  }

  @Test
  void aRejectionAndACommentReachTheProposerWithTheReasonAndTheText() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = API.propose("ets2", t.documentId(), "Più ore di tutoraggio.");
    String base = "/api/documents/" + t.documentId() + "/integrations/" + id;
    API.ok(201, "pa", "POST", base + "/comments", new JsonObject().put("body", "Serve <b>una stima</b>."));
    API.ok(200, "coordinatore", "POST", base + "/reject", new JsonObject().put("reason", "Fuori budget."));
    JsonArray items = API.ok(200, "ets2", "GET", "/api/me/notifications?limit=2", null).getJsonArray("items");
    assertEquals("integration_rejected", items.getJsonObject(0).getString("kind"));
    assertEquals("Fuori budget.", items.getJsonObject(0).getJsonObject("payload").getString("body"));
    assertEquals("integration_commented", items.getJsonObject(1).getString("kind"));
    assertEquals("Marco Rossi", items.getJsonObject(1).getJsonObject("payload").getString("by"));
    // the mail's HTML escapes what people wrote
    JsonObject mail = API.ok(200, "ets2", "GET", "/api/me/mail?limit=2", null).getJsonArray("mails").getJsonObject(1);
    assertEquals("integration_commented", mail.getString("kind"));
    String html = (String) TestServer.pool().preparedQuery("select body_html from mail_outbox where id = $1")
        .execute(Tuple.of(mail.getLong("id"))).toCompletionStage().toCompletableFuture().join().iterator().next().getValue(0);
    assertTrue(html.contains("Serve &lt;b&gt;una stima&lt;/b&gt;."), html);
    assertFalse(html.contains("<b>una"), html);
  }

  @Test
  void emailChoicesDecideImmediateDigestOrNoMailButTheInboxAlwaysGetsIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    JsonObject dflt = API.ok(200, "ets1", "GET", "/api/me/notification-settings", null).getJsonObject("email");
    assertEquals("immediate", dflt.getString("mention"));
    JsonObject set = API.ok(200, "ets1", "PUT", "/api/me/notification-settings", new JsonObject().put("email",
        new JsonObject().put("integration_accepted", "none").put("integration_rejected", "digest"))).getJsonObject("email");
    assertEquals("none", set.getString("integration_accepted"));
    assertEquals("digest", set.getString("integration_rejected"));
    API.refused(400, "invalid_input", "ets1", "PUT", "/api/me/notification-settings",
        new JsonObject().put("email", new JsonObject().put("integration_accepted", "weekly")));
    API.refused(400, "invalid_input", "ets1", "PUT", "/api/me/notification-settings",
        new JsonObject().put("email", new JsonObject().put("no_such_kind", "none")));
    try {
      String a = API.propose("ets1", t.documentId(), "Accolta senza email.");
      String r = API.propose("ets1", t.documentId(), "Respinta nel riepilogo.");
      String base = "/api/documents/" + t.documentId() + "/integrations/";
      API.ok(200, "coordinatore", "POST", base + a + "/accept", new JsonObject());
      API.ok(200, "coordinatore", "POST", base + r + "/reject", new JsonObject().put("reason", "No."));
      assertEquals(0, count("select count(*) from mail_outbox o join notifications n on n.id = o.notification_id "
          + "where n.payload->>'integration' in ($1, $2)", a, r), "no immediate mail for either");
      assertEquals(2, count("select count(*) from notifications where payload->>'integration' in ($1, $2)", a, r),
          "both are in the inbox");
      assertEquals(1, count("select count(*) from notifications where payload->>'integration' = $1 and digest_due", r),
          "the rejection waits for the digest");
    } finally {
      API.ok(200, "ets1", "PUT", "/api/me/notification-settings", new JsonObject().put("email",
          new JsonObject().put("integration_accepted", "immediate").put("integration_rejected", "immediate")));
    }
  }

  @Test
  void consolidatingAVersionNotifiesEveryMemberButTheCoordinatorWhoDidIt() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    API.ok(201, "coordinatore", "POST", "/api/documents/" + t.documentId() + "/versions",
        new JsonObject().put("name", "Bozza per la giunta").put("consolidate", true));
    assertEquals(4, count("select count(*) from notifications where kind = 'version_consolidated' and tavolo_id = $1", t.id()));
    assertEquals(0, count("select count(*) from notifications where kind = 'version_consolidated' and tavolo_id = $1 "
        + "and user_id = $2", t.id(), DemoSeed.COORDINATOR.id()));
  }

  @Test
  void thePageOfTheInboxIsBoundedAndGoesOnFromTheLastId() {
    API.refused(400, "invalid_input", "ets1", "GET", "/api/me/notifications?limit=1000", null);
    API.refused(400, "invalid_input", "ets1", "GET", "/api/me/notifications?before=x", null);
    API.refused(401, "unauthorized", null, "GET", "/api/me/notifications", null);
    JsonObject first = API.ok(200, "ets1", "GET", "/api/me/notifications?limit=1", null);
    if (first.getValue("next") != null) {
      JsonObject second = API.ok(200, "ets1", "GET", "/api/me/notifications?limit=1&before=" + first.getLong("next"), null);
      second.getJsonArray("items").forEach(o -> assertTrue(((JsonObject) o).getLong("id") < first.getLong("next")));
    }
  }
}
