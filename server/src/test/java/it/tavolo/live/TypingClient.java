package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.client.ClientDocument;
import it.tavolo.core.client.Outgoing;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The core's Java client engine ({@link ClientDocument}) driven over a real connection: local
 * edits apply at once, one batch is in flight, acks and others' batches are folded in as
 * they arrive.
 */
final class TypingClient implements AutoCloseable {
  final String clientId;
  final String userId;
  LiveClient conn;
  ClientDocument doc;

  TypingClient(LiveClient conn, String clientId) {
    this.conn = conn;
    this.clientId = clientId;
    this.userId = conn.welcome.path("you").path("user").asText();
    this.doc = new ClientDocument(clientId, userId, stateOf(conn.welcome), conn.welcome.path("seq").asLong(), 0);
  }

  static TypingClient join(String who, Object docId, String clientId) {
    return new TypingClient(LiveClient.join(who, docId, clientId), clientId);
  }

  /** The document a welcome with a snapshot describes, authorship included. */
  static DocumentState stateOf(JsonNode welcome) {
    ObjectNode state = LiveClient.JSON.createObjectNode();
    state.put("format", StateCodec.FORMAT);
    state.put("seq", welcome.path("seq").asLong());
    state.set("collections", welcome.path("snapshot").path("collections"));
    state.set("authorship", welcome.path("authors").path("collections"));
    return StateCodec.readState(state, Limits.DEFAULT);
  }

  void edit(List<Op> ops) {
    doc.edit(ops);
    sendNext();
  }

  void sendNext() {
    doc.nextToSend().ifPresent(this::send);
  }

  void send(Outgoing o) {
    conn.submit(o.clientSeq(), o.baseSeq(), OpCodec.toJson(o.ops()));
  }

  /** Handles what has arrived, waiting up to {@code waitMs} for the first message. */
  void pump(long waitMs) {
    try {
      JsonNode m = conn.inbox.poll(waitMs, TimeUnit.MILLISECONDS);
      while (m != null) {
        handle(m);
        m = conn.inbox.poll();
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    sendNext();
  }

  void handle(JsonNode m) {
    switch (m.path("type").asText()) {
      case "ack" -> doc.onAck(m.path("clientSeq").asLong(), m.path("seq").asLong());
      case "ops" -> doc.onBatch(m.path("seq").asLong(), m.path("author").asText(), m.path("client").asText(),
          m.path("clientSeq").asLong(), OpCodec.decodeBatch(m.path("ops")));
      case "error" -> fail(clientId + " got " + m);
      default -> { }
    }
  }

  /** Pumps until nothing is in flight or waiting and the client has seen {@code seq}. */
  void settle(long seq) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!(doc.isSettled() && doc.seq() >= seq)) {
      if (System.currentTimeMillis() > deadline) {
        fail(clientId + " did not settle: seq " + doc.seq() + " of " + seq + ", settled " + doc.isSettled());
      }
      pump(20);
    }
  }

  /** A lost connection, then a new one with since = the last seq seen, and the unacked batch resent. */
  void reconnect(String token, String docId) {
    conn.drop();
    conn = LiveClient.join(it.tavolo.testing.TestServer.port(), token, docId, clientId, doc.seq());
    JsonNode w = conn.welcome;
    for (JsonNode b : w.path("ops")) {
      doc.onBatch(b.path("seq").asLong(), b.path("author").asText(), b.path("client").asText(),
          b.path("clientSeq").asLong(), OpCodec.decodeBatch(b.path("ops")));
    }
    doc.resend().ifPresent(this::send);
  }

  @Override
  public void close() {
    conn.close();
  }
}
