package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's "done when", end to end: in the demo tavolo ets1 comments a sentence of the draft
 * and mentions the coordinator; the mention is in the coordinator's inbox and arrives by email
 * at a real SMTP server started in the test (GreenMail), linked to the document; ets1, the
 * author, is told nothing.
 */
class MentionMailTest {

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMentionInACommentReachesTheInboxAndTheMailboxOfWhoIsMentioned() throws Exception {
    int smtpPort = freePort();
    GreenMail g = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    g.setUser("tavolo", "segreto");
    App app = TestServer.startAppWith(Map.of("TAVOLO_SMTP_URL", "smtp://tavolo:segreto@127.0.0.1:" + smtpPort,
            "TAVOLO_MAIL_FROM", "Tavolo <tavolo@comune.example>", "TAVOLO_MAIL_POLL_MILLIS", "100"),
        Map.of("TAVOLO_DEMO", "true", "TAVOLO_DATA_DIR", TestServer.tempDir("tavolo-mention").toString()));
    Api api = new Api(app.port());
    try {
      String doc = "/api/documents/" + DemoSeed.DOCUMENT_ID;
      long seq = Long.parseLong(String.valueOf(api.ok(200, "ets1", "GET", doc + "/threads", null).getValue("seq")));
      JsonObject anchor = new JsonObject().put("coll", "sections").put("id", "sec-2").put("field", "body")
          .put("start", 0).put("end", 11);
      JsonObject thread = api.ok(201, "ets1", "POST", doc + "/threads", new JsonObject().put("anchor", anchor)
          .put("seq", seq).put("body", "Va indicato chi coordina, @coordinatore."));

      JsonArray inbox = api.ok(200, "coordinatore", "GET", "/api/me/notifications", null).getJsonArray("items");
      JsonObject mention = inbox.stream().map(JsonObject.class::cast)
          .filter(n -> "mention".equals(n.getString("kind"))).findFirst().orElseThrow(() -> new AssertionError(inbox.encode()));
      assertEquals(thread.getString("id"), mention.getJsonObject("payload").getString("thread"), mention.encode());
      JsonArray own = api.ok(200, "ets1", "GET", "/api/me/notifications", null).getJsonArray("items");
      assertTrue(own.stream().map(JsonObject.class::cast).noneMatch(n -> "mention".equals(n.getString("kind"))),
          "the author is not told of her own comment: " + own.encode());

      assertTrue(g.waitForIncomingEmail(20_000, 1), "a mail for the mention");
      MimeMessage m = g.getReceivedMessages()[0];
      assertEquals(DemoSeed.COORDINATOR.email(), m.getAllRecipients()[0].toString());
      String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
      assertTrue(text.contains("Va indicato chi coordina"), text);
      assertTrue(text.contains("/#/doc/" + DemoSeed.TAVOLO_ID + "/" + DemoSeed.DOCUMENT_ID), text);
    } finally {
      app.stop();
      g.stop();
    }
  }
}
