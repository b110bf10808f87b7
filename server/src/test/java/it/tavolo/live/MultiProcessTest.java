package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import it.tavolo.App;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.TextOperation;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three server processes on one PostgreSQL serve the same tavolo (docs/architecture.md,
 * "Scaling out"): two Apps in this JVM (cheap: they share nothing but the database, exactly as
 * processes do) and one separate JVM, so that it can be killed for real with SIGKILL in the
 * middle of the typing. Clients are spread over the three; the killed one's clients reconnect
 * to the others with {@code since} and resend their unacknowledged batch.
 */
class MultiProcessTest {
  private static final UUID DOC = DemoSeed.DOCUMENT_ID;
  private static final String[] WHO = {"coordinatore", "pa", "ets1", "ets2", "coordinatore", "pa"};

  /** A client with what it was told: seq → "client:clientSeq" for every batch it saw or had acked. */
  private static final class Peer {
    final String clientId;
    final String token;
    TypingClient tc;
    int port;
    final Map<Long, String> seen = new HashMap<>();
    final Map<Long, String> acked = new HashMap<>();

    Peer(String clientId, String token, int port) {
      this.clientId = clientId;
      this.token = token;
      this.port = port;
      this.tc = new TypingClient(LiveClient.join(port, token, DOC, clientId, null), clientId);
    }

    void handle(JsonNode m) {
      String type = m.path("type").asText();
      if (type.equals("ops")) {
        seen.put(m.path("seq").asLong(), m.path("client").asText() + ":" + m.path("clientSeq").asLong());
      } else if (type.equals("ack")) {
        String id = clientId + ":" + m.path("clientSeq").asLong();
        seen.put(m.path("seq").asLong(), id);
        acked.put(m.path("seq").asLong(), id);
      }
      tc.handle(m);
    }

    void pump(long waitMs) throws InterruptedException {
      JsonNode m = tc.conn.inbox.poll(waitMs, TimeUnit.MILLISECONDS);
      while (m != null) {
        handle(m);
        m = tc.conn.inbox.poll();
      }
      if (!tc.conn.closed) {
        tc.sendNext();
      }
    }

    void type(Random rnd) {
      int length = tc.doc.document().textLength("sections", "sec-1", "body");
      int at = rnd.nextInt(length + 1);
      TextOperation edit = TextOperation.builder().retain(at).insert(String.valueOf((char) ('a' + rnd.nextInt(26))))
          .retain(length - at).build();
      tc.doc.edit(List.of(new Op.Text("sections", "sec-1", "body", edit)));
      if (!tc.conn.closed) {
        tc.sendNext();
      }
    }

    /** A new connection to {@code newPort}: the batches missed since the last seq seen, then the resend. */
    void reconnect(int newPort) {
      port = newPort;
      tc.conn = LiveClient.join(newPort, token, DOC, clientId, tc.doc.seq());
      for (JsonNode b : tc.conn.welcome.path("ops")) {
        String id = b.path("client").asText() + ":" + b.path("clientSeq").asLong();
        seen.put(b.path("seq").asLong(), id);
        if (b.path("client").asText().equals(clientId)) {
          acked.put(b.path("seq").asLong(), id); // our batch committed before the crash: as good as its ack
        }
        tc.doc.onBatch(b.path("seq").asLong(), b.path("author").asText(), b.path("client").asText(),
            b.path("clientSeq").asLong(), OpCodec.decodeBatch(b.path("ops")));
      }
      tc.doc.resend().ifPresent(tc::send);
    }
  }

  @Test
  void threeProcessesKeepOneOrderAndAKilledProcessesClientsLoseNothingAcknowledged() throws Exception {
    Seeds.fresh(MultiProcessTest.class, this::threeProcessesWithSeed);
  }

