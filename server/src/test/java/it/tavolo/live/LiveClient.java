package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import it.tavolo.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket client of {@code /ws} for tests: every frame the server sends is parsed
 * and queued; {@link #next(String)} waits for the next message of a type (skipping others).
 * Clients and their Vert.x are kept in static fields so nothing is collected mid-handshake.
 */
final class LiveClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Vertx VERTX = Vertx.vertx();
  static final WebSocketClient WS = VERTX.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024).setMaxConnections(10_000));
  private static final List<LiveClient> OPEN = new ArrayList<>();
  private static final it.tavolo.testing.TokenCache TOKENS = new it.tavolo.testing.TokenCache(LiveClient::login);

  final WebSocket ws;
  final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  /** Messages skipped by {@link #next(String)} while looking for another type. */
  final List<JsonNode> skipped = new ArrayList<>();
  /** Benchmarks: drop others' batches unparsed (the server still sends them). */
  volatile boolean ignoreOps;
  volatile Short closeCode;
  volatile boolean closed;

  private LiveClient(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> {
      if (ignoreOps && text.startsWith("{\"type\":\"ops\"")) {
        return;
      }
      try {
        JsonNode n = JSON.readTree(text);
        if (n.path("type").asText().equals("batch")) {
          n.path("messages").forEach(inbox::add); // the coalescing extension, unpacked
        } else {
          inbox.add(n);
        }
      } catch (Exception e) {
        inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
      }
    });
    ws.closeHandler(v -> {
      closeCode = ws.closeStatusCode();
      closed = true;
    });
    synchronized (OPEN) {
      OPEN.add(this);
    }
  }

  static LiveClient connect() {
    return connect(TestServer.port(), null);
  }

  static LiveClient connect(int port, String origin) {
    return connect(port, "/ws", origin);
  }

  /** {@code uri}: /ws with a query (a proxy routes on it; the server ignores it). */
  static LiveClient connect(int port, String uri, String origin) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    if (origin != null) {
      o.setAllowOriginHeader(true).addHeader("Origin", origin);
    } else {
      o.setAllowOriginHeader(false);
    }
    try {
      return new LiveClient(WS.connect(o).await(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to /ws: " + e, e);
    }
  }

  /** A fresh access token of a demo account ("coordinatore", "pa", "ets1", "ets2", "osservatore"). */
  static String token(String who) {
    return TOKENS.get(who);
  }

  static String login(String who) {
    return login(TestServer.port(), who);
  }

  static String login(int port, String who) {
    HttpResponse<String> r = TestServer.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"email\":\"" + who + "@demo.tavolo\",\"password\":\"demo\"}")).build());
    assertEquals(200, r.statusCode(), "login of " + who + ": " + r.body());
    try {
      return JSON.readTree(r.body()).get("token").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects, says hello and returns once the welcome arrived (available as {@link #welcome}). */
  static LiveClient join(String who, Object doc, String clientId) {
    return join(TestServer.port(), token(who), doc, clientId, null);
  }

  static LiveClient join(int port, String token, Object doc, String clientId, Long since) {
    return join(port, token, doc, clientId, since, false);
  }

  static LiveClient join(int port, String token, Object doc, String clientId, Long since, boolean batchFrames) {
    return join(port, "/ws", token, doc, clientId, since, batchFrames);
  }

  static LiveClient join(int port, String uri, String token, Object doc, String clientId, Long since, boolean batchFrames) {
    LiveClient c = connect(port, uri, null);
    c.batchFrames = batchFrames;
    c.hello(token, doc, clientId, since);
    c.welcome = c.next("welcome");
    return c;
  }

  JsonNode welcome;

  /** Announce the {@code batch} extension in the hello. */
  boolean batchFrames;

  void hello(String token, Object doc, String clientId, Long since) {
    ObjectNode h = JSON.createObjectNode();
    if (batchFrames) {
      h.putArray("features").add("batch");
    }
    h.put("type", "hello");
    h.put("token", token);
    h.put("doc", String.valueOf(doc));
    h.put("client", clientId);
    if (since == null) {
      h.putNull("since");
    } else {
      h.put("since", since);
    }
    send(h);
  }

  void send(JsonNode message) {
    sendText(message.toString());
  }

  void sendText(String text) {
    await(ws.writeTextMessage(text));
  }

  void sendFrame(WebSocketFrame frame) {
    await(ws.writeFrame(frame));
  }

  void sendBinary(byte[] data) {
    await(ws.writeBinaryMessage(Buffer.buffer(data)));
  }

  private static void await(io.vertx.core.Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a submit of the given ops (a JSON array text). */
  void submit(long clientSeq, long baseSeq, String opsJson) {
    sendText("{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + baseSeq + ",\"ops\":" + opsJson + "}");
  }

  /** The next message of {@code type}, within 10 s; other messages are put aside in {@link #skipped}. */
  JsonNode next(String type) {
    return next(type, 10_000);
  }

  JsonNode next(String type, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonNode n;
      try {
        n = left <= 0 ? null : inbox.poll(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (n == null) {
        fail("no " + type + " message within " + timeoutMs + " ms; skipped " + skipped + (closed ? "; closed " + closeCode : ""));
      }
      if (n.path("type").asText().equals(type)) {
        return n;
      }
      skipped.add(n);
    }
  }

  /**
   * The next message, which must be of {@code type}; on the way only messages of the
   * {@code between} types are let through (and kept in {@link #skipped}): anything else — a
   * stray {@code ops}, an {@code error} — fails.
   */
  JsonNode nextStrict(String type, java.util.Set<String> between, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonNode n;
      try {
        n = left <= 0 ? null : inbox.poll(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (n == null) {
        fail("no " + type + " message within " + timeoutMs + " ms; skipped " + skipped + (closed ? "; closed " + closeCode : ""));
      }
      String got = n.path("type").asText();
      if (got.equals(type)) {
        return n;
      }
      if (!between.contains(got)) {
        fail("expected a " + type + " message, got " + n + " (only " + between + " may come in between)");
      }
      skipped.add(n);
    }
  }

  /** The messages received and not yet taken, taken now (nothing waits). */
  List<JsonNode> takeAll() {
    List<JsonNode> out = new ArrayList<>();
    inbox.drainTo(out);
    return out;
  }

  /** Waits {@code ms} and returns the messages of {@code type} that came meanwhile (none expected, usually). */
  List<JsonNode> drain(String type, long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    List<JsonNode> out = new ArrayList<>();
    JsonNode n;
    while ((n = inbox.poll()) != null) {
      if (n.path("type").asText().equals(type)) {
        out.add(n);
      } else {
        skipped.add(n);
      }
    }
    return out;
  }

  /** The next error, asserting its code. */
  JsonNode error(String code) {
    JsonNode e = next("error");
    assertEquals(code, e.path("code").asText(), "error " + e);
    return e;
  }

  void awaitClosed(int code) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!closed && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    assertTrue(closed, "the server did not close the connection");
    assertEquals((short) code, closeCode, "close code");
  }

  /** Drops the TCP connection without a closing handshake (a lost network). */
  void drop() {
    ws.close();
  }

  @Override
  public void close() {
    if (!closed) {
      ws.close();
    }
  }
}
