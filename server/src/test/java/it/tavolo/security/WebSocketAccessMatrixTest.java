package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.faults.WsPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket side of the access matrix: every bad token at the hello, strangers and
 * outsiders naming documents of tavoli they are not in, an observer trying every message
 * that writes, a member's token handed to another user's connection. A connection is bound
 * to the one document its hello named (no message carries a document id), so "another
 * document" can only be asked for at the hello. The table is in docs/security.md.
 */
class WebSocketAccessMatrixTest {
  private static final Set<String> TOKEN_CODES = Set.of("unauthorized", "token_expired", "token_revoked");
  private final SecurityFixture f = SecurityFixture.get();

  /** The first error after a message, and whether the connection was then closed. */
  private static String answer(WsPeer p) {
    JsonNode m = p.next("error", 5000);
    Short closed = p.awaitClosed(m == null ? 2000 : 500);
    String code = m == null ? "none" : m.path("code").asText();
    return code + (closed == null ? "" : " / close " + closed);
  }

  @Test
  void everyBadTokenStrangerOutsiderAndObserverWriteIsRefusedOnTheWebSocket() {
    Map<String, String> before = f.fingerprint();
    List<String> rows = new ArrayList<>(List.of("| who | message | answer |", "|---|---|---|"));
    List<String> wrong = new ArrayList<>();
    Map<String, String> attacks = f.forge.attacks(DemoSeed.PA_MEMBER, f.member, DemoSeed.COORDINATOR);
    attacks.put("revoked (logged out)", f.revoked);
    for (Map.Entry<String, String> a : attacks.entrySet()) {
      try (WsPeer p = WsPeer.connect(f.port())) {
        p.send(WsPeer.hello(a.getValue(), f.document, "ws-attack", null).toString());
        String got = answer(p);
        if (!got.endsWith("close 4401") || !TOKEN_CODES.contains(got.split(" ")[0])) {
          wrong.add("hello with " + a.getKey() + ": " + got);
        }
        rows.add("| token: " + a.getKey() + " | hello | `" + got.replace(" / ", "`, ") + " |");
      }
    }
    String[][] joins = {
        {"stranger (not in the tavolo)", f.stranger, f.document.toString()},
        {"coordinator of T, on another tavolo's document", f.outsiderCoordinator(), f.otherDocument.toString()},
        {"member, on a document that does not exist", f.member, UUID.randomUUID().toString()},
    };
    for (String[] j : joins) {
      try (WsPeer p = WsPeer.connect(f.port())) {
        p.send(WsPeer.hello(j[1], j[2], "ws-join", null).toString());
        String got = answer(p);
        if (!got.equals("not_found / close 4404")) {
          wrong.add(j[0] + ": " + got);
        }
        rows.add("| " + j[0] + " | hello | `" + got.replace(" / ", "`, ") + " |");
      }
    }
    assertTrue(before.equals(f.fingerprint()), "refused hellos changed saved data");
    try (WsPeer obs = WsPeer.join(f.port(), f.observer, f.document, "ws-observer", null)) {
      long seq = obs.welcome.path("seq").asLong();
      // joining during an open seduta records the observer's attendance: that is not a refusal
      sleep(500);
      Map<String, String> joined = f.fingerprint();
      String[][] writes = {
          {"submit (create)", "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[" + SecurityFixture.SECTION + "]}"},
          {"submit (delete)", "{\"type\":\"submit\",\"clientSeq\":2,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"s-accesso\"}]}"},
          {"submit (text)", "{\"type\":\"submit\",\"clientSeq\":3,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s-accesso\",\"field\":\"body\",\"edit\":[\"x\"]}]}"},
          {"submit (empty)", "{\"type\":\"submit\",\"clientSeq\":4,\"baseSeq\":" + seq + ",\"ops\":[]}"},
      };
      for (String[] w : writes) {
        obs.send(w[1]);
        String got = answer(obs);
        if (!got.equals("forbidden") && !got.equals("invalid_op")) {
          wrong.add("observer " + w[0] + ": " + got);
        }
        rows.add("| observer | " + w[0] + " | `" + got + "`, stays open |");
      }
      sleep(300);
      assertTrue(joined.equals(f.fingerprint()), "the observer's refused submits changed saved data");
      // last, as it ends the connection (and the attendance register notes the leaving)
      obs.send("{\"type\":\"token\",\"token\":\"" + f.member + "\"}");
      String got = answer(obs);
      if (!got.equals("unauthorized / close 4401")) {
        wrong.add("observer presenting a member's token: " + got);
      }
      rows.add("| observer | token message with a member's token | `" + got.replace(" / ", "`, ") + " |");
    }
    assertTrue(wrong.isEmpty(), "WebSocket refusals that did not hold:\n" + String.join("\n", wrong));
    SecurityDoc.section("ws-matrix", String.join("\n", rows));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
