package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.model.StateCodec;
import it.tavolo.demo.DemoSeed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What flaky networks do to a live session: a connection cut in the middle of a frame, an
 * ack lost because the client vanished right after sending, a reconnect with a stale or
 * impossible {@code since}, old batches sent again (same content or not). Nothing is applied
 * twice or half, and everyone ends equal to the server.
 */
@Tag(FaultsTaggedTest.TAG)
class NetworkFaultsTest {
  /** CI's size of the flaky-network run (docs/reliability.md); {@code -Dtavolo.faults.flakySteps} runs more. */
  static final int FLAKY_STEPS = 10_000;
  private static final String SECTION = "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"%s\",\"fields\":{\"order\":\"%s\",\"title\":\"%s\",\"body\":\"\"}}";

  private static UUID freshDocument(HostileServer s) {
    UUID doc = UUID.randomUUID();
    s.sql("insert into documents (id, tavolo_id, title) values ($1, $2, 'Rete')", Tuple.of(doc, DemoSeed.TAVOLO_ID));
    return doc;
  }

  private static String submit(long clientSeq, long baseSeq, String id) {
    return "{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + baseSeq + ",\"ops\":["
        + String.format(SECTION, id, "m" + id, "Titolo " + id) + "]}";
  }

  @Test
  void aConnectionCutInTheMiddleOfAFrameAppliesNothingAndTheResendLandsOnce() throws Exception {
    HostileServer s = HostileServer.get();
    UUID doc = freshDocument(s);
    String full = submit(1, 0, "cut1");
    byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
    try (RawWs w = new RawWs(s.port())) {
      w.text(WsPeer.hello(s.attacker, doc, "cutter", null).toString());
      assertEquals("welcome", w.next(10_000).path("type").asText());
      w.partialFrame(RawWs.TEXT, bytes.length, java.util.Arrays.copyOfRange(bytes, 0, bytes.length / 2));
      w.reset(); // TCP RST mid-frame
    }
    WsPeer.sleep(300);
    assertEquals(0, s.opLogRows(doc), "half a frame applied nothing");
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "cutter", 0L)) {
      p.send(full);
      JsonNode ack = p.next("ack", 10_000);
      assertNotNull(ack, "the resend is acknowledged");
      assertEquals(1, ack.path("seq").asLong());
    }
    assertEquals(1, s.opLogRows(doc));
  }

  @Test
  void anAckLostToADisconnectIsRecoveredFromTheWelcomeAndTheResendIsNotAppliedTwice() {
    HostileServer s = HostileServer.get();
    UUID doc = freshDocument(s);
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "vanisher", null)) {
      p.send(submit(1, 0, "lost1"));
      p.cut(); // gone before the ack could arrive
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (s.opLogRows(doc) < 1 && System.currentTimeMillis() < deadline) {
      WsPeer.sleep(20);
    }
    assertEquals(1, s.opLogRows(doc), "the batch was committed although its ack was lost");
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "vanisher", 0L)) {
      JsonNode missed = p.welcome.path("ops");
      assertEquals(1, missed.size(), "the welcome brings the batch, with our own client id: it counts as the ack");
      assertEquals("vanisher", missed.get(0).path("client").asText());
      assertEquals(1, missed.get(0).path("clientSeq").asLong());
      p.send(submit(1, 0, "lost1")); // a client that did not look resends anyway
      JsonNode ack = p.next("ack", 10_000);
      assertNotNull(ack);
      assertEquals(1, ack.path("seq").asLong(), "the same seq again");
    }
    assertEquals(1, s.opLogRows(doc), "not applied twice");
  }

  @Test
  void oldBatchesSentAgainAreAcknowledgedWithTheirSeqAndNeverReapplied() {
    HostileServer s = HostileServer.get();
    UUID doc = freshDocument(s);
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "resender", null)) {
      for (int k = 1; k <= 5; k++) {
        p.send(submit(k, k - 1, "r" + k));
        assertEquals(k, p.next("ack", 10_000).path("seq").asLong());
      }
      String before = s.snapshot(doc);
      p.send(submit(2, 1, "r2"));
      assertEquals(2, p.next("ack", 10_000).path("seq").asLong(), "same batch again: its old seq");
      p.send(submit(3, 0, "something-else"));
      assertEquals(3, p.next("ack", 10_000).path("seq").asLong(), "same clientSeq, other content: still batch 3's ack");
      assertEquals(before, s.snapshot(doc), "nothing was applied again");
      assertEquals(5, s.opLogRows(doc));
    }
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "resender-2", null)) {
      p.send(submit(1, 5, "ok"));
      assertEquals(6, p.next("ack", 10_000).path("seq").asLong());
      p.send("{\"type\":\"submit\",\"clientSeq\":2,\"baseSeq\":6,\"ops\":[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"nope\"}]}");
      JsonNode refused = p.next("error", 10_000);
      assertNotNull(refused);
      p.send(submit(3, 6, "ok3"));
      assertEquals(7, p.next("ack", 10_000).path("seq").asLong());
      p.send("{\"type\":\"submit\",\"clientSeq\":2,\"baseSeq\":6,\"ops\":" + "[" + String.format(SECTION, "late", "ml", "T") + "]}");
      assertEquals("bad_client_seq", p.next("error", 10_000).path("code").asText(),
          "a refused clientSeq below the last committed one is not taken later");
    }
    assertEquals(7, s.opLogRows(doc));
  }

  @Test
  void staleOrImpossibleSinceStillGivesTheServersDocument() {
    HostileServer s = HostileServer.get();
    UUID doc = freshDocument(s);
    try (WsPeer p = WsPeer.join(s.port(), s.attacker, doc, "writer", null)) {
      for (int k = 1; k <= 4; k++) {
        p.send(submit(k, k - 1, "st" + k));
        assertNotNull(p.next("ack", 10_000));
      }
    }
    String truth = s.snapshot(doc);
    // A since the server knows, however stale (here all of the history is in the tail and well
    // within 20 000 batches): exactly the batches after it, never a snapshot — a snapshot would
    // make the client drop its unacknowledged edits (docs/protocol.md, "Reconnecting").
    for (long since : new long[] {0, 2, 4}) {
      try (WsPeer p = WsPeer.join(s.port(), s.bystander, doc, "late-" + since, since)) {
        JsonNode w = p.welcome;
        assertEquals(4, w.path("seq").asLong());
        assertFalse(w.has("snapshot"), "since " + since + ": no snapshot for a since the server knows");
        JsonNode ops = w.path("ops");
        assertTrue(ops.isArray(), "since " + since + ": ops");
        assertEquals(4 - since, ops.size(), "since " + since + ": exactly the batches after it");
        for (int i = 0; i < ops.size(); i++) {
          JsonNode b = ops.get(i);
          long seq = since + 1 + i;
          assertEquals(seq, b.path("seq").asLong(), "in seq order");
          assertEquals("writer", b.path("client").asText());
          assertEquals(seq, b.path("clientSeq").asLong());
          assertEquals("st" + seq, b.path("ops").get(0).path("id").asText(), "batch " + seq + " as committed");
        }
      }
    }
    // A since the server does not know (ahead of the document): only a snapshot can help.
    try (WsPeer p = WsPeer.join(s.port(), s.bystander, doc, "late-ahead", 1_000_000L)) {
      JsonNode w = p.welcome;
      assertEquals(4, w.path("seq").asLong());
      assertFalse(w.has("ops"), "no ops for an unknown since");
      assertEquals(truth, w.path("snapshot").toString(), "a snapshot instead");
    }
  }

  /** Typists whose connections are cut at random moments, converging anyway. */
  @Test
  void typistsOnAFlakyNetworkConvergeWithEveryEditOnce() {
    int steps = FaultRun.knob("flakySteps", FLAKY_STEPS, 600);
    long seed = FaultRun.seed("NetworkFaultsTest", steps + " flaky-network steps");
    Random rnd = new Random(seed);
    HostileServer s = HostileServer.get();
    UUID doc = freshDocument(s);
    try (WsPeer setup = WsPeer.join(s.port(), s.bystander, doc, "setup-" + seed, null)) {
      setup.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":0,\"ops\":[{\"op\":\"create\",\"coll\":\"sections\","
          + "\"id\":\"shared\",\"fields\":{\"order\":\"a\",\"title\":\"Insieme\",\"body\":\"Testo comune\"}}]}");
      assertNotNull(setup.next("ack", 10_000));
    }
    List<Typist> typists = new ArrayList<>();
    String[] who = {s.attacker, s.bystander};
    for (int i = 0; i < 3; i++) {
      typists.add(new Typist("n" + (char) ('a' + i), doc, who[i % 2], s::port, rnd.nextLong()).start());
    }
    int cuts = 0;
    try {
      for (int i = 0; i < steps; i++) {
        Typist t = typists.get(rnd.nextInt(typists.size()));
        if (rnd.nextInt(4) == 0) {
          t.step();
        }
        if (rnd.nextInt(40) == 0 && t.conn != null && !t.conn.closed) {
          t.conn.cut(); // the network goes away, maybe with a batch in flight
          cuts++;
        }
        for (Typist x : typists) {
          x.pump(rnd.nextInt(2));
        }
      }
      FaultRun.settle(typists, 60_000);
      try (WsPeer look = WsPeer.join(s.port(), s.observer, doc, "look-" + seed, null)) {
        String server = StateCodec.snapshotJson(Typist.stateOf(look.welcome));
        for (Typist t : typists) {
          assertTrue(t.unexpected.isEmpty(), t + ": " + t.unexpected);
          FaultRun.assertSame(server, StateCodec.snapshotJson(t.doc.document()), "seed " + seed + ": " + t);
          assertEquals(t.markersMade, OpLog.markersIn(t.doc.document(), t), t + ": every marker once");
        }
      }
      System.out.println("NetworkFaultsTest: " + steps + " steps, " + cuts + " cuts, reconnects "
          + typists.stream().mapToInt(t -> t.reconnects).sum());
      // about one step in 40 cuts a connection: far fewer means the run did not test the network
      assertTrue(cuts >= steps / 200, "seed " + seed + ": only " + cuts + " cuts in " + steps + " steps");
      assertTrue(typists.stream().allMatch(t -> t.markersMade > 0), "seed " + seed + ": every typist made edits");
    } finally {
      typists.forEach(Typist::close);
    }
  }
}
