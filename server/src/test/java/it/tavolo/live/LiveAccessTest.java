package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who gets in, who may edit, and how every refusal looks on the wire. */
class LiveAccessTest {
  private static final String SET_TITLE =
      "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s-x\",\"fields\":{\"order\":\"m\",\"title\":\"X\",\"body\":\"\"}}]";

  @Test
  void aMemberJoinsAndIsWelcomedWithTheDocumentAndWhoTheyAre() {
    UUID doc = LiveFixtures.seededDocument();
    try (LiveClient c = LiveClient.join("ets1", doc, "c-welcome")) {
      JsonNode w = c.welcome;
      assertEquals(doc.toString(), w.path("doc").asText());
      assertEquals(1, w.path("seq").asLong());
      assertTrue(w.path("snapshot").path("collections").path("sections").size() > 0, "the demo draft's sections");
      assertEquals(1, w.path("snapshot").path("seq").asLong());
      assertEquals(DemoSeed.ETS1.id().toString(), w.path("you").path("user").asText());
      assertEquals("member", w.path("you").path("role").asText());
      assertEquals(DemoSeed.COOPERATIVA.id().toString(), w.path("you").path("org").asText());
      assertEquals("ETS", w.path("you").path("side").asText());
      assertEquals("live", w.path("mode").asText());
      assertFalse(w.path("locked").asBoolean());
      assertEquals(1, w.path("authors").path("seq").asLong());
      assertEquals(1, w.path("members").size());
      assertEquals("Sara Innocenti", w.path("members").get(0).path("name").asText());
    }
  }

  @Test
  void anythingButHelloFirstIsRefusedAndClosed() {
    try (LiveClient c = LiveClient.connect()) {
      c.submit(1, 0, SET_TITLE);
      c.error("unauthorized");
      c.awaitClosed(4401);
    }
    try (LiveClient c = LiveClient.connect()) {
      c.sendText("not json");
      c.error("unauthorized");
      c.awaitClosed(4401);
    }
  }

  @Test
  void missingExpiredForgedAndUnsignedTokensAreRefused() {
    UUID doc = LiveFixtures.seededDocument();
    String[][] cases = {
        {null, "unauthorized"},
        {"", "unauthorized"},
        {"abc.def.ghi", "unauthorized"},
        {TestTokens.expired(DemoSeed.ETS1), "token_expired"},
        {TestTokens.wrongKey(DemoSeed.ETS1), "unauthorized"},
        {TestTokens.algNone(DemoSeed.ETS1), "unauthorized"},
    };
    for (String[] k : cases) {
      try (LiveClient c = LiveClient.connect()) {
        if (k[0] == null) {
          c.sendText("{\"type\":\"hello\",\"doc\":\"" + doc + "\",\"client\":\"c1\",\"since\":null}");
        } else {
          c.hello(k[0], doc, "c1", null);
        }
        c.error(k[1]);
        c.awaitClosed(4401);
      }
    }
  }

  @Test
  void aTavoloOneIsNotInAndAnUnknownDocumentAreNotFound() {
    for (String doc : new String[] {LiveFixtures.strangersDocument().toString(), UUID.randomUUID().toString(), "nope"}) {
      try (LiveClient c = LiveClient.connect()) {
        c.hello(LiveClient.token("coordinatore"), doc, "c1", null);
        c.error("not_found");
        c.awaitClosed(4404);
      }
    }
  }

  @Test
  void anObserverFollowsButEveryEditIsRefusedAndChangesNothing() {
    UUID doc = LiveFixtures.seededDocument();
    try (LiveClient obs = LiveClient.join("osservatore", doc, "c-obs");
         LiveClient member = LiveClient.join("pa", doc, "c-pa")) {
      assertEquals("observer", obs.welcome.path("you").path("role").asText());
      obs.submit(1, 1, SET_TITLE);
      JsonNode e = obs.error("forbidden");
      assertEquals(1, e.path("clientSeq").asLong());
      assertEquals(1, LiveFixtures.opLogRows(doc));
      // the observer still sees others' edits
      member.submit(1, 1, SET_TITLE);
      assertEquals(2, member.next("ack").path("seq").asLong());
      assertEquals(2, obs.next("ops").path("seq").asLong());
    }
  }

  @Test
  void aLockedDocumentRefusesEditsAndProposalModeLeavesThemToCoordinators() {
    UUID tavolo = it.tavolo.testing.TestServer.freshTavolo().id();
    UUID locked = LiveFixtures.document(tavolo, "live", true);
    try (LiveClient c = LiveClient.join("coordinatore", locked, "c-l")) {
      assertTrue(c.welcome.path("locked").asBoolean());
      c.submit(1, 0, SET_TITLE);
      c.error("locked");
    }
    UUID proposal = LiveFixtures.document(tavolo, "proposal", false);
    try (LiveClient member = LiveClient.join("ets2", proposal, "c-m");
         LiveClient coordinator = LiveClient.join("coordinatore", proposal, "c-c")) {
      member.submit(1, 0, SET_TITLE);
      member.next("proposed"); // the record layer turns it into an integration (docs/protocol.md)
      coordinator.submit(1, 0, SET_TITLE);
      assertEquals(1, coordinator.next("ack").path("seq").asLong());
    }
  }

  @Test
  void aBrowserFromAnotherOriginCannotOpenTheSocket() {
    try {
      LiveClient.connect(it.tavolo.testing.TestServer.port(), "https://evil.example");
      throw new AssertionError("the upgrade should have been refused");
    } catch (IllegalStateException expected) {
      assertTrue(expected.getMessage().contains("403"), expected.getMessage());
    }
    int port = it.tavolo.testing.TestServer.port();
    for (String own : new String[] {it.tavolo.testing.TestServer.app().context().publicOrigin(),
        "http://127.0.0.1:" + port}) {
      try (LiveClient c = LiveClient.connect(port, own)) {
        c.hello(LiveClient.token("pa"), LiveFixtures.seededDocument(), "c-o", null);
        c.next("welcome");
      }
    }
    try {
      LiveClient.connect(port, "http://localhost:" + (port + 1));
      throw new AssertionError("another port is another origin");
    } catch (IllegalStateException expected) {
      assertTrue(expected.getMessage().contains("403"), expected.getMessage());
    }
  }
}
