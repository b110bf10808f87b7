package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every {@code ws-example} block of docs/protocol.md against the running server over
 * real WebSockets (the rules are at the top of that file). Each block gets a fresh tavolo
 * with the demo accounts and an empty document.
 */
class ProtocolExamplesTest {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^#{2,4} (.+?)$|^```ws-example\\n(.*?)^```");
  private static final Pattern LINE = Pattern.compile("^([A-Z])(>|<)\\s*(.*)$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
  /**
   * Strict mode: between the messages an example shows, a connection may only receive these
   * (who joined or left, and cursors, come and go with timing the examples cannot pin down;
   * so do the other layers' announcements, {@code integration} when a proposal is recorded and
   * {@code notification}: they are sent after their own commit, in no fixed order with the
   * answer); any other message — a stray {@code ops}, an {@code error} — fails the example.
   */
  static final java.util.Set<String> IN_BETWEEN = java.util.Set.of("presence", "members", "integration", "notification");
  /** How long an example's connections stay open after its last line, for late strays to show. */
  private static final long QUIET_AFTER_MS = 300;
  private static final Map<String, DemoSeed.Account> WHO = Map.of(
      "coordinatore", DemoSeed.COORDINATOR, "pa", DemoSeed.PA_MEMBER, "ets1", DemoSeed.ETS1,
      "ets2", DemoSeed.ETS2, "osservatore", DemoSeed.OBSERVER);

  static Path protocolDoc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("docs/protocol.md");
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
  }

  @TestFactory
  List<DynamicTest> everyExampleInTheProtocolDocRunsAgainstTheServer() throws IOException {
    String md = Files.readString(protocolDoc());
    List<DynamicTest> tests = new ArrayList<>();
    Matcher m = BLOCK.matcher(md);
    String heading = "?";
    int n = 0;
    while (m.find()) {
      if (m.group(1) != null) {
        heading = m.group(1).trim();
        continue;
      }
      String body = m.group(2);
      String name = ++n + ". " + heading;
      tests.add(DynamicTest.dynamicTest(name, () -> new Exchange(name).run(body)));
    }
    assertTrue(tests.size() >= 10, "docs/protocol.md should hold the examples: found " + tests.size());
    return tests;
  }

  @org.junit.jupiter.api.Test
  void everyErrorCodeTheServerCanSendIsInTheErrorTable() throws IOException {
    String md = Files.readString(protocolDoc());
    for (ErrorCode c : ErrorCode.values()) {
      assertTrue(md.contains("| `" + c.wire() + "` |"), c.wire() + " is missing from the table in docs/protocol.md");
    }
  }

  /** One example: its connections and the values it captured. */
  static final class Exchange {
    final String name;
    final Map<String, LiveClient> conns = new LinkedHashMap<>();
    final Map<String, String> values = new HashMap<>();

    Exchange(String name) {
      this.name = name;
      TestServer.Tavolo t = TestServer.freshTavolo();
      values.put("tavolo", t.id().toString());
      values.put("doc", LiveFixtures.document(t.id(), "live", false).toString());
      values.put("lockedDoc", LiveFixtures.document(t.id(), "live", true).toString());
      values.put("proposalDoc", LiveFixtures.document(t.id(), "proposal", false).toString());
      values.put("strangersDoc", LiveFixtures.strangersDocument().toString());
      values.put("unknownDoc", UUID.randomUUID().toString());
      WHO.forEach((k, a) -> {
        values.put("user:" + k, a.id().toString());
        values.put("org:" + k, a.organisation().id().toString());
      });
    }

    void assertOnlyInBetween(String conn, List<JsonNode> extra, String when) {
      for (JsonNode n : extra) {
        assertTrue(IN_BETWEEN.contains(n.path("type").asText()),
            name + ": connection " + conn + " got a message the example does not show, " + when + ": " + n);
      }
    }

    void run(String body) {
      try {
        int lineNo = 0;
        for (String raw : body.split("\n")) {
          lineNo++;
          String line = raw.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          Matcher l = LINE.matcher(line);
          if (!l.matches()) {
            fail(name + " line " + lineNo + ": neither A> nor A<: " + line);
          }
          LiveClient c = conns.computeIfAbsent(l.group(1), k -> LiveClient.connect());
          String rest = l.group(3);
          if (l.group(2).equals(">")) {
            c.sendText(substitute(rest));
          } else if (rest.startsWith("close ")) {
            c.awaitClosed(Integer.parseInt(rest.substring(6).trim()));
            assertOnlyInBetween(l.group(1), c.takeAll(), "before the close: " + line);
          } else {
            JsonNode expected = LiveClient.JSON.readTree(rest);
            String type = expected.path("type").asText();
            JsonNode actual = c.nextStrict(type, IN_BETWEEN, 10_000);
            match(expected, actual, "$", line, actual);
          }
        }
        // and nothing else follows: a stray message sent late (an ops twice, an error) fails too
        Thread.sleep(QUIET_AFTER_MS);
        conns.forEach((k, c) -> assertOnlyInBetween(k, c.takeAll(), "after the last line"));
      } catch (Exception e) {
        throw new AssertionError(name + ": " + e.getMessage(), e);
      } finally {
        conns.values().forEach(LiveClient::close);
      }
    }

