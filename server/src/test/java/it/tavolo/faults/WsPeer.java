package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One real WebSocket connection to {@code /ws}, as the fault tests need it: messages are parsed
 * and queued (a {@code batch} frame unpacked), the close is recorded, and the test can cut the
 * connection, or send what no well-behaved client would. The Vert.x client lives in a static
 * field, so nothing is collected mid-handshake.
 */
public final class WsPeer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Vertx VERTX = Vertx.vertx();
  static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(8 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024).setConnectTimeout(3000));

  final WebSocket ws;
  final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  public volatile boolean closed;
  volatile Short closeCode;

  private WsPeer(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> {
      try {
        JsonNode n = JSON.readTree(text);
        if ("batch".equals(n.path("type").asText())) {
          n.path("messages").forEach(inbox::add);
        } else {
          inbox.add(n);
        }
      } catch (Exception e) {
        inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
      }
    });
    ws.exceptionHandler(e -> { });
    ws.closeHandler(v -> {
      closeCode = ws.closeStatusCode();
      closed = true;
    });
  }

  /** Connects, or fails with the cause (connection refused while the server is down...). */
  public static WsPeer connect(int port) {
    return connect(port, 10_000);
  }

  public static WsPeer connect(int port, long timeoutMs) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .setAllowOriginHeader(false).setTimeout(timeoutMs);
    try {
      return new WsPeer(CLIENT.connect(o).await(timeoutMs + 1000, TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to /ws on " + port + ": " + e, e);
    }
  }

  public static ObjectNode hello(String token, Object doc, String clientId, Long since) {
    ObjectNode h = JSON.createObjectNode();
    h.put("type", "hello");
    h.put("token", token);
    h.put("doc", String.valueOf(doc));
    h.put("client", clientId);
    if (since == null) {
      h.putNull("since");
    } else {
      h.put("since", since);
    }
    return h;
  }

  /** Connects, says hello and waits for the welcome (fails on anything else). */
  public static WsPeer join(int port, String token, Object doc, String clientId, Long since) {
    WsPeer p = connect(port);
    p.send(hello(token, doc, clientId, since).toString());
    JsonNode w = p.next(10_000);
    if (w == null || !"welcome".equals(w.path("type").asText())) {
      p.close();
      throw new IllegalStateException("no welcome for " + clientId + ": " + w + " closed=" + p.closeCode);
    }
    p.welcome = w;
    return p;
  }

  public JsonNode welcome;

  /** Sends a text message; false when the connection is gone. */
  public boolean send(String text) {
    if (closed) {
      return false;
    }
    try {
      await(ws.writeTextMessage(text));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  boolean sendFrame(WebSocketFrame frame) {
    try {
      await(ws.writeFrame(frame));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void await(Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next message within {@code ms}, or null. */
  public JsonNode next(long ms) {
    try {
      return inbox.poll(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The next message of {@code type} within {@code ms} (others are dropped), or null. */
  public JsonNode next(String type, long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      JsonNode n = next(left);
      if (n == null) {
        return null;
      }
      if (type.equals(n.path("type").asText())) {
        return n;
      }
    }
  }

  /** Everything received within {@code ms}. */
  public List<JsonNode> drain(long ms) {
    sleep(ms);
    List<JsonNode> out = new ArrayList<>();
    inbox.drainTo(out);
    return out;
  }

  /** Waits until the server closed the connection; its close code, or null if it stayed open. */
  public Short awaitClosed(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (!closed && System.currentTimeMillis() < deadline) {
      sleep(5);
    }
    return closed ? closeCode : null;
  }

  /** Closes from this side and forgets the connection at once (a client that walks away). */
  void cut() {
    closed = true;
    ws.close();
  }

  @Override
  public void close() {
    if (!closed) {
      ws.close();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
