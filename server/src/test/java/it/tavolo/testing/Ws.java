package it.tavolo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket connection to {@code /ws} for the tests that speak the protocol as JSON objects
 * (sedute, notifications; the live layer's own tests use LiveClient). Messages are queued;
 * {@link #next(String)} waits for the next one of a type. The client and its Vert.x live in
 * static fields so nothing is collected mid-handshake.
 */
public final class Ws implements AutoCloseable {
  public static final Vertx VERTX = Vertx.vertx();
  public static final WebSocketClient CLIENT = VERTX.createWebSocketClient();
  private static final List<Ws> OPEN = new ArrayList<>();
  private static final TokenCache TOKENS = new TokenCache(w -> {
    java.net.http.HttpResponse<String> r = TestServer.post("/api/auth/login",
        new JsonObject().put("email", w + "@demo.tavolo").put("password", "demo").encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  });

  public final WebSocket ws;
  public final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  public final List<JsonObject> skipped = new ArrayList<>();
  public volatile Short closeCode;
  public volatile boolean closed;
  public JsonObject welcome;

  private Ws(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> {
      JsonObject m = new JsonObject(text);
      if ("batch".equals(m.getString("type"))) {
        m.getJsonArray("messages").forEach(x -> inbox.add((JsonObject) x));
      } else {
        inbox.add(m);
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

  public static Ws connect() {
    return connect(TestServer.port());
  }

  public static Ws connect(int port) {
    try {
      return new Ws(CLIENT.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/ws").setAllowOriginHeader(false)).await(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to /ws: " + e, e);
    }
  }

  /** A demo account joins a document of the shared test server; returns once welcomed. */
  public static Ws join(String who, UUID doc) {
    return join(TestServer.port(), TOKENS.get(who), who, doc);
  }

  /** {@code who} joins a document of the App on {@code port} with {@code token}; returns once welcomed. */
  public static Ws join(int port, String token, String who, UUID doc) {
    Ws c = connect(port);
    c.send(new JsonObject().put("type", "hello").put("token", token).put("doc", doc.toString())
        .put("client", who + "-" + UUID.randomUUID()).putNull("since"));
    c.welcome = c.next("welcome");
    return c;
  }

  /** A guest joins through a viewer link's secret (no account). */
  public static Ws view(String secret, UUID doc) {
    return view(TestServer.port(), secret, doc);
  }

  public static Ws view(int port, String secret, UUID doc) {
    Ws c = connect(port);
    c.send(new JsonObject().put("type", "hello").put("viewer", secret).put("doc", doc.toString())
        .put("client", "guest-" + UUID.randomUUID()).putNull("since"));
    return c;
  }

  public void send(JsonObject m) {
    try {
      ws.writeTextMessage(m.encode()).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonObject next(String type) {
    return next(type, 10_000);
  }

  public JsonObject next(String type, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonObject m;
      try {
        m = left <= 0 ? null : inbox.poll(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (m == null) {
        fail("no " + type + " message within " + timeoutMs + " ms; skipped " + skipped + (closed ? "; closed " + closeCode : ""));
      }
      if (type.equals(m.getString("type"))) {
        return m;
      }
      skipped.add(m);
    }
  }

  /** The next message of {@code type} matching {@code test}, skipping others of that type. */
  public JsonObject next(String type, java.util.function.Predicate<JsonObject> test) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject m = next(type, Math.max(1, deadline - System.currentTimeMillis()));
      if (test.test(m)) {
        return m;
      }
    }
    fail("no matching " + type + " message");
    return null;
  }

  public JsonObject error(String code) {
    JsonObject e = next("error");
    assertEquals(code, e.getString("code"), e.encode());
    return e;
  }

  public void awaitClosed(int code) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!closed && System.currentTimeMillis() < deadline) {
      sleep(10);
    }
    assertTrue(closed, "the server did not close the connection");
    assertEquals((short) code, closeCode, "close code");
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        ws.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // closed by the other side meanwhile
      }
    }
  }
}