  private void threeProcessesWithSeed(long seed) throws Exception {
    Random rnd = new Random(seed);
    Path pgDir = TestServer.tempDir("tavolo-cluster-pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
        .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "100").start()) {
      String url = "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres";
      // TAVOLO_CLUSTER is auto: on, since the database is external
      App a = TestServer.startApp(TestServer.config(Map.of("DATABASE_URL", url, "TAVOLO_DEMO", "true")));
      App b = TestServer.startApp(TestServer.config(Map.of("DATABASE_URL", url, "TAVOLO_DEMO", "false")));
      Process c = null;
      try {
        int cPort = freePort();
        c = spawn(url, cPort);
        int[] ports = {a.port(), b.port(), cPort};
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < WHO.length; i++) {
          peers.add(new Peer("mp-" + i, LiveClient.login(a.port(), WHO[i]), ports[i % 3]));
        }

        int ackedOnC = 0;
        for (int round = 0; round < 80; round++) {
          for (Peer p : peers) {
            p.type(rnd);
          }
          for (Peer p : peers) {
            p.pump(round % 4 == 0 ? 15 : 2);
          }
          if (round == 40) {
            // the third process must have served its clients before it dies (it starts cold)
            long until = System.nanoTime() + 30_000_000_000L;
            while (peers.stream().anyMatch(p -> p.port == cPort && p.acked.isEmpty()) && System.nanoTime() < until) {
              for (Peer p : peers) {
                p.pump(5);
              }
            }
            for (Peer p : peers) {
              p.type(rnd); // and a batch in flight when it dies
            }
            for (Peer p : peers) {
              if (p.port == cPort) {
                ackedOnC += p.acked.size();
              }
            }
            c.destroyForcibly(); // SIGKILL, batches in flight
            c.waitFor(30, TimeUnit.SECONDS);
          }
          for (Peer p : peers) {
            if (p.port == cPort && p.tc.conn.closed) {
              p.reconnect(ports[peers.indexOf(p) % 2]);
            }
          }
        }
        assertTrue(ackedOnC > 0, "the killed process had acked batches before it died");
        for (Peer p : peers) {
          assertTrue(p.port != cPort, p.clientId + " moved to a live process");
        }

        long head = settle(peers, a);
        // the push: a batch committed on B reaches a client of A well before the 5 s poll
        Peer onB = peers.get(1);
        Peer onA = peers.get(0);
        onB.type(rnd);
        long t0 = System.nanoTime();
        while (onA.tc.doc.seq() <= head) {
          onB.pump(5);
          onA.pump(5);
          if (System.nanoTime() - t0 > 2_500_000_000L) {
            fail("a batch committed through B did not reach A's client within 2.5 s (seed " + seed + ")");
          }
        }
        head = settle(peers, a);

        Map<Long, String> log = opLog(a);
        assertEquals(head, log.size(), "the op log holds every seq from 1 to the head, once");
        for (long s = 1; s <= head; s++) {
          assertNotNull(log.get(s), "seq " + s + " is in the op log");
        }
        JsonNode truthA = snapshotVia(a.port());
        JsonNode truthB = snapshotVia(b.port());
        assertEquals(truthA, truthB, "both live processes serve the same document");
        for (Peer p : peers) {
          for (Map.Entry<Long, String> e : p.acked.entrySet()) {
            assertEquals(e.getValue(), log.get(e.getKey()), p.clientId + ": an acknowledged batch is in the log at its seq"
                + " (seed " + seed + ")");
          }
          for (Map.Entry<Long, String> e : p.seen.entrySet()) {
            assertEquals(log.get(e.getKey()), e.getValue(), p.clientId + " saw seq " + e.getKey()
                + " as the log has it (seed " + seed + ")");
          }
          assertEquals(truthA, StateCodec.snapshot(p.tc.doc.document()).get("collections"),
              p.clientId + " converged (seed " + seed + ")");
        }
        peers.forEach(p -> p.tc.close());
      } finally {
        if (c != null) {
          c.destroyForcibly();
        }
        a.stop();
        b.stop();
      }
    }
  }

  /** Pumps until every client has nothing in flight and all have seen the log's head. */
  private static long settle(List<Peer> peers, App a) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      for (Peer p : peers) {
        p.pump(10);
      }
      long head = a.context().pool().preparedQuery("select coalesce(max(seq), 0) as m from op_log where doc_id = $1")
          .execute(Tuple.of(DOC)).await(10, TimeUnit.SECONDS).iterator().next().getLong("m");
      if (peers.stream().allMatch(p -> p.tc.doc.isSettled() && p.tc.doc.seq() == head)) {
        return head;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder b = new StringBuilder("clients did not settle at head " + head + ":");
        peers.forEach(p -> b.append(' ').append(p.clientId).append('@').append(p.tc.doc.seq())
            .append(p.tc.doc.isSettled() ? "" : "(unsettled)"));
        fail(b.toString());
      }
    }
  }

  private static Map<Long, String> opLog(App a) throws Exception {
    Map<Long, String> out = new HashMap<>();
    for (Row r : a.context().pool().preparedQuery("select seq, client_id, client_seq from op_log where doc_id = $1")
        .execute(Tuple.of(DOC)).await(10, TimeUnit.SECONDS)) {
      out.put(r.getLong("seq"), r.getString("client_id") + ":" + r.getLong("client_seq"));
    }
    return out;
  }

  private static JsonNode snapshotVia(int port) {
    try (LiveClient c = LiveClient.join(port, LiveClient.login(port, "osservatore"), DOC, "probe-" + port, null)) {
      // through the same codec as the clients' copies (a parsed tree holds ints where it builds longs)
      return StateCodec.snapshot(TypingClient.stateOf(c.welcome)).get("collections");
    }
  }

  /** The server as its own OS process, from this test's classpath, on the shared database. */
  private static Process spawn(String databaseUrl, int port) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "it.tavolo.Main");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("TAVOLO_") || k.equals("DATABASE_URL"));
    env.put("DATABASE_URL", databaseUrl);
    env.put("PORT", Integer.toString(port));
    env.put("HOST", "127.0.0.1");
    env.put("TAVOLO_DATA_DIR", TestServer.tempDir("tavolo-cluster-c").toString());
    env.put("TAVOLO_JWT_SECRET", TestServer.config(Map.of()).jwtSecret());
    env.put("TAVOLO_DEMO", "false");
    env.put("TAVOLO_CLUSTER", "auto");
    env.put("LOG_LEVEL", "WARN");
    pb.redirectErrorStream(true).redirectOutput(TestServer.tempDir("tavolo-cluster-c-log").resolve("server.log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail("the third server exited with " + p.exitValue());
      }
      try {
        HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (RuntimeException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    fail("the third server did not start");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
