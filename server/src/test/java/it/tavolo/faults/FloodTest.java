package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Floods: one connection sending messages as fast as it can is refused beyond its rate and
 * then closed (4429); one address opening connections without end is refused beyond its
 * ceiling (429 {@code too_many_connections}). Meanwhile someone else keeps typing and every
 * one of their edits is acknowledged promptly.
 */
@Tag(FaultsTaggedTest.TAG)
class FloodTest {
  /** The bystander types a marker and waits for it to be committed: how long that took. */
  private static long markerRoundTripMillis(Typist typist) {
    typist.marker();
    typist.pump(0);
    long t0 = System.nanoTime();
    FaultRun.settle(List.of(typist), 10_000);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void aMessageFloodIsRateLimitedThenClosedWhileOthersAreServed() {
    HostileServer s = HostileServer.get();
    Typist typist = new Typist("flood-t-" + UUID.randomUUID().toString().substring(0, 8), s.doc, s.bystander, s::port, 7).start();
    FaultRun.settle(List.of(typist), 20_000);
    Map<String, Integer> outcomes = new TreeMap<>();
    try (WsPeer flooder = WsPeer.join(s.port(), s.attacker, s.doc, "flooder-" + UUID.randomUUID(), null)) {
      int sent = 0;
      long slowest = 0;
      for (int burst = 0; burst < 20 && !flooder.closed; burst++) {
        for (int i = 0; i < 100 && !flooder.closed; i++) {
          flooder.ws.writeTextMessage("{\"type\":\"ping\"}");
          sent++;
        }
        // the typist's edit goes through while the flood goes on
        slowest = Math.max(slowest, markerRoundTripMillis(typist));
      }
      Short close = flooder.awaitClosed(10_000);
      for (JsonNode m : flooder.drain(100)) {
        String o = "pong".equals(m.path("type").asText()) ? "pong" : m.path("type").asText() + " " + m.path("code").asText();
        outcomes.merge(o, 1, Integer::sum);
      }
      System.out.println("FloodTest: " + sent + " messages sent, answers " + outcomes + ", closed " + close
          + "; slowest ack of the typist meanwhile " + slowest + " ms");
      assertEquals((short) 4429, close, "the flooder is closed for its rate");
      assertTrue(outcomes.getOrDefault("error rate_limited", 0) > 0, "refusals were sent: " + outcomes);
      assertTrue(outcomes.getOrDefault("pong", 0) <= 250, "at most a burst passed: " + outcomes);
      assertTrue(typist.unexpected.isEmpty() && !typist.conn.closed, "the typist was not disturbed");
      assertTrue(slowest < 5000, "the typist's edits were acknowledged promptly: " + slowest + " ms");
    } finally {
      typist.close();
    }
  }

  /**
   * A flood of submits, each batch two ops (insert {@code «k»} into the flooder's own section,
   * set its title to k): refused beyond the rate, then closed. What it leaves must be exactly
   * the batches acknowledged to it (an ack lost in the close counts once the reconnect's
   * welcome carries the batch), each whole, each marker once; the typist is served throughout.
   */
  @Test
  void aSubmitFloodIsRateLimitedThenClosedAndKeepsExactlyTheWholeBatchesItWasAcked() {
    HostileServer s = HostileServer.get();
    Typist typist = new Typist("flood-s-" + UUID.randomUUID().toString().substring(0, 8), s.doc, s.bystander, s::port, 9).start();
    FaultRun.settle(List.of(typist), 20_000);
    String client = "sflood-" + UUID.randomUUID().toString().substring(0, 8);
    String section = "s-" + client;
    Set<Long> acked = new TreeSet<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    long base;
    int sent = 0;
    Short close;
    long slowest = 0;
    try {
      try (WsPeer flooder = WsPeer.join(s.port(), s.attacker, s.doc, client, null)) {
        flooder.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + flooder.welcome.path("seq").asLong() + ",\"ops\":["
            + "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + section + "\",\"fields\":{\"order\":\"zz\",\"title\":\"0\"}}]}");
        JsonNode created = flooder.next("ack", 10_000);
        assertNotNull(created, "the flooder's section was created");
        base = created.path("seq").asLong();
        // every batch is based on the empty body: the server transforms it past the ones before
        for (int burst = 0; burst < 20 && !flooder.closed; burst++) {
          for (int i = 0; i < 100 && !flooder.closed; i++) {
            long k = 2 + sent;
            flooder.ws.writeTextMessage("{\"type\":\"submit\",\"clientSeq\":" + k + ",\"baseSeq\":" + base + ",\"ops\":["
                + "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + section + "\",\"field\":\"body\",\"edit\":[\"«" + k + "»\"]},"
                + "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"" + section + "\",\"field\":\"title\",\"value\":\"" + k + "\"}]}");
            sent++;
          }
          slowest = Math.max(slowest, markerRoundTripMillis(typist));
        }
        close = flooder.awaitClosed(10_000);
        for (JsonNode m : flooder.drain(200)) {
          String type = m.path("type").asText();
          if (type.equals("ack")) {
            acked.add(m.path("clientSeq").asLong());
          }
          outcomes.merge(type.equals("error") ? "error " + m.path("code").asText() : type, 1, Integer::sum);
        }
      }
      // a batch committed as the connection closed is acknowledged by the reconnect's welcome
      int viaWelcome = 0;
      try (WsPeer again = WsPeer.join(s.port(), s.attacker, s.doc, client, base)) {
        for (JsonNode b : again.welcome.path("ops")) {
          if (client.equals(b.path("client").asText()) && acked.add(b.path("clientSeq").asLong())) {
            viaWelcome++;
          }
        }
      }
      System.out.println("FloodTest: " + sent + " submits sent, answers " + outcomes + ", closed " + close + ", "
          + acked.size() + " acked (" + viaWelcome + " only by the reconnect's welcome); slowest ack of the typist meanwhile "
          + slowest + " ms");
      assertEquals((short) 4429, close, "the flooder is closed for its rate");
      assertTrue(outcomes.getOrDefault("error rate_limited", 0) > 0, "refusals were sent: " + outcomes);
      assertTrue(acked.size() > 0 && acked.size() < sent, "some batches got through, not all: " + acked.size());
      Map<Long, Integer> stored = new TreeMap<>();
      for (Row r : s.sql("select client_seq, jsonb_array_length(ops) as n from op_log where doc_id = $1 and client_id = $2",
          Tuple.of(s.doc, client))) {
        stored.put(r.getLong("client_seq"), r.getInteger("n"));
      }
      Map<Long, Integer> expected = new TreeMap<>();
      expected.put(1L, 1);
      acked.stream().filter(k -> k > 1).forEach(k -> expected.put(k, 2));
      assertEquals(expected, stored, "the op log holds exactly the acknowledged batches, each whole");
      String body;
      try (WsPeer look = WsPeer.join(s.port(), s.observer, s.doc, "look-" + UUID.randomUUID(), null)) {
        body = look.welcome.path("snapshot").path("collections").path("sections").path(section).path("body").asText();
      }
      List<Long> markers = new ArrayList<>();
      Matcher m = Pattern.compile("«(\\d+)»").matcher(body);
      while (m.find()) {
        markers.add(Long.parseLong(m.group(1)));
      }
      Collections.sort(markers);
      assertEquals(new ArrayList<>(expected.keySet()).subList(1, expected.size()), markers,
          "the section holds each acknowledged batch's marker once, and no other");
      assertTrue(typist.unexpected.isEmpty() && !typist.conn.closed, "the typist was not disturbed");
      assertTrue(slowest < 5000, "the typist's edits were acknowledged promptly: " + slowest + " ms");
    } finally {
      typist.close();
    }
  }

