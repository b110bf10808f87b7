package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.core.model.Limits;
import it.tavolo.demo.DemoSeed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile messages, one kind at a time, each with the answer it must get: a stable error
 * code with the connection left open, or the connection closed with its close code. While
 * they arrive a bystander stays connected and keeps being served, and at the end the
 * document and its history are exactly as before. The table of cases and answers is in
 * docs/security.md (kept equal to this test's results).
 */
@Tag(FaultsTaggedTest.TAG)
class HostileInputTest {
  private static HostileServer s;
  private static String body;
  private static String emojiBody;

  /** One hostile message: what is sent on a joined connection, and the expected answer. */
  private record Case(String name, Function<HostileInputTest, String> message, String expected) {}

  @BeforeAll
  static void setUp() {
    s = HostileServer.get();
    try (WsPeer setup = WsPeer.join(s.port(), s.bystander, s.doc, "setup-" + UUID.randomUUID(), null)) {
      long seq = setup.welcome.path("seq").asLong();
      JsonNode sections = setup.welcome.path("snapshot").path("collections").path("sections");
      body = sections.path("sec-1").path("body").asText();
      if (!sections.has("s-emoji")) {
        setup.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"create\",\"coll\":"
            + "\"sections\",\"id\":\"s-emoji\",\"fields\":{\"order\":\"zz\",\"title\":\"Emoji\",\"body\":\"a\uD83D\uDE00b\"}}]}");
        assertNotNull(setup.next("ack", 10_000), "setup edit acked");
      }
      emojiBody = "a\uD83D\uDE00b";
    }
  }

  private static String submit(String ops) {
    return "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":1,\"ops\":" + ops + "}";
  }

  private static String op(String json) {
    return submit("[" + json + "]");
  }

  private static String text(String id, String edit) {
    return op("{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + id + "\",\"field\":\"body\",\"edit\":" + edit + "}");
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static final List<Case> CASES = List.of(
      new Case("not JSON", t -> "this is not JSON", "error bad_json"),
      new Case("truncated JSON", t -> submit("[{\"op\":\"set\",\"coll\":\"sections\"").substring(0, 40), "error bad_json"),
      new Case("a JSON array, not an object", t -> "[1,2,3]", "error bad_json"),
      new Case("JSON null", t -> "null", "error bad_json"),
      new Case("JSON 100 000 levels deep", t -> "{\"type\":\"submit\",\"ops\":" + nested(100_000) + "}", "error bad_json"),
      new Case("no type", t -> "{\"clientSeq\":1}", "error unknown_type"),
      new Case("type is a number", t -> "{\"type\":5}", "error unknown_type"),
      new Case("unknown type", t -> "{\"type\":\"dance\"}", "error unknown_type"),
      new Case("clientSeq a string", t -> "{\"type\":\"submit\",\"clientSeq\":\"1\",\"baseSeq\":1,\"ops\":[]}", "error bad_message"),
      new Case("clientSeq a fraction", t -> "{\"type\":\"submit\",\"clientSeq\":1.5,\"baseSeq\":1,\"ops\":[]}", "error bad_message"),
      new Case("clientSeq negative", t -> "{\"type\":\"submit\",\"clientSeq\":-1,\"baseSeq\":1,\"ops\":[]}", "error bad_message"),
      new Case("clientSeq beyond 2^63", t -> "{\"type\":\"submit\",\"clientSeq\":9223372036854775808,\"baseSeq\":1,\"ops\":[]}", "error bad_message"),
      new Case("baseSeq missing", t -> "{\"type\":\"submit\",\"clientSeq\":1,\"ops\":[]}", "error bad_message"),
      new Case("baseSeq a string", t -> "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":\"0\",\"ops\":[]}", "error bad_message"),
      new Case("baseSeq beyond the head", t -> "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":999999,\"ops\":[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"sec-1\"}]}", "error bad_base_seq"),
      new Case("ops an object", t -> "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":1,\"ops\":{}}", "error invalid_op"),
      new Case("an op that is a number", t -> submit("[42]"), "error invalid_op"),
      new Case("unknown op", t -> op("{\"op\":\"explode\",\"coll\":\"sections\",\"id\":\"sec-1\"}"), "error invalid_op"),
      new Case("unknown collection", t -> op("{\"op\":\"delete\",\"coll\":\"users\",\"id\":\"x\"}"), "error invalid_op"),
      new Case("id with a path in it", t -> op("{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"../../etc\",\"fields\":{\"order\":\"m\",\"title\":\"x\",\"body\":\"\"}}"), "error invalid_op"),
      new Case("id of 65 characters", t -> op("{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + "a".repeat(65) + "\",\"fields\":{\"order\":\"m\",\"title\":\"x\",\"body\":\"\"}}"), "error invalid_op"),
      new Case("unknown field", t -> op("{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"owner\",\"value\":\"me\"}"), "error invalid_op"),
      new Case("amount as a string", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":\"100\"}"), "error invalid_op"),
      new Case("amount negative", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":-1}"), "error invalid_op"),
      new Case("amount a fraction of a cent", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":10.5}"), "error invalid_op"),
      new Case("amount over 10^13", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"amount\",\"value\":10000000000001}"), "error invalid_op"),
      new Case("nature outside its enum", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"nature\",\"value\":\"gift\"}"), "error invalid_op"),
      new Case("a date that does not exist", t -> op("{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"start\",\"value\":\"2026-02-30\"}"), "error invalid_op"),
      new Case("title nested 500 levels", t -> op("{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"title\",\"value\":" + nested(500) + "}"), "error invalid_op"),
      new Case("an entity of another tavolo's document", t -> op("{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-z\",\"field\":\"title\",\"value\":\"preso\"}"), "error invalid_op"),
      new Case("a reference to another tavolo's objective", t -> op("{\"op\":\"set\",\"coll\":\"activities\",\"id\":\"act-1\",\"field\":\"objective\",\"value\":\"obj-z\"}"), "error invalid_op"),
      // bud-6 is the attacker's organisation's (the Cooperativa's) line, bud-1 the SdS's (issue 15)
      new Case("another organisation's budget line", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-1\",\"field\":\"amount\",\"value\":1}"), "error not_your_pledge"),
      new Case("an intervento in a draft (only a seduta's notes hold them)", t -> op("{\"op\":\"create\",\"coll\":\"interventi\",\"id\":\"int-z\",\"fields\":{\"order\":\"m\",\"kind\":\"riserva\"}}"), "error invalid_op"),
      new Case("a budget contributor of another tavolo", t -> op("{\"op\":\"set\",\"coll\":\"budget\",\"id\":\"bud-6\",\"field\":\"contributor\",\"value\":\"" + s.otherOrganisation + "\"}"), "error invalid_op"),
      new Case("an activity led by an organisation of another tavolo", t -> op("{\"op\":\"create\",\"coll\":\"activities\",\"id\":\"act-z\",\"fields\":{\"order\":\"m\",\"lead\":\"" + s.otherOrganisation + "\"}}"), "error invalid_op"),
      new Case("text edit retaining past the end", t -> text("sec-1", "[" + (body.length() + 5) + "]"), "error invalid_op"),
      new Case("text edit deleting past the end", t -> text("sec-1", "[" + (body.length() - 1) + ",-5]"), "error invalid_op"),
      new Case("text edit shorter than the text", t -> text("sec-1", "[1,\"x\"]"), "error invalid_op"),
      new Case("text edit splitting a surrogate pair", t -> text("s-emoji", "[2,\"x\"," + (emojiBody.length() - 2) + "]"), "error invalid_op"),
      new Case("text inserting a lone surrogate", t -> text("s-emoji", "[\"\\ud83d\"," + emojiBody.length() + "]"), "error invalid_op"),
      new Case("text edit with a fraction", t -> text("s-emoji", "[1.5,\"x\"]"), "error invalid_op"),
      new Case("text inserting past the maximum length", t -> text("sec-1", "[" + body.length() + ",\""
          + "x".repeat(Limits.DEFAULT.maxTextLength() + 1 - body.length()) + "\"]"), "error too_large"),
      new Case("a create with a text past the maximum length", t -> op("{\"op\":\"create\",\"coll\":\"sections\",\"id\":"
          + "\"s-long\",\"fields\":{\"order\":\"m\",\"body\":\"" + "x".repeat(Limits.DEFAULT.maxTextLength() + 1) + "\"}}"), "error too_large"),
      new Case("a batch of 1001 ops", t -> submit("[" + String.join(",", java.util.Collections.nCopies(1001,
          "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"title\",\"value\":\"x\"}")) + "]"), "error too_large"),
      new Case("a message of 300 KiB", t -> op("{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"sec-1\",\"field\":\"title\",\"value\":\"" + "x".repeat(300 * 1024) + "\"}"), "error too_large"),
      new Case("presence focus of wrong types", t -> "{\"type\":\"presence\",\"focus\":{\"coll\":1,\"id\":[],\"field\":null,\"anchor\":\"a\"}}", "error bad_message"),
      new Case("presence focus with a 10 000-character id", t -> "{\"type\":\"presence\",\"focus\":{\"coll\":\"sections\",\"id\":\"" + "x".repeat(10_000) + "\",\"field\":\"body\",\"anchor\":0,\"head\":0}}", "error bad_message"),
      new Case("a second hello", t -> WsPeer.hello(s.attacker, s.otherDoc, "other", null).toString(), "error already_joined"),
      new Case("a token message with a forged token", t -> "{\"type\":\"token\",\"token\":\"a.b.c\"}", "error unauthorized"),
      new Case("a token message of another user", t -> "{\"type\":\"token\",\"token\":\"" + s.bystander + "\"}", "close 4401 unauthorized"));

  /** Sends one case on a fresh joined connection; the answer as "error code" / "close n code" / "none". */
  private static String answer(WsPeer p) {
    JsonNode m = p.next(5000);
    while (m != null && !"error".equals(m.path("type").asText())) {
      m = p.next(5000); // members, presence of the bystander...
    }
    if (m == null) {
      Short c = p.awaitClosed(1000);
      return c == null ? "none" : "close " + c;
    }
    String code = m.path("code").asText();
    Short c = p.awaitClosed(300);
    return c == null ? "error " + code : "close " + c + " " + code;
  }

  @Test
  void everyHostileMessageGetsItsStableAnswerAndChangesNothingForAnyone() throws Exception {
    long rows = s.opLogRows(s.doc);
    String before = s.snapshot(s.doc);
    List<String> table = new ArrayList<>(List.of("| hostile message | answer | connection |", "|---|---|---|"));
    List<String> wrong = new ArrayList<>();
    try (WsPeer bystander = WsPeer.join(s.port(), s.bystander, s.doc, "bystander-" + UUID.randomUUID(), null);
         WsPeer attacker = WsPeer.join(s.port(), s.attacker, s.doc, "attacker", null)) {
      WsPeer a = attacker;
      for (Case c : CASES) {
        if (a.closed) {
          a = WsPeer.join(s.port(), s.attacker, s.doc, "attacker", null);
        }
        a.send(c.message().apply(this));
        String got = answer(a);
        if (!got.equals(c.expected())) {
          wrong.add(c.name() + ": expected " + c.expected() + ", got " + got);
        }
        if (got.startsWith("error")) {
          // still open and still served
          a.send("{\"type\":\"ping\"}");
          if (a.next("pong", 5000) == null) {
            wrong.add(c.name() + ": the connection stopped answering afterwards");
          }
        }
        table.add("| " + c.name() + " | " + code(got) + " | " + (got.startsWith("close") ? "closed " + got.split(" ")[1] : "stays open") + " |");
      }
      // frame-level abuse, on raw sockets
      rawCases(table, wrong);
      assertTrue(wrong.isEmpty(), "hostile messages answered wrongly:\n" + String.join("\n", wrong));
      assertTrue(!bystander.closed, "the bystander's connection survived");
      for (JsonNode m : bystander.drain(200)) {
        assertTrue(!"ops".equals(m.path("type").asText()), "the bystander saw a change: " + m);
      }
      bystander.send("{\"type\":\"ping\"}");
      assertNotNull(bystander.next("pong", 5000), "the bystander is still served");
      a.close();
    }
    assertEquals(rows, s.opLogRows(s.doc), "the history is unchanged");
    assertEquals(before, s.snapshot(s.doc), "the document is unchanged");
    it.tavolo.security.SecurityDoc.section("ws-hostile", String.join("\n", table));
  }

  private static String code(String got) {
    String[] p = got.split(" ");
    return got.startsWith("close") ? (p.length > 2 ? "`" + p[2] + "`" : "—") : got.startsWith("error") ? "`" + p[1] + "`" : got;
  }

  private void rawCases(List<String> table, List<String> wrong) throws Exception {
    String hello = WsPeer.hello(s.attacker, s.doc, "raw-" + UUID.randomUUID(), null).toString();
    record Raw(String name, String expected, RawAction action) {}
    List<Raw> raws = List.of(
        new Raw("a binary frame", "error bad_json", w -> w.frame(RawWs.BINARY, true, new byte[] {1, 2, 3})),
        new Raw("a text frame of invalid UTF-8", "error bad_json", w -> w.frame(RawWs.TEXT, true, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})),
        new Raw("a continuation with nothing to continue", "close", w -> w.frame(RawWs.CONTINUATION, true, "{}".getBytes(StandardCharsets.UTF_8))),
        new Raw("a message split over 3 frames, UTF-8 cut mid-character", "error unknown_type", w -> {
          byte[] m = "{\"type\":\"dànce\"}".getBytes(StandardCharsets.UTF_8);
          w.frame(RawWs.TEXT, false, java.util.Arrays.copyOfRange(m, 0, 10));
          w.frame(RawWs.CONTINUATION, false, java.util.Arrays.copyOfRange(m, 10, 11));
          w.frame(RawWs.CONTINUATION, true, java.util.Arrays.copyOfRange(m, 11, m.length));
        }),
        new Raw("a frame of 2 MiB (cut by the transport)", "close", w -> w.frame(RawWs.TEXT, true, new byte[2 * 1024 * 1024])),
        new Raw("a header promising 1 GiB, then silence", "close", w -> w.partialFrame(RawWs.TEXT, 1L << 30, new byte[100])));
    for (Raw r : raws) {
      try (RawWs w = new RawWs(s.port())) {
        w.text(hello);
        JsonNode welcome = w.next(10_000);
        assertEquals("welcome", welcome == null ? null : welcome.path("type").asText(), r.name());
        try {
          r.action().run(w);
        } catch (java.io.IOException closedWhileWriting) {
          // the server cut the connection before we finished sending: read how it closed
        }
        JsonNode m = w.next(5000);
        while (m != null && !"error".equals(m.path("type").asText())) {
          m = w.next(5000);
        }
        String got;
        if (m != null) {
          got = "error " + m.path("code").asText();
          w.text("{\"type\":\"ping\"}");
          JsonNode pong = w.next(5000);
          while (pong != null && !"pong".equals(pong.path("type").asText())) {
            pong = w.next(5000);
          }
          if (pong == null) {
            wrong.add(r.name() + ": the connection stopped answering afterwards");
          }
        } else {
          got = w.closeCode == null ? "none" : "close " + w.closeCode;
        }
        boolean ok = r.expected().equals("close") ? got.startsWith("close") : got.equals(r.expected());
        if (!ok) {
          wrong.add(r.name() + ": expected " + r.expected() + ", got " + got);
        }
        table.add("| " + r.name() + " | " + (got.startsWith("error") ? "`" + got.substring(6) + "`" : "—") + " | "
            + (got.startsWith("close") ? "closed" + (r.expected().equals("close") ? "" : " " + got.substring(6)) : "stays open") + " |");
      }
    }
  }

  @FunctionalInterface
  private interface RawAction {
    void run(RawWs w) throws Exception;
  }

  /**
   * {@link SchemaCases}: every field of every collection given every kind of wrong value, and
   * op-level fields of the wrong shape. Hundreds of messages, so one summary row per
   * collection in docs/security.md; a failure names each case. Paced under the connection's
   * rate limit (a refusal for rate would hide the answer under test).
   */
  @Test
  void everyFieldOfEveryCollectionRefusesEveryWrongValueWithItsCodeAndChangesNothing() {
    // the attacker's own organisation: a wrong value on its own line is what is under test, not ownership
    String org = DemoSeed.COOPERATIVA.id().toString();
    try (WsPeer setup = WsPeer.join(s.port(), s.attacker, s.doc, "hx-setup-" + UUID.randomUUID(), null)) {
      JsonNode colls = setup.welcome.path("snapshot").path("collections");
      List<String> ops = SchemaCases.fixtureOps(org, c -> c.equals(it.tavolo.core.model.Schema.INTERVENTI)
          || colls.path(c).has(SchemaCases.existing(c)));
      if (!ops.isEmpty()) {
        setup.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + setup.welcome.path("seq").asLong()
            + ",\"ops\":[" + String.join(",", ops) + "]}");
        assertNotNull(setup.next("ack", 10_000), "the entities the cases name were created");
      }
    }
    // The document here is a draft, which refuses the notes' interventi whole (invalid_op, the
    // case "an intervento in a draft" above) before looking at a value; SchemaCasesTest holds the
    // core to every wrong value of their fields.
    List<SchemaCases.Case> cases = SchemaCases.all(org, c -> !c.name().equals(it.tavolo.core.model.Schema.INTERVENTI));
    long rows = s.opLogRows(s.doc);
    String before = s.snapshot(s.doc);
    Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
    Map<String, Integer> sent = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    String client = "hx-" + UUID.randomUUID(); // never acked, so clientSeq 1 is never a resend
    try (WsPeer bystander = WsPeer.join(s.port(), s.bystander, s.doc, "bystander-" + UUID.randomUUID(), null)) {
      WsPeer a = WsPeer.join(s.port(), s.attacker, s.doc, client, null);
      long head = a.welcome.path("seq").asLong();
      long t0 = System.nanoTime();
      int messages = 0;
      for (SchemaCases.Case c : cases) {
        // at most 150 at once, then 40/s: inside the limits of 200 and 50/s
        long due = t0 + Math.max(0, messages - 150) * 1_000_000_000L / 40;
        WsPeer.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        if (a.closed) {
          a = WsPeer.join(s.port(), s.attacker, s.doc, client, null);
          t0 = System.nanoTime();
          messages = 0;
        }
        a.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + head + ",\"ops\":[" + c.op() + "]}");
        messages++;
        String got = firstAnswer(a);
        if (!got.equals("error " + c.expected())) {
          wrong.add(c.group() + ": " + c.name() + ": expected " + c.expected() + ", got " + got + "\n    " + abbreviated(c.op()));
        }
        sent.merge(c.group(), 1, Integer::sum);
        answers.computeIfAbsent(c.group(), g -> new TreeMap<>()).merge(got, 1, Integer::sum);
      }
      a.send("{\"type\":\"ping\"}");
      assertNotNull(a.next("pong", 5000), "the attacker's connection is still served");
      a.close();
      for (JsonNode m : bystander.drain(200)) {
        assertTrue(!"ops".equals(m.path("type").asText()), "the bystander saw a change: " + m);
      }
      bystander.send("{\"type\":\"ping\"}");
      assertNotNull(bystander.next("pong", 5000), "the bystander is still served");
    }
    System.out.println("HostileInputTest: " + cases.size() + " wrong values and shapes: " + answers);
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + cases.size() + " wrong values answered wrongly:\n" + String.join("\n", wrong));
    assertEquals(rows, s.opLogRows(s.doc), "the history is unchanged");
    assertEquals(before, s.snapshot(s.doc), "the document is unchanged");
    List<String> table = new ArrayList<>(List.of("| where | wrong values and shapes sent | answers | connection |", "|---|---|---|---|"));
    answers.forEach((group, got) -> table.add("| " + group + " | " + sent.get(group) + " | "
        + String.join(", ", got.entrySet().stream().map(e -> code(e.getKey()) + " ×" + e.getValue()).toList())
        + " | stays open |"));
    it.tavolo.security.SecurityDoc.section("ws-wrong-types", String.join("\n", table));
  }

  /** The first ack, error or close after a submit: "error code", "ack", "close n" or "none". */
  private static String firstAnswer(WsPeer p) {
    JsonNode m = p.next(5000);
    while (m != null) {
      String type = m.path("type").asText();
      if (type.equals("error")) {
        return "error " + m.path("code").asText();
      }
      if (type.equals("ack")) {
        return "ack";
      }
      m = p.next(5000); // members, presence...
    }
    Short c = p.awaitClosed(1000);
    return c == null ? "none" : "close " + c;
  }

  private static String abbreviated(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  @Test
  void helloAbuseIsRefusedAndClosed() {
    String[][] hellos = {
        {"no hello first", "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":0,\"ops\":[]}", "close 4401 unauthorized"},
        {"a document of another tavolo", WsPeer.hello(s.attacker, s.otherDoc, "h1", null).toString(), "close 4404 not_found"},
        {"a document id that is not a UUID", WsPeer.hello(s.attacker, "../../etc/passwd", "h1", null).toString(), "close 4404 not_found"},
        {"a client id with spaces", WsPeer.hello(s.attacker, s.doc, "a b", null).toString(), "close 4400 bad_message"},
        {"a client id of 65 characters", WsPeer.hello(s.attacker, s.doc, "c".repeat(65), null).toString(), "close 4400 bad_message"},
        {"since a string", WsPeer.hello(s.attacker, s.doc, "h1", null).put("since", "5").toString(), "close 4400 bad_message"},
        {"since negative", WsPeer.hello(s.attacker, s.doc, "h1", -1L).toString(), "close 4400 bad_message"},
        {"token a number", WsPeer.hello(s.attacker, s.doc, "h1", null).put("token", 42).toString(), "close 4401 unauthorized"},
    };
    List<String> wrong = new ArrayList<>();
    List<String> table = new ArrayList<>(List.of("| hello | answer | connection |", "|---|---|---|"));
    for (String[] h : hellos) {
      try (WsPeer p = WsPeer.connect(s.port())) {
        p.send(h[1]);
        String got = answer(p);
        if (!got.equals(h[2])) {
          wrong.add(h[0] + ": expected " + h[2] + ", got " + got);
        }
        table.add("| " + h[0] + " | " + code(got) + " | closed " + (got.split(" ").length > 1 ? got.split(" ")[1] : "?") + " |");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    it.tavolo.security.SecurityDoc.section("ws-hello", String.join("\n", table));
  }
}
