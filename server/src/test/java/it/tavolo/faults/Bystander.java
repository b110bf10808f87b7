package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Someone going about their business while an attack runs: a coordinator typing in another
 * tavolo's document (one batch at a time, each timed from submit to ack) and a monitor asking
 * {@code /health}, each on its own thread, until {@link #close}. The figures are what the
 * issue's targets are about: ack p99 under 100 ms, {@code /health} under 200 ms.
 *
 * <p>Threading: the two loops run on their own threads and only they append to their lists
 * (synchronized); {@link #close} joins them, after which the lists are read by the test thread.
 */
final class Bystander implements AutoCloseable {
  private final int port;
  private final List<Long> ackMillis = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
  /** Acks that did not come within 10 s, health probes that failed or timed out. */
  private volatile int ackTimeouts;
  private volatile int healthFailures;
  private volatile boolean stop;
  private final WsPeer typist;
  private final String section;
  private final Thread typing;
  private final Thread probing;

  /** Joins {@code doc} with {@code token} (someone not involved in the attack), creates a section, starts both loops. */
  Bystander(int port, String token, UUID doc) {
    this.port = port;
    this.section = "bystander-" + UUID.randomUUID().toString().substring(0, 8);
    this.typist = WsPeer.join(port, token, doc, section, null);
    long seq = typist.welcome.path("seq").asLong();
    typist.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"create\","
        + "\"coll\":\"sections\",\"id\":\"" + section + "\",\"fields\":{\"order\":\"zz\",\"title\":\"0\"}}]}");
    JsonNode ack = typist.next("ack", 10_000);
    if (ack == null) {
      throw new IllegalStateException("the bystander's section was not created");
    }
    long base = ack.path("seq").asLong();
    typing = new Thread(() -> type(base), "bystander-typing");
    probing = new Thread(this::probe, "bystander-health");
    typing.setDaemon(true);
    probing.setDaemon(true);
    typing.start();
    probing.start();
  }

  /** One small batch every ~20 ms (a person typing), each waited for before the next. */
  private void type(long base) {
    long clientSeq = 1;
    while (!stop && !typist.closed) {
      clientSeq++;
      long t0 = System.nanoTime();
      // a title set needs no knowledge of the text: any baseSeq up to the head is valid
      typist.send("{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + base + ",\"ops\":[{\"op\":\"set\","
          + "\"coll\":\"sections\",\"id\":\"" + section + "\",\"field\":\"title\",\"value\":\"" + clientSeq + "\"}]}");
      JsonNode ack = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while (ack == null && System.currentTimeMillis() < deadline && !typist.closed) {
        JsonNode m = typist.next(Math.max(1, deadline - System.currentTimeMillis()));
        if (m != null && "ack".equals(m.path("type").asText()) && m.path("clientSeq").asLong() == clientSeq) {
          ack = m;
        }
      }
      if (ack == null) {
        ackTimeouts++;
        return;
      }
      ackMillis.add((System.nanoTime() - t0) / 1_000_000);
      base = ack.path("seq").asLong();
      WsPeer.sleep(20);
    }
  }

  private void probe() {
    while (!stop) {
      long t0 = System.nanoTime();
      if (!health()) {
        healthFailures++;
      }
      healthMillis.add((System.nanoTime() - t0) / 1_000_000);
      WsPeer.sleep(50);
    }
  }

  /**
   * One GET /health on a new connection, as someone arriving would make it (the server spreads
   * new connections over its event loops, so a loop an attack holds is met too): true for a 200
   * within 30 s.
   */
  private boolean health() {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 30_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] head = socket.getInputStream().readNBytes(12); // "HTTP/1.1 200"
      String status = new String(head, java.nio.charset.StandardCharsets.US_ASCII);
      socket.getInputStream().readAllBytes();
      return status.endsWith(" 200");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Stops both loops (once they have at least 20 acks and 10 probes, waiting for a probe or
   * ack in flight) and returns what they measured.
   */
  Figures finish() {
    // a quick attack still gets enough samples for a p99 that means something
    long deadline = System.currentTimeMillis() + 15_000;
    while ((ackMillis.size() < 20 || healthMillis.size() < 10) && System.currentTimeMillis() < deadline
        && typing.isAlive()) {
      WsPeer.sleep(20);
    }
    stop = true;
    try {
      typing.join(15_000);
      probing.join(35_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    typist.close();
    return new Figures(List.copyOf(ackMillis), List.copyOf(healthMillis), ackTimeouts, healthFailures);
  }

  @Override
  public void close() {
    stop = true;
    typist.close();
  }

  record Figures(List<Long> acks, List<Long> health, int ackTimeouts, int healthFailures) {
    long ackP99() {
      return percentile(acks, 0.99);
    }

    long ackMax() {
      return percentile(acks, 1.0);
    }

    long healthP99() {
      return percentile(health, 0.99);
    }

    long healthMax() {
      return percentile(health, 1.0);
    }

    private static long percentile(List<Long> xs, double p) {
      if (xs.isEmpty()) {
        return Long.MAX_VALUE;
      }
      List<Long> sorted = new ArrayList<>(xs);
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** The line the test prints, against the targets. */
    String summary(String under) {
      return "bystander under " + under + ": " + acks.size() + " acks, p99 " + ackP99() + " ms, max " + ackMax()
          + " ms (target p99 < 100 ms), " + ackTimeouts + " timed out; /health " + health.size() + " probes, p99 "
          + healthP99() + " ms, max " + healthMax() + " ms (target < 200 ms), " + healthFailures + " failed";
    }
  }
}
