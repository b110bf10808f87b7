package it.tavolo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark's machinery on a tiny scenario against the test server: accounts and
 * tavoli made through the API, typists and watchers over real WebSockets, figures printed,
 * and every client converging on the server's snapshot. (The real scenarios are benchmarks,
 * run by hand: docs/benchmarks.md.)
 */
class LoadGeneratorTest {
  @Test
  void typistsAndWatchersConvergeOnTheServersSnapshot() throws Exception {
    ServerProcess server = ServerProcess.attach("http://127.0.0.1:" + TestServer.port(), 0, null);
    LoadScenario sc = new LoadScenario("test", 12, 3, 2, 10, 1, 3, 2, 42);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, String> report = new LoadRun(sc, server, new PrintStream(printed, true, StandardCharsets.UTF_8),
        "coordinatore@demo.tavolo", "demo", 2).run();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(report.get("convergence").startsWith("OK: 12 of 12"), text);
    assertEquals("none", report.get("errors"), text);
    assertTrue(report.get("ack latency").contains("p99.9"), text);
    assertTrue(report.get("broadcast latency").contains("p99.9"), text);
  }

  @Test
  void lightClientsKeepTheirSequenceAndTheirOwnSectionWhileTheSampleChecksEverything() throws Exception {
    ServerProcess server = ServerProcess.attach("http://127.0.0.1:" + TestServer.port(), 0, null);
    LoadScenario sc = new LoadScenario("light", 12, 2, 4, 10, 1, 3, 2, 44);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, String> report = new LoadRun(sc, server, new PrintStream(printed, true, StandardCharsets.UTF_8),
        "coordinatore@demo.tavolo", "demo", 2).sample(0, 2).run();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(report.get("generator").startsWith("4 of 12 clients read every message"), text);
    assertTrue(report.get("convergence").startsWith("OK: 12 of 12"), text);
    assertEquals("none", report.get("errors"), text);
    assertTrue(report.get("ack latency").contains("p99.9"), text);
    assertTrue(report.get("broadcast latency").contains("p99.9"), text);
  }

  @Test
  void theThreadsScenarioCommentsAndMentionsWhileTheTypistTypesAndStillConverges() throws Exception {
    ServerProcess server = ServerProcess.attach("http://127.0.0.1:" + TestServer.port(), 0, null);
    LoadScenario sc = new LoadScenario("threads", 2, 1, 1, 10, 1, 3, 1, 43);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, String> report = new LoadRun(sc, server, new PrintStream(printed, true, StandardCharsets.UTF_8),
        "coordinatore@demo.tavolo", "demo", 2).run();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(report.get("convergence").startsWith("OK: 2 of 2"), text);
    assertEquals("none", report.get("errors"), text);
    assertTrue(report.get("comments").contains("writes/s") && report.get("comments").endsWith("0 failed"), text);
    assertTrue(!report.get("comments").startsWith("0.0 writes/s"), "comments were written: " + text);
  }
}
