package it.tavolo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import it.tavolo.core.client.ClientDocument;
import it.tavolo.core.client.Outgoing;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * One simulated participant: a real WebSocket connection speaking PROTOCOL.md, with the
 * core's client engine ({@link ClientDocument}: one batch in flight, later edits composed
 * into the next) holding its copy of the document. Everything runs on the connection's own
 * event loop; other threads reach it through {@link #call}.
 */
final class LoadClient {
  private static final int SENT_RING = 256;

  final String clientId;
  final LoadSetup.Table table;
  final LoadSetup.User user;
  final Context ctx;
  private final LoadStats stats;
  private final Map<String, LoadClient> directory;

  private WebSocket ws;
  private ClientDocument doc;
  private final Promise<Void> welcomed = Promise.promise();
  private final AtomicLongArray sentAt = new AtomicLongArray(SENT_RING);
  private volatile boolean closing;
  private volatile boolean closed;
  Typist typist;

  LoadClient(String clientId, LoadSetup.Table table, LoadSetup.User user, Context ctx, LoadStats stats,
             Map<String, LoadClient> directory) {
    this.clientId = clientId;
    this.table = table;
    this.user = user;
    this.ctx = ctx;
    this.stats = stats;
    this.directory = directory;
  }

  /** Connects, says hello and completes once the welcome is in. */
  CompletableFuture<Void> open(WebSocketClient client, String host, int port) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.runOnContext(v -> client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws")
            .setAllowOriginHeader(false))
        .compose(w -> {
          ws = w;
          w.textMessageHandler(this::onText);
          w.closeHandler(x -> onClose());
          w.exceptionHandler(err -> stats.error("socket", err.toString()));
          ObjectNode hello = LoadHttp.JSON.createObjectNode();
          hello.put("type", "hello");
          hello.put("token", user.token());
          hello.put("doc", table.docId());
          hello.put("client", clientId);
          hello.putNull("since");
          hello.putArray("features").add("batch");
          return w.writeTextMessage(hello.toString()).compose(x -> welcomed.future());
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            done.complete(null);
          } else {
            done.completeExceptionally(ar.cause());
          }
        }));
    return done;
  }

  /** Runs {@code f} on this client's event loop. */
  <T> CompletableFuture<T> call(Supplier<T> f) {
    CompletableFuture<T> out = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      try {
        out.complete(f.get());
      } catch (Throwable e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  // ---- on the event loop ----

  /** The client engine; touch it on the event loop, or holding this client's lock. */
  synchronized ClientDocument doc() {
    return doc;
  }

  boolean isOpen() {
    return ws != null && !closed;
  }

  /** A local edit: applied at once, sent now if nothing is in flight. */
  void edit(List<Op> ops) {
    doc.edit(ops);
    stats.count(stats.keystrokes);
    sendNext();
  }

  void sendPresence(String coll, String id, String field, int cursor) {
    if (!isOpen()) {
      return;
    }
    ws.writeTextMessage("{\"type\":\"presence\",\"focus\":{\"coll\":\"" + coll + "\",\"id\":\"" + id
        + "\",\"field\":\"" + field + "\",\"anchor\":" + cursor + ",\"head\":" + cursor + "},\"typing\":true}");
    stats.count(stats.presenceSent);
  }

  private void sendNext() {
    if (!isOpen()) {
      return;
    }
    doc.nextToSend().ifPresent(this::send);
  }

  private void send(Outgoing o) {
    sentAt.set((int) (o.clientSeq() % SENT_RING), System.nanoTime());
    ws.writeTextMessage("{\"type\":\"submit\",\"clientSeq\":" + o.clientSeq() + ",\"baseSeq\":" + o.baseSeq()
        + ",\"ops\":" + OpCodec.toJson(o.ops()) + "}");
    stats.count(stats.submits);
  }

  /** When this client sent its batch {@code clientSeq} (read from other event loops). */
  long sentAt(long clientSeq) {
    return sentAt.get((int) (clientSeq % SENT_RING));
  }

  /** Synchronized with a typist that runs on its own thread (trace replay); uncontended otherwise. */
  private synchronized void onText(String text) {
    long now = System.nanoTime();
    stats.frame(text.length());
    JsonNode m;
    try {
      m = LoadHttp.JSON.readTree(text);
    } catch (Exception e) {
      stats.error("bad_json_from_server", text.substring(0, Math.min(200, text.length())));
      return;
    }
    if ("batch".equals(m.path("type").asText())) {
      for (JsonNode x : m.path("messages")) {
        handle(x, now);
      }
    } else {
      handle(m, now);
    }
  }

  private void handle(JsonNode m, long now) {
    String type = m.path("type").asText();
    stats.message(type);
    try {
      switch (type) {
        case "welcome" -> onWelcome(m);
        case "ack" -> {
          long clientSeq = m.path("clientSeq").asLong();
          stats.ackLatency(now - sentAt(clientSeq));
          doc.onAck(clientSeq, m.path("seq").asLong());
          sendNext();
        }
        case "ops" -> {
          String from = m.path("client").asText();
          long fromSeq = m.path("clientSeq").asLong();
          LoadClient sender = directory.get(from);
          if (sender != null) {
            stats.broadcastLatency(now - sender.sentAt(fromSeq));
          }
          doc.onBatch(m.path("seq").asLong(), m.path("author").asText(), from, fromSeq,
              OpCodec.decodeBatch(m.path("ops")));
          sendNext();
        }
        case "error" -> {
          String code = m.path("code").asText("error");
          stats.error(code, clientId + ": " + m.path("message").asText());
          long failed = m.path("clientSeq").asLong(-1);
          if ((code.equals("unavailable") || code.equals("rate_limited"))
              && doc.inflight().map(o -> o.clientSeq() == failed).orElse(false)) {
            // as the browser client does: the same batch again, same clientSeq, a second later
            ctx.owner().setTimer(1000, t -> {
              synchronized (this) {
                if (isOpen() && doc.inflight().map(o -> o.clientSeq() == failed).orElse(false)) {
                  doc.resend().ifPresent(this::send);
                }
              }
            });
          }
        }
        default -> {
          // presence, members, doc, pong: counted above
        }
      }
    } catch (RuntimeException e) {
      stats.error("client_engine", clientId + ": " + e);
    }
  }

  private void onWelcome(JsonNode w) {
    ObjectNode state = LoadHttp.JSON.createObjectNode();
    state.put("format", StateCodec.FORMAT);
    state.put("seq", w.path("seq").asLong());
    state.set("collections", w.path("snapshot").path("collections"));
    state.set("authorship", w.path("authors").path("collections"));
    DocumentState d = StateCodec.readState(state, Limits.DEFAULT);
    doc = new ClientDocument(clientId, w.path("you").path("user").asText(), d, w.path("seq").asLong(), 0);
    welcomed.tryComplete();
  }

  private void onClose() {
    closed = true;
    if (!closing) {
      stats.error("closed_by_server", clientId + ": close code " + ws.closeStatusCode() + " " + ws.closeReason());
    }
    welcomed.tryFail("closed before the welcome: " + ws.closeStatusCode() + " " + ws.closeReason());
  }

  Future<Void> close() {
    closing = true;
    if (typist != null) {
      typist.stop();
    }
    return ws == null || closed ? Future.succeededFuture() : ws.close();
  }
}
