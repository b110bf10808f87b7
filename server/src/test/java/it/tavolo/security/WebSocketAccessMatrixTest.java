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
    ensureSection();
    try (WsPeer obs = WsPeer.join(f.port(), f.observer, f.document, "ws-observer", null)) {
      long seq = obs.welcome.path("seq").asLong();
      // joining during an open seduta records the observer's attendance: that is not a refusal
      sleep(500);
      Map<String, String> joined = f.fingerprint();
      String[][] writes = {
          {"submit (create)", "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[" + SecurityFixture.SECTION + "]}"},
          // ops a member could send (the section exists, its body is empty): only the role refuses them
          {"submit (delete)", "{\"type\":\"submit\",\"clientSeq\":2,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"" + EXISTING + "\"}]}"},
          {"submit (text)", "{\"type\":\"submit\",\"clientSeq\":3,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + EXISTING + "\",\"field\":\"body\",\"edit\":[\"x\"]}]}"},
          {"submit (empty)", "{\"type\":\"submit\",\"clientSeq\":4,\"baseSeq\":" + seq + ",\"ops\":[]}"},
      };
      for (String[] w : writes) {
        obs.send(w[1]);
        String got = answer(obs);
        if (!got.equals("forbidden")) {
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
    readOnlyLink(rows, wrong);
    assertTrue(wrong.isEmpty(), "WebSocket refusals that did not hold:\n" + String.join("\n", wrong));
    SecurityDoc.section("ws-matrix", String.join("\n", rows));
  }

  /** A section of T's document that every refused write below names. */
  private static final String EXISTING = "s-esistente";

  /** A member writes {@link #EXISTING} (once: the fixture outlives a rerun), so a write naming it is valid but for the role. */
  private void ensureSection() {
    try (WsPeer m = WsPeer.join(f.port(), f.member, f.document, "ws-member-" + UUID.randomUUID(), null)) {
      if (m.welcome.path("snapshot").path("collections").path("sections").has(EXISTING)) {
        return;
      }
      m.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + m.welcome.path("seq").asLong() + ",\"ops\":[{\"op\":"
          + "\"create\",\"coll\":\"sections\",\"id\":\"" + EXISTING + "\",\"fields\":{\"order\":\"n\",\"title\":\"Esistente\","
          + "\"body\":\"\"}}]}");
      JsonNode ack = m.next("ack", 10_000);
      assertTrue(ack != null, "the member's section was acknowledged");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A read-only link (a seduta's viewer link: no account, its secret is the credential): it
   * follows the seduta's documents and nothing else, writes nothing, is no token for the
   * API, and stops working when revoked.
   */
  private void readOnlyLink(List<String> rows, List<String> wrong) {
    String seduta = f.seduta.get("sedutaId");
    java.net.http.HttpResponse<String> link = f.call("POST", "/api/sedute/" + seduta + "/viewer-link", f.coordinator, null);
    if (link.statusCode() != 201) {
      wrong.add("viewer link not created: " + link.body());
      return;
    }
    String secret = SecurityFixture.json(link.body()).path("token").asText();
    Map<String, String> before = f.fingerprint();
    try (WsPeer v = WsPeer.connect(f.port())) {
      v.send(viewerHello(secret, f.document.toString()));
      JsonNode w = v.next("welcome", 10_000);
      if (w == null) {
        wrong.add("the viewer link did not open the seduta's document");
        return;
      }
      long seq = w.path("seq").asLong();
      v.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[" + SecurityFixture.SECTION + "]}");
      String got = answer(v);
      if (!got.equals("forbidden")) {
        wrong.add("viewer submit: " + got);
      }
      rows.add("| read-only link | submit | `" + got + "`, stays open |");
      v.send("{\"type\":\"presence\",\"focus\":{\"coll\":\"sections\",\"id\":\"" + EXISTING
          + "\",\"field\":\"body\",\"anchor\":0,\"head\":0}}");
      got = answer(v);
      if (!got.equals("forbidden")) {
        wrong.add("viewer presence: " + got);
      }
      rows.add("| read-only link | presence | `" + got + "`, stays open |");
      // a member's valid token does not turn the link into that member
      v.send("{\"type\":\"token\",\"token\":\"" + f.member + "\"}");
      got = answer(v);
      if (!got.equals("unauthorized / close 4401")) {
        wrong.add("viewer presenting a member's token: " + got);
      }
      rows.add("| read-only link | token message with a member's token | `" + got.replace(" / ", "`, ") + " |");
    }
    try (WsPeer v = WsPeer.connect(f.port())) {
      v.send(viewerHello(secret, f.otherDocument.toString()));
      String got = answer(v);
      if (!got.equals("not_found / close 4404")) {
        wrong.add("viewer link on a document outside its seduta: " + got);
      }
      rows.add("| read-only link | hello, a document outside its seduta | `" + got.replace(" / ", "`, ") + " |");
    }
    for (String[] r : new String[][] {{"GET", "/api/me"}, {"GET", "/api/tavoli/" + f.tavolo},
        {"POST", "/api/documents/" + f.document + "/integrations"}}) {
      java.net.http.HttpResponse<String> h = f.call(r[0], r[1], secret, r[0].equals("POST") ? "{}" : null);
      if (h.statusCode() != 401) {
        wrong.add("viewer secret as a Bearer token on " + r[1] + ": " + h.statusCode());
      }
    }
    rows.add("| read-only link | its secret as a Bearer token on the API | `401 unauthorized` |");
    if (!before.equals(f.fingerprint())) {
      wrong.add("the read-only link's refused messages changed saved data");
    }
    f.call("DELETE", "/api/sedute/" + seduta + "/viewer-link", f.coordinator, null);
    try (WsPeer v = WsPeer.connect(f.port())) {
      v.send(viewerHello(secret, f.document.toString()));
      String got = answer(v);
      if (!got.contains("close 44")) {
        wrong.add("a revoked viewer link: " + got);
      }
      rows.add("| read-only link, revoked | hello | `" + got.replace(" / ", "`, ") + " |");
    }
  }

  private static String viewerHello(String secret, String doc) {
    return "{\"type\":\"hello\",\"viewer\":\"" + secret + "\",\"doc\":\"" + doc + "\",\"client\":\"viewer-"
        + UUID.randomUUID().toString().substring(0, 8) + "\",\"since\":null}";
  }
}
