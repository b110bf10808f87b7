package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.SpawnedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow connections ("slowloris"), as the red team ran them: connections that send a request
 * line and then one header line every few seconds, never finishing the head, as many as the
 * attacker can open. Without a deadline for the head they pile up until the server has no
 * file descriptor left, and {@code /health} stops answering.
 *
 * <p>Scaled to fit this machine (its hard open-file limit is 20,000 for the test JVM and the
 * server alike): the server runs in a process of its own ({@link SpawnedServer}) whose
 * open-file limit is lowered to {@value #FD_LIMIT} once it is up, and the test opens slow
 * connections against it for {@value #ATTACK_SECONDS} s, {@value #OPENS_PER_SECOND} a second,
 * up to {@value #ATTACK} open at once, replacing those the server closes. The server runs with
 * a 5 s head deadline and a cap of 2,000 connections (the defaults are 10 s and three quarters
 * of the open-file limit), so both act: unfixed, the attack exhausts the descriptors in about
 * 6 s.
 * Meanwhile a bystander types into the demo document and {@code /health} is asked on a fresh
 * connection every 50 ms; the targets are an ack p99 under 100 ms and {@code /health}
 * under 200 ms, asserted with a margin (500 and 1,000 ms) for this shared, loaded 2-core
 * machine; the figures are printed.
 */
@Tag(FaultsTaggedTest.TAG)
class SlowConnectionsTest {
  static final int FD_LIMIT = 3000;
  static final int ATTACK = 3200;
  static final int ATTACK_SECONDS = 20;
  /** New connections per second at most, as a tool opening thousands of connections paces itself. */
  static final int OPENS_PER_SECOND = 500;
  /** Measured fixed: ack p99 52 to 56 ms, /health at most 113 to 161 ms; unfixed: /health timed out (10 s). */
  private static final double ACK_P99_LIMIT_MS = 500;
  private static final double HEALTH_LIMIT_MS = 1000;
  /**
   * One probe's worst case: a single scheduling hiccup on a machine at load average 17 reached
   * 1.5 s (a CI run with four builds beside it) while p99 stayed at 214 ms; the unfixed server
   * does not answer for 10 s, so 3 s still tells the two apart.
   */
  private static final double HEALTH_MAX_LIMIT_MS = 3000;

  @Test
  void connectionsTricklingTheirHeadersAreCutAndOthersStayServed() throws Exception {
    try (SpawnedServer server = SpawnedServer.start(Map.of("LOG_LEVEL", "WARN", "TAVOLO_HTTP_HEADER_TIMEOUT", "5s",
        "TAVOLO_HTTP_MAX_CONNECTIONS", "2000"))) {
      Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(server.pid()), "--nofile=" + FD_LIMIT + ":" + FD_LIMIT)
          .redirectErrorStream(true).start();
      assertTrue(p.waitFor() == 0, "prlimit: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      Bystander bystander = new Bystander(server.port(), FaultRun.login(server.port(), "pa"), DemoSeed.DOCUMENT_ID).start();
      Attack attack = new Attack(server.port());
      int mostServerFds = 0;
      Bystander.Figures figures;
      try {
        WsPeer.sleep(300); // a quiet baseline first
        long end = System.currentTimeMillis() + ATTACK_SECONDS * 1000L;
        long nextTrickle = 0;
        while (System.currentTimeMillis() < end) {
          attack.topUp(ATTACK, OPENS_PER_SECOND / 10, end);
          if (System.currentTimeMillis() >= nextTrickle) {
            attack.trickle();
            nextTrickle = System.currentTimeMillis() + 2000;
          }
          attack.reap();
          mostServerFds = Math.max(mostServerFds, fds(server.pid()));
          WsPeer.sleep(100);
        }
      } finally {
        figures = bystander.stop();
        bystander.close();
        attack.close();
      }
      System.out.println("SlowConnectionsTest: " + attack + "; the server held at most " + mostServerFds
          + " file descriptors (limit " + FD_LIMIT + "); " + figures);
      assertTrue(attack.cut > 0, "the server cut slow connections: " + attack);
      assertTrue(mostServerFds < FD_LIMIT - 100, "file descriptors were left: " + mostServerFds);
      assertTrue(figures.problems().isEmpty(), "the bystander was served throughout: " + figures);
      assertTrue(figures.ackP99() < ACK_P99_LIMIT_MS, "the bystander's acks: " + figures);
      assertTrue(figures.healthP99() < HEALTH_LIMIT_MS, "/health: " + figures);
      assertTrue(figures.healthMax() < HEALTH_MAX_LIMIT_MS, "/health, worst probe: " + figures);
    }
  }

  private static int fds(long pid) {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) s.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The attacker's connections, each a request line and then a header line now and then. */
  private static final class Attack implements AutoCloseable {
    private final int port;
    private final List<SocketChannel> open = new ArrayList<>();
    int opened;
    int refused;
    /** Connections the server closed. */
    int cut;

    Attack(int port) {
      this.port = port;
    }

    /** Opens up to {@code most} connections, until {@code target} are open, each starting a request. */
    void topUp(int target, int most, long until) {
      for (int n = 0; n < most && open.size() < target && System.currentTimeMillis() < until; n++) {
        SocketChannel c = null;
        try {
          c = SocketChannel.open();
          c.socket().connect(new InetSocketAddress("127.0.0.1", port), 1000);
          c.configureBlocking(false);
          c.write(ByteBuffer.wrap(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
              .getBytes(StandardCharsets.US_ASCII)));
          open.add(c);
          opened++;
        } catch (IOException e) {
          refused++;
          close(c);
          return; // the server takes no more now: try again on the next round
        }
      }
    }

    /** One more header line on every connection, never the blank line that ends the head. */
    void trickle() {
      ByteBuffer line = ByteBuffer.wrap("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
      for (Iterator<SocketChannel> it = open.iterator(); it.hasNext(); ) {
        SocketChannel c = it.next();
        try {
          c.write(line.duplicate());
        } catch (IOException e) {
          cut++;
          close(c);
          it.remove();
        }
      }
    }

    /** Drops the connections the server closed. */
    void reap() {
      ByteBuffer sink = ByteBuffer.allocate(1024);
      for (Iterator<SocketChannel> it = open.iterator(); it.hasNext(); ) {
        SocketChannel c = it.next();
        try {
          sink.clear();
          if (c.read(sink) < 0) {
            cut++;
            close(c);
            it.remove();
          }
        } catch (IOException e) {
          cut++;
          close(c);
          it.remove();
        }
      }
    }

    private static void close(SocketChannel c) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // gone
        }
      }
    }

    @Override
    public void close() {
      open.forEach(Attack::close);
      open.clear();
    }

    @Override
    public String toString() {
      return opened + " slow connections opened (" + open.size() + " still open at the end, " + cut
          + " cut by the server, " + refused + " connects failed)";
    }
  }
}
