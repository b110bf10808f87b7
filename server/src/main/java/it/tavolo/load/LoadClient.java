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
  /**
   * A light client (most of a run's): reads stream frames with {@link FrameScan} (sequence
   * numbers only, no JSON parse, no latencies), keeps its copy's seq and its own batches
   * right, and types only into a section nobody else types into (others' batches reach its
   * copy as empty ones). Set before {@link #open}.
   */
  private boolean light;
  private final LightReader lightReader = new LightReader(this);
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

  /** Makes this a light client (see {@link #light}); before {@link #open}. */
  LoadClient light() {
    light = true;
    return this;
  }

  boolean isLight() {
    return light;
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
          // as the web app does: members changes, not the whole list at every join (400 × 400
          // whole lists kept the generator's loops from writing the last hellos in time)
          hello.putArray("features").add("batch").add("members_diff");
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

  LoadStats stats() {
    return stats;
  }

  /** Sends the next batch if none is in flight (on the event loop). */
  void sendNext() {
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
    try {
      if (light && FrameScan.isStream(text)) {
        FrameScan.scan(text, lightReader);
      } else if (light && text.startsWith("{\"type\":\"members")) {
        stats.message("members"); // counted, not read: a light client needs no members list
      } else if (FrameScan.isStream(text)) {
        readStream(text, now);
      } else {
        handle(LoadHttp.JSON.readTree(text), now);
      }
    } catch (java.io.IOException | RuntimeException e) {
      stats.error("bad_json_from_server", text.substring(0, Math.min(200, text.length())));
    }
  }

  /**
   * The frequent messages, read with Jackson's streaming parser: the simulated clients are
   * 2,000 on the server's own two cores, so they read what they need and skip the rest
   * (cursor positions are counted, not decoded). Only a batch's {@code ops} become a tree.
   */
  private void readStream(String text, long now) throws java.io.IOException {
    try (com.fasterxml.jackson.core.JsonParser p = LoadHttp.JSON.getFactory().createParser(text)) {
      p.nextToken();
      readMessage(p, now);
    }
  }

  /** One message object (the parser is on its START_OBJECT); a batch's messages recursively. */
  private void readMessage(com.fasterxml.jackson.core.JsonParser p, long now) throws java.io.IOException {
    String type = null;
    long seq = -1;
    long clientSeq = -1;
    String client = null;
    String author = null;
    JsonNode ops = null;
    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
      String field = p.currentName();
      com.fasterxml.jackson.core.JsonToken t = p.nextToken();
      switch (field) {
        case "type" -> type = p.getText();
        case "seq" -> seq = p.getLongValue();
        case "clientSeq" -> clientSeq = p.getLongValue();
        case "client" -> client = p.getText();
        case "author" -> author = p.getText();
        case "ops" -> ops = p.readValueAsTree();
        case "messages" -> {
          while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            readMessage(p, now);
          }
        }
        default -> {
          if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT || t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
            p.skipChildren();
          }
        }
      }
    }
    if (type == null || type.equals("batch")) {
      return;
    }
    stats.message(type);
    try {
      if (type.equals("ack")) {
        onAck(clientSeq, seq, now);
      } else if (type.equals("ops")) {
        onOps(seq, author, client, clientSeq, ops, now);
      }
    } catch (RuntimeException e) {
      stats.error("client_engine", clientId + ": " + e);
    }
  }

  private void onAck(long clientSeq, long seq, long now) {
    stats.ackLatency(now - sentAt(clientSeq));
    doc.onAck(clientSeq, seq);
    sendNext();
  }

  private void onOps(long seq, String author, String from, long fromSeq, JsonNode ops, long now) {
    LoadClient sender = directory.get(from);
    if (sender != null) {
      stats.broadcastLatency(now - sender.sentAt(fromSeq));
    }
    doc.onBatch(seq, author, from, fromSeq, OpCodec.decodeBatch(ops));
    sendNext();
  }

  private void handle(JsonNode m, long now) {
    String type = m.path("type").asText();
    stats.message(type);
    try {
      switch (type) {
        case "welcome" -> onWelcome(m);
        case "ack" -> onAck(m.path("clientSeq").asLong(), m.path("seq").asLong(), now);
        case "ops" -> onOps(m.path("seq").asLong(), m.path("author").asText(), m.path("client").asText(),
            m.path("clientSeq").asLong(), m.path("ops"), now);
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
