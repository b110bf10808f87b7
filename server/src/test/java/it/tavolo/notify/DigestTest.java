package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daily digest: a user who chose "digest" for a kind gets one mail listing those
 * notifications, once; the digest moment is the last digest hour (UTC). The digest is
 * composed here by the outbox's own code on the shared server's database (the server's own
 * timer would wait for the configured hour).
 */
class DigestTest {
  private static final Api API = Api.SHARED;

  private static MailOutbox outbox(int hour) {
    return new MailOutbox(TestServer.app().context().vertx(), new NotificationStore(TestServer.pool()),
        MailSettings.from(Map.of("TAVOLO_MAIL_DIGEST_HOUR", Integer.toString(hour))), () -> "https://tavolo.example.it");
  }

  @Test
  void theDigestMomentIsTheLastDigestHourBeforeNow() {
    MailOutbox o = outbox(7);
    OffsetDateTime morning = OffsetDateTime.of(2026, 12, 5, 6, 59, 0, 0, ZoneOffset.UTC);
    assertEquals(OffsetDateTime.of(2026, 12, 4, 7, 0, 0, 0, ZoneOffset.UTC), o.lastDigestMoment(morning));
    assertEquals(OffsetDateTime.of(2026, 12, 5, 7, 0, 0, 0, ZoneOffset.UTC), o.lastDigestMoment(morning.plusMinutes(1)));
  }

  @Test
  void digestNotificationsGoOutTogetherInOneMailOnce() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    API.ok(200, "ets2", "PUT", "/api/me/notification-settings",
        new JsonObject().put("email", new JsonObject().put("integration_rejected", "digest")));
    try {
      String base = "/api/documents/" + t.documentId() + "/integrations/";
      for (String why : new String[] {"Primo <rifiuto>", "Secondo rifiuto"}) {
        String id = API.propose("ets2", t.documentId(), why);
        API.ok(200, "coordinatore", "POST", base + id + "/reject", new JsonObject().put("reason", "No."));
      }
      MailOutbox o = outbox(7);
      OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
      assertTrue(o.digests(cutoff).await(20, TimeUnit.SECONDS) >= 1);
      Row mail = TestServer.pool().preparedQuery("select subject, body_text, body_html from mail_outbox "
              + "where user_id = $1 and kind = 'digest' order by id desc limit 1")
          .execute(Tuple.of(DemoSeed.ETS2.id())).await(10, TimeUnit.SECONDS).iterator().next();
      assertTrue(mail.getString("subject").startsWith("[Tavolo] Riepilogo del giorno"), mail.getString("subject"));
      String text = mail.getString("body_text");
      assertTrue(text.indexOf("Primo <rifiuto>") < text.indexOf("Secondo rifiuto") && text.contains("Primo <rifiuto>"), text);
      assertTrue(mail.getString("body_html").contains("Primo &lt;rifiuto&gt;"), mail.getString("body_html"));
      assertEquals(0, o.digests(cutoff).await(20, TimeUnit.SECONDS), "taken once");
    } finally {
      API.ok(200, "ets2", "PUT", "/api/me/notification-settings",
          new JsonObject().put("email", new JsonObject().put("integration_rejected", "immediate")));
    }
  }
}