    /** Fills in {@code {{...}}} in a message to send. */
    String substitute(String text) {
      Matcher p = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (p.find()) {
        p.appendReplacement(out, Matcher.quoteReplacement(value(p.group(1))));
      }
      p.appendTail(out);
      return out.toString();
    }

    String value(String key) {
      if (key.startsWith("x*")) {
        return "x".repeat(Integer.parseInt(key.substring(2)));
      }
      if (key.startsWith("token:")) {
        String[] k = key.split(":");
        if (k.length == 2) {
          return LiveClient.token(k[1]);
        }
        DemoSeed.Account a = WHO.get(k[2]);
        return switch (k[1]) {
          case "expired" -> TestTokens.expired(a);
          case "wrongKey" -> TestTokens.wrongKey(a);
          case "none" -> TestTokens.algNone(a);
          case "fresh" -> TestTokens.valid(a, 900);
          default -> throw new IllegalArgumentException(key);
        };
      }
      if (key.equals("viewer")) {
        return values.computeIfAbsent(key, k -> viewerSecret());
      }
      String v = values.get(key);
      assertNotNull(v, "no value for {{" + key + "}}");
      return v;
    }

    /** A read-only link of a seduta showing {{doc}}, made through the API as a coordinator would. */
    String viewerSecret() {
      String auth = "Bearer " + LiveClient.token("coordinatore");
      var seduta = TestServer.request("POST", "/api/tavoli/" + values.get("tavolo") + "/sedute",
          "{\"title\":\"Seduta di prova\",\"startsAt\":\"2026-12-01T09:30:00Z\",\"mode\":\"in_presenza\",\"place\":\"Sala consiliare\","
              + "\"documents\":[\"" + values.get("doc") + "\"]}",
          "Authorization", auth, "Content-Type", "application/json");
      assertEquals(201, seduta.statusCode(), seduta.body());
      try {
        String id = LiveClient.JSON.readTree(seduta.body()).path("id").asText();
        var link = TestServer.request("POST", "/api/sedute/" + id + "/viewer-link", null, "Authorization", auth);
        assertEquals(201, link.statusCode(), link.body());
        return LiveClient.JSON.readTree(link.body()).path("token").asText();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** Objects: exactly the keys shown; arrays: exactly the elements shown; messages word for word unless {{*}}. */
    void match(JsonNode expected, JsonNode actual, String path, String line, JsonNode whole) {
      String where = name + "\n  expected " + line + "\n  got      " + whole + "\n  at " + path;
      if (expected.isTextual()) {
        String e = expected.asText();
        Matcher p = PLACEHOLDER.matcher(e);
        if (p.matches()) {
          String key = p.group(1);
          if (key.equals("*")) {
            assertFalse(actual == null || actual.isMissingNode(), where);
            return;
          }
          if (!values.containsKey(key) && !key.contains(":")) {
            assertTrue(actual.isValueNode(), where);
            values.put(key, actual.asText()); // captured for later lines
            return;
          }
          assertEquals(value(key), actual.asText(), where);
          return;
        }
        assertEquals(expected, actual, where);
        return;
      }
      if (expected.isObject()) {
        assertTrue(actual.isObject(), where);
        List<String> expectedKeys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        List<String> actualKeys = new ArrayList<>();
        actual.fieldNames().forEachRemaining(actualKeys::add);
        assertEquals(expectedKeys.stream().sorted().toList(), actualKeys.stream().sorted().toList(), "keys: " + where);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          match(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey(), line, whole);
        }
        return;
      }
      if (expected.isArray()) {
        assertTrue(actual.isArray(), where);
        assertEquals(expected.size(), actual.size(), "length: " + where);
        for (int i = 0; i < expected.size(); i++) {
          match(expected.get(i), actual.get(i), path + "[" + i + "]", line, whole);
        }
        return;
      }
      assertEquals(expected, actual, where);
    }
  }
}