  @Test
  void aConnectionFloodFromOneAddressIsRefusedBeyondItsCeilingAndOthersStayServed() {
    HostileServer s = HostileServer.get();
    Typist typist = new Typist("flood-c-" + UUID.randomUUID().toString().substring(0, 8), s.doc, s.bystander, s::port, 8).start();
    FaultRun.settle(List.of(typist), 20_000);
    List<WsPeer> flood = new ArrayList<>();
    String refusal = null;
    try {
      for (int i = 0; i < HostileServer.MAX_CONNECTIONS_PER_IP + 5; i++) {
        try {
          flood.add(WsPeer.connect(s.port(), 5000)); // connected, never says hello
        } catch (IllegalStateException refused) {
          refusal = refused.getMessage();
          break;
        }
      }
      assertNotNull(refusal, "the address was refused at some point");
      assertTrue(refusal.contains("429"), refusal);
      // the typist's connection counts too (and any of an earlier test still closing)
      assertTrue(flood.size() <= HostileServer.MAX_CONNECTIONS_PER_IP - 1
          && flood.size() >= HostileServer.MAX_CONNECTIONS_PER_IP - 6, "refused after " + flood.size());
      try (RawWs raw = new RawWs(s.port())) {
        throw new AssertionError("one more connection was accepted beyond the ceiling");
      } catch (java.io.IOException refused) {
        assertTrue(refused.getMessage().contains(" 429 ") && refused.getMessage().contains("\"too_many_connections\""),
            refused.getMessage());
      }
      // the connected typist is still served
      typist.marker();
      FaultRun.settle(List.of(typist), 10_000);
      assertTrue(typist.unexpected.isEmpty());
      // the HTTP API is not part of the ceiling
      assertEquals(200, TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/health"))
          .build()).statusCode());
    } finally {
      flood.forEach(WsPeer::close);
    }
    // closed connections are counted out again
    long deadline = System.currentTimeMillis() + 10_000;
    WsPeer again = null;
    while (again == null && System.currentTimeMillis() < deadline) {
      try {
        again = WsPeer.join(s.port(), s.attacker, s.doc, "after-flood", null);
      } catch (IllegalStateException notYet) {
        WsPeer.sleep(100);
      }
    }
    assertNotNull(again, "connections are accepted again once the flood is gone");
    again.close();
    typist.close();
  }
}
