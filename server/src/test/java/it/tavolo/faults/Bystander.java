package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Someone minding their own business while an attack goes on: they type into a section of
 * their own (one batch in flight, the next 20 ms after each ack, as a person typing does) and
 * a monitor asks {@code /health} every 50 ms. Both are timed from outside, over real sockets,
 * each on a thread of its own; {@link #stop} gives the figures. Threading: {@link #start} and
 * {@link #stop} from the test thread; the lists are written by the two workers, read after
 * they stopped.
 */
final class Bystander implements AutoCloseable {
  private final int port;
  private final String token;
  private final UUID doc;
  private final String client;
  private final String section;
  private final List<Long> ackMicros = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> healthMicros = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running;
  private Thread typing;
  private Thread health;
  private WsPeer conn;

  /** The figures of one run, in milliseconds. */
  record Figures(int acks, double ackP50, double ackP99, double ackMax, int probes, double healthP99,
                 double healthMax, List<String> problems) {
    @Override
    public String toString() {
      return String.format("bystander: %d acks p50 %.1f ms, p99 %.1f ms, max %.1f ms; /health %d probes p99 %.1f ms, "
          + "max %.1f ms; problems %s", acks, ackP50, ackP99, ackMax, probes, healthP99, healthMax, problems);
    }
  }

  Bystander(int port, String token, UUID doc) {
    this.port = port;
    this.token = token;
    this.doc = doc;
    this.client = "bystander-" + UUID.randomUUID().toString().substring(0, 8);
    this.section = "s-" + client;
  }

  /** Joins, creates its section, and starts typing and probing (returns once both run). */
  Bystander start() {
    conn = WsPeer.join(port, token, doc, client, null);
    long seq = conn.welcome.path("seq").asLong();
    conn.send("{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":" + seq + ",\"ops\":[{\"op\":\"create\",\"coll\":"
        + "\"sections\",\"id\":\"" + section + "\",\"fields\":{\"order\":\"zz\",\"title\":\"Bystander\",\"body\":\"\"}}]}");
    JsonNode ack = conn.next("ack", 10_000);
    if (ack == null) {
      throw new IllegalStateException("the bystander's section was not created");
    }
    long base = ack.path("seq").asLong();
    running = true;
    typing = new Thread(() -> type(base), "bystander-typing");
    health = new Thread(this::probe, "bystander-health");
    typing.start();
    health.start();
    return this;
  }

  private void type(long base) {
    long clientSeq = 1;
    int length = 0;
    while (running) {
      clientSeq++;
      String edit = length == 0 ? "[\"x\"]" : "[" + length + ",\"x\"]";
      long t0 = System.nanoTime();
      if (!conn.send("{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + base + ",\"ops\":[{\"op\":"
          + "\"text\",\"coll\":\"sections\",\"id\":\"" + section + "\",\"field\":\"body\",\"edit\":" + edit + "}]}")) {
        problems.add("connection lost (close " + conn.closeCode + ")");
        return;
      }
      JsonNode ack = conn.next("ack", 10_000);
      if (ack == null) {
        problems.add("no ack for clientSeq " + clientSeq + " within 10 s");
        return;
      }
      ackMicros.add((System.nanoTime() - t0) / 1000);
      base = ack.path("seq").asLong();
      length++;
      WsPeer.sleep(20);
    }
  }

  /**
   * {@code GET /health} on a fresh connection each time, as a load balancer's check does: a
   * kept-alive connection opened before an attack would hide a server that takes no new ones.
   */
  private void probe() {
    byte[] request = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    while (running) {
      long t0 = System.nanoTime();
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(request);
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
            java.nio.charset.StandardCharsets.US_ASCII));
        String status = in.readLine();
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
          problems.add("/health " + status);
        }
      } catch (Exception e) {
        problems.add("/health " + e);
      }
      healthMicros.add((System.nanoTime() - t0) / 1000);
      WsPeer.sleep(50);
    }
  }

  /**
   * Waits until there are enough samples for a p99 that means something (at least 20 acks and
   * 10 probes, at most 15 s more: a quick attack is over before that), then {@link #stop}s.
   */
  Figures finish() {
    long deadline = System.currentTimeMillis() + 15_000;
    while ((ackMicros.size() < 20 || healthMicros.size() < 10) && System.currentTimeMillis() < deadline
        && typing.isAlive()) {
      WsPeer.sleep(20);
    }
    return stop();
  }

  /** Stops both workers and gives the figures (also printed). */
  Figures stop() {
    running = false;
    try {
      typing.join(15_000);
      health.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Long> acks;
    List<Long> probes;
    synchronized (ackMicros) {
      acks = new ArrayList<>(ackMicros);
    }
    synchronized (healthMicros) {
      probes = new ArrayList<>(healthMicros);
    }
    Collections.sort(acks);
    Collections.sort(probes);
    Figures f = new Figures(acks.size(), pct(acks, 0.5), pct(acks, 0.99), pct(acks, 1.0), probes.size(),
        pct(probes, 0.99), pct(probes, 1.0), List.copyOf(problems));
    return f;
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
  }

  @Override
  public void close() {
    running = false;
    if (conn != null) {
      conn.close();
    }
  }
}
