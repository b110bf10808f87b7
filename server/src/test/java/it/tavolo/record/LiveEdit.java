package it.tavolo.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.testing.TestServer;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A direct edit made as people make them: over {@code /ws}, a hello, one submit, its ack;
 * or just the welcome's snapshot (the document as a client sees it). The record tests use it
 * for "someone else changed it meanwhile". The client and its Vert.x
 * live in static fields so nothing is collected mid-handshake.
 */
final class LiveEdit {
  private static final Vertx VERTX = Vertx.vertx();
  private static final WebSocketClient CLIENT = VERTX.createWebSocketClient();

  private LiveEdit() {}

  /** Submits {@code opsJson} (quotes may be ') as {@code who} at {@code baseSeq}; returns the committed seq. */
  static long submit(String who, UUID doc, long baseSeq, String opsJson) {
    return session(who, doc, (ws, inbox) -> {
      ws.writeTextMessage(new JsonObject().put("type", "submit").put("clientSeq", 1).put("baseSeq", baseSeq)
          .put("ops", new JsonArray(opsJson.replace('\'', '"'))).encode()).await(10, TimeUnit.SECONDS);
      JsonObject ack = next(inbox, "ack");
      assertEquals(1, ack.getInteger("clientSeq"));
      return ack.getLong("seq");
    });
  }

  /** The document as a client joining now sees it: the welcome's snapshot. */
  static JsonObject snapshot(String who, UUID doc) {
    return session(who, doc, (ws, inbox) -> null);
  }

  private interface Step<T> {
    T run(WebSocket ws, LinkedBlockingQueue<JsonObject> inbox) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T session(String who, UUID doc, Step<T> step) {
    LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    try {
      WebSocket ws = CLIENT.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(TestServer.port()).setURI("/ws")
          .setAllowOriginHeader(false)).await(10, TimeUnit.SECONDS);
      ws.textMessageHandler(text -> {
        JsonObject m = new JsonObject(text);
        if ("batch".equals(m.getString("type"))) m.getJsonArray("messages").forEach(x -> inbox.add((JsonObject) x));
        else inbox.add(m);
      });
      ws.writeTextMessage(new JsonObject().put("type", "hello").put("token", Record.token(who)).put("doc", doc.toString())
          .put("client", "live-" + UUID.randomUUID()).putNull("since").encode()).await(10, TimeUnit.SECONDS);
      JsonObject welcome = next(inbox, "welcome");
      T out = step.run(ws, inbox);
      ws.close().await(10, TimeUnit.SECONDS);
      return out == null ? (T) welcome.getJsonObject("snapshot") : out;
    } catch (Exception e) {
      throw new IllegalStateException("live session failed: " + e, e);
    }
  }

  private static JsonObject next(LinkedBlockingQueue<JsonObject> inbox, String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject m = inbox.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (m == null) break;
      if ("error".equals(m.getString("type"))) fail("the server refused the live edit: " + m.encode());
      if (type.equals(m.getString("type"))) return m;
    }
    fail("no " + type + " within 10 s");
    return null;
  }
}
