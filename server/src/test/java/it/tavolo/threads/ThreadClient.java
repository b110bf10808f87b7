package it.tavolo.threads;

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
 * A real WebSocket connection to a document for the thread tests: what it hears goes to a
 * queue read by the test's thread. Its Vert.x is static so nothing is collected mid-handshake.
 */
final class ThreadClient implements AutoCloseable {
  private static final Vertx VERTX = Vertx.vertx();
  private static final WebSocketClient CLIENT = VERTX.createWebSocketClient();

  private final WebSocket ws;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  final JsonObject welcome;
  private long clientSeq;

  ThreadClient(String token, UUID doc) throws Exception {
    ws = CLIENT.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(TestServer.port()).setURI("/ws")
        .setAllowOriginHeader(false)).await(10, TimeUnit.SECONDS);
    ws.textMessageHandler(text -> {
      JsonObject m = new JsonObject(text);
      if ("batch".equals(m.getString("type"))) m.getJsonArray("messages").forEach(x -> inbox.add((JsonObject) x));
      else inbox.add(m);
    });
    ws.writeTextMessage(new JsonObject().put("type", "hello").put("token", token).put("doc", doc.toString())
        .put("client", "threads-" + UUID.randomUUID()).putNull("since").encode()).await(10, TimeUnit.SECONDS);
    welcome = next("welcome");
  }

  /** Submits a batch at {@code baseSeq}; the committed seq. */
  long submit(long baseSeq, JsonArray ops) throws Exception {
    ws.writeTextMessage(new JsonObject().put("type", "submit").put("clientSeq", ++clientSeq).put("baseSeq", baseSeq).put("ops", ops)
        .encode()).await(10, TimeUnit.SECONDS);
    return next("ack").getLong("seq");
  }

  /** The next message of this type (others are skipped), within 10 s. */
  JsonObject next(String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject m = inbox.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (m == null) break;
      if ("error".equals(m.getString("type"))) fail("the server refused: " + m.encode());
      if (type.equals(m.getString("type"))) return m;
    }
    fail("no " + type + " within 10 s");
    return null;
  }

  @Override
  public void close() throws Exception {
    ws.close().await(10, TimeUnit.SECONDS);
  }
}
