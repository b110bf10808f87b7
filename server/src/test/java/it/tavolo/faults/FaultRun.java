package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.StateCodec;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What the fault tests share: their size knobs, logging in, and the end-state checks. */
final class FaultRun {
  private FaultRun() {}

  /**
   * A size knob: system property {@code tavolo.faults.<name>}, else env {@code
   * TAVOLO_FAULTS_<NAME>}, else the CI default. Run bigger locally, e.g. {@code
   * -Dtavolo.faults.rounds=50}. A value below {@code floor} fails the test: a fault test run
   * at size zero (or nearly) would pass while checking nothing.
   */
  static int knob(String name, int ciDefault, int floor) {
    String v = System.getProperty("tavolo.faults." + name);
    String from = "-Dtavolo.faults." + name;
    if (v == null) {
      v = System.getenv(envName(name));
      from = envName(name);
    }
    int value;
    try {
      value = v == null || v.isBlank() ? ciDefault : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new AssertionError(from + "=" + v + " is not a whole number", e);
    }
    if (value < floor) {
      throw new AssertionError(from + "=" + value + " is below the floor of " + floor + " for this fault test "
          + "(CI runs " + ciDefault + "): at that size it would check next to nothing");
    }
    return value;
  }

  /** TAVOLO_FAULTS_FLAKYSTEPS for "flakySteps": the environment spelling of a knob. */
  static String envName(String name) {
    return "TAVOLO_FAULTS_" + name.toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * The seed: {@code -Dtavolo.faults.seed=N} (or env {@code TAVOLO_FAULTS_SEED}) replays a
   * failure; otherwise a fresh one. Printed at the start with the sizes, so a failing run's
   * output says how to replay it.
   */
  static long seed(String test, String sizes) {
    String v = System.getProperty("tavolo.faults.seed");
    if (v == null || v.isBlank()) {
      v = System.getenv("TAVOLO_FAULTS_SEED");
    }
    long seed = v == null || v.isBlank() ? System.nanoTime() : Long.parseLong(v.trim());
    System.out.println(test + ": " + sizes + ", seed " + seed + " (replay with -Dtavolo.faults.seed=" + seed + ")");
    return seed;
  }

  static String login(int port, String who) {
    HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + who + "@demo.tavolo\",\"password\":\"demo\"}"))
        .build());
    assertEquals(200, r.statusCode(), "login of " + who + ": " + r.body());
    try {
      return WsPeer.JSON.readTree(r.body()).get("token").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pumps every typist until each is connected, has nothing unacked and has seen the same seq. */
  static long settle(List<Typist> typists, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long head = 0;
      boolean settled = true;
      for (Typist t : typists) {
        t.pump(5);
        head = Math.max(head, t.doc.seq());
      }
      for (Typist t : typists) {
        settled &= t.settled() && t.doc.seq() == head;
      }
      if (settled) {
        return head;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the typists did not settle: " + typists);
      }
    }
  }

  /**
   * The end state: the op log is whole (seqs 1..head, every ack in it at its seq, each client's
   * batches 1..n once), every marker every typist made is there exactly once, and each typist,
   * a fresh joiner and the core's replay of the log hold the same document and authorship.
   */
  static void assertConverged(OpLog log, List<Typist> typists, JsonNode freshWelcome) {
    log.assertContiguous();
    DocumentState truth = log.replay();
    assertEquals(log.head(), freshWelcome.path("seq").asLong(), "a fresh joiner's seq");
    DocumentState server = Typist.stateOf(freshWelcome);
    assertSame(StateCodec.snapshotJson(truth), StateCodec.snapshotJson(server), "server vs replay of its log");
    assertSame(authorship(truth), authorship(server), "authorship: server vs log");
    for (Typist t : typists) {
      assertAcksInLog(log, t);
      assertEquals(t.markersMade, OpLog.markersIn(truth, t), t + ": every marker edit lands exactly once");
      assertTrue(t.unexpected.isEmpty(), t.clientId + " got errors: " + t.unexpected);
      assertEquals(log.head(), t.doc.seq(), t + " has seen every batch");
      assertSame(StateCodec.snapshotJson(truth), StateCodec.snapshotJson(t.doc.document()), t + " converged");
      assertSame(authorship(truth), authorship(t.doc.document()), t + " authorship converged");
    }
  }

  /** Every ack the typist received is in the log at the acked seq; its batches are 1..n, each once. */
  static void assertAcksInLog(OpLog log, Typist t) {
    Map<Long, Long> inLog = log.batchesOf(t.clientId);
    for (Map.Entry<Long, Long> a : t.acked.entrySet()) {
      assertEquals(a.getValue(), inLog.get(a.getKey()),
          t.clientId + "'s acknowledged batch " + a.getKey() + " is not in the log at its acked seq");
    }
    long expect = 1;
    for (long cs : new TreeMap<>(inLog).keySet()) {
      assertEquals(expect++, cs, t.clientId + "'s committed clientSeqs have a gap");
    }
  }

  /**
   * Who wrote each character and set each value. Without the seq of scalar values: a client
   * engine keeps its own sets at seq -1 after their ack (it never learns them otherwise).
   */
  static String authorship(DocumentState d) {
    return StateCodec.authorshipJson(d).replaceAll(",\"seq\":-?\\d+", "");
  }

  /** Equal texts, or a failure showing where they first differ (not two whole documents). */
  static void assertSame(String expected, String actual, String what) {
    if (expected.equals(actual)) {
      return;
    }
    int i = 0;
    while (i < Math.min(expected.length(), actual.length()) && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 150);
    throw new AssertionError(what + ": first difference at " + i + "\n expected …"
        + expected.substring(from, Math.min(expected.length(), i + 150)) + "…\n actual   …"
        + actual.substring(from, Math.min(actual.length(), i + 150)) + "…");
  }

  static UUID uuid(String s) {
    return UUID.fromString(s);
  }
}
