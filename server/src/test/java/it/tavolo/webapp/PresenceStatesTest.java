package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The presence bar says who is connected, idle or gone (issue 18): a participant who goes
 * offline no longer just vanishes for the others.
 */
class PresenceStatesTest {
  private final String base = "http://localhost:" + TestServer.port();

  private static String state(TavoloBrowser b, String user) {
    return (String) b.js("const li = document.querySelector(`#presence-list li[data-user='${arguments[0]}']`); return li ? li.dataset.state || 'none' : null;", user);
  }

  @Test
  void aParticipantIsShownIdleWhenQuietConnectedWhenTypingAndOfflineWhenGone() {
    TestServer.Tavolo t = TestServer.freshTavolo();
    try (TavoloBrowser giulia = new TavoloBrowser(base)) {
      giulia.login("coordinatore@demo.tavolo");
      giulia.openDocument(t.id().toString(), t.documentId().toString());
      giulia.js("tavoloView.idleMs = 2500;"); // two minutes in the app; shorter here
      String saraId;
      try (TavoloBrowser sara = new TavoloBrowser(base)) {
        sara.login("ets1@demo.tavolo");
        sara.openDocument(t.id().toString(), t.documentId().toString());
        saraId = sara.userId();
        giulia.waitFor(d -> "connected".equals(state(giulia, saraId)));
        giulia.waitFor(d -> "idle".equals(state(giulia, saraId)));
        assertTrue(String.valueOf(giulia.js("return document.querySelector(`#presence-list li[data-user='${arguments[0]}']`).textContent", saraId))
            .contains("inattivo/a"));
        sara.typeAtEnd("sections", "sec-1", "body", " Ci sono.");
        giulia.waitFor(d -> "connected".equals(state(giulia, saraId)));
      }
      // Sara's browser is gone
      giulia.waitFor(d -> "offline".equals(state(giulia, saraId)));
      assertTrue(String.valueOf(giulia.js("return document.querySelector(`#presence-list li[data-user='${arguments[0]}']`).textContent", saraId))
          .contains("non più collegato/a"));
      assertTrue(String.valueOf(giulia.js("return document.getElementById('presence-count').textContent")).contains("1"),
          "counted among those present no more");
    }
  }
}
