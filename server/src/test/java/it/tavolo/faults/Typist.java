package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.RandomEdits;
import it.tavolo.core.client.ClientDocument;
import it.tavolo.core.client.Outgoing;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * A person typing through the core's client engine ({@link ClientDocument}) over a real
 * WebSocket, who survives whatever happens to the connection: when it drops (server killed,
 * database down, network cut) the typist keeps editing locally, reconnects with backoff,
 * says its last seq, folds in what it missed and resends its unacked batch with the same
 * clientSeq. Driven from one test thread ({@link #step}, {@link #pump}); never thread-safe.
 *
 * <p>Its edits leave evidence the checks can count: every "marker" edit appends {@code ‹k›}
 * to the typist's own section AND sets that section's title to {@code Marcatore k} in the
 * same batch, so in any committed state the own section must read {@code ‹1›‹2›…‹j›} under
 * the title {@code Marcatore j} (nothing twice, nothing missing, nothing half-applied).
 * Other edits change the shared sections concurrently (text, titles), exercising transforms.
 */
final class Typist {
  final String clientId;
  final String ownSection;
  private final UUID docId;
  private final IntSupplier port;
  private final Random rnd;
  private final RandomEdits edits;
  private String token;

  ClientDocument doc;
  WsPeer conn;
  private long reconnectAt;
  private long backoffMs = 50;
  private long resendAt = -1;

  /** Markers made so far (the k of the last {@code ‹k›}). */
  int markersMade;
  /** The highest marker of each batch sent, by clientSeq. */
  private final Map<Long, Integer> markerOfBatch = new LinkedHashMap<>();
  /** Acks received: clientSeq → seq. */
  final Map<Long, Long> acked = new LinkedHashMap<>();
  /** Highest marker acknowledged by the server. */
  int markersAcked;
  /** Errors a well-behaved client should never get. */
  final List<JsonNode> unexpected = new ArrayList<>();
  /** Refusals the fault explains ({@code unavailable}, {@code going_away} ...), counted. */
  int transientErrors;
  int reconnects;

  Typist(String clientId, UUID docId, String token, IntSupplier port, long seed) {
    this.clientId = clientId;
    this.ownSection = "own-" + clientId;
    this.docId = docId;
    this.token = token;
    this.port = port;
    this.rnd = new Random(seed);
    this.edits = new RandomEdits(new Random(seed ^ 0x5DEECE66DL), "x-" + clientId + "-", 4);
  }

  /** Joins (blocking), and creates the own section as the first edit. */
  Typist start() {
    WsPeer p = WsPeer.join(port.getAsInt(), token, docId, clientId, null);
    conn = p;
    doc = new ClientDocument(clientId, p.welcome.path("you").path("user").asText(), stateOf(p.welcome),
        p.welcome.path("seq").asLong(), 0);
    doc.edit(List.of(new Op.Create("sections", ownSection,
        Map.of("order", "y" + clientId, "title", firstTitle(clientId), "body", ""), false)));
    sendNext();
    return this;
  }

  void setToken(String fresh) {
    token = fresh;
  }

  /** The document a welcome with a snapshot describes, authorship included. */
  static DocumentState stateOf(JsonNode welcome) {
    ObjectNode state = WsPeer.JSON.createObjectNode();
    state.put("format", StateCodec.FORMAT);
    state.put("seq", welcome.path("seq").asLong());
    state.set("collections", welcome.path("snapshot").path("collections"));
    state.set("authorship", welcome.path("authors").path("collections"));
    return StateCodec.readState(state.toString(), Limits.DEFAULT);
  }

  // ---- editing ----

  /** One random local edit (a marker, or a change to a shared section), sent when possible. */
  void step() {
    if (rnd.nextInt(100) < 45) {
      marker();
    } else {
      shared();
    }
    sendNext();
  }

  void marker() {
    DocumentState d = doc.document();
    if (!d.exists("sections", ownSection)) {
      return;
    }
    int k = ++markersMade;
    int len = d.textLength("sections", ownSection, "body");
    doc.edit(List.of(
        new Op.Text("sections", ownSection, "body", TextOperation.builder().retain(len).insert(mark(k)).build()),
        new Op.Set("sections", ownSection, "title", title(k))));
  }

  static String mark(int k) {
    return "‹" + k + "›";
  }

  static String firstTitle(String clientId) {
    return "Sezione di " + clientId;
  }

  /** The own section's title once marker {@code k} is in: set by the same batch as the text. */
  static String title(int k) {
    return "Marcatore " + k;
  }

  private void shared() {
    DocumentState d = doc.document();
    List<String> ids = new ArrayList<>();
    for (String id : d.ids("sections")) {
      if (!id.startsWith("own-")) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return;
    }
    String id = ids.get(rnd.nextInt(ids.size()));
    if (rnd.nextInt(5) == 0) {
      doc.edit(List.of(new Op.Set("sections", id, "title", "Titolo " + clientId + " " + rnd.nextInt(1000))));
    } else {
      String body = d.textView("sections", id, "body").toString();
      doc.edit(List.of(new Op.Text("sections", id, "body", edits.textEdit(body))));
    }
  }

  private void sendNext() {
    if (conn == null || conn.closed || resendAt >= 0) {
      return;
    }
    doc.nextToSend().ifPresent(o -> {
      markerOfBatch.put(o.clientSeq(), markersMade); // the batch carries every marker made so far
      send(o);
    });
  }

  private void send(Outgoing o) {
    conn.send("{\"type\":\"submit\",\"clientSeq\":" + o.clientSeq() + ",\"baseSeq\":" + o.baseSeq()
        + ",\"ops\":" + OpCodec.toJson(o.ops()) + "}");
  }

  // ---- receiving, reconnecting ----

  /** Handles what has arrived (waiting up to {@code waitMs} for the first message), reconnecting if needed. */
  void pump(long waitMs) {
    if (conn == null || (conn.closed && conn.inbox.isEmpty())) {
      conn = null;
      if (System.currentTimeMillis() >= reconnectAt) {
        reconnect();
      } else if (waitMs > 0) {
        WsPeer.sleep(Math.min(waitMs, 5));
      }
      return;
    }
    JsonNode m = conn.next(waitMs);
    while (m != null) {
      handle(m);
      m = conn == null ? null : conn.inbox.poll();
    }
    if (resendAt >= 0 && System.currentTimeMillis() >= resendAt && conn != null && !conn.closed) {
      resendAt = -1;
      doc.resend().ifPresent(this::send);
    }
    sendNext();
  }

  private void handle(JsonNode m) {
    long before = doc.inflight().map(Outgoing::clientSeq).orElse(-1L);
    switch (m.path("type").asText()) {
      case "ack" -> doc.onAck(m.path("clientSeq").asLong(), m.path("seq").asLong());
      case "ops" -> applyBatch(m);
      case "error" -> onError(m);
      default -> { }
    }
    noteAck(before);
  }

  private void applyBatch(JsonNode b) {
    doc.onBatch(b.path("seq").asLong(), b.path("author").asText(), b.path("client").asText(),
        b.path("clientSeq").asLong(), OpCodec.decodeBatch(b.path("ops")));
  }

  /** If the batch in flight before a message is no longer, the server committed it. */
  private void noteAck(long before) {
    long now = doc.inflight().map(Outgoing::clientSeq).orElse(-1L);
    if (before >= 0 && now != before) {
      acked.put(before, doc.seq());
      markersAcked = Math.max(markersAcked, markerOfBatch.getOrDefault(before, 0));
      backoffMs = 50;
    }
  }

  private void onError(JsonNode m) {
    String code = m.path("code").asText();
    switch (code) {
      case "unavailable" -> {
        transientErrors++;
        if (m.has("clientSeq")) {
          resendAt = System.currentTimeMillis() + 300; // not committed: the same batch again, later
        }
      }
      case "going_away", "slow_consumer", "replaced", "idle_timeout", "rate_limited" -> transientErrors++;
      default -> unexpected.add(m);
    }
  }

  private void reconnect() {
    WsPeer p;
    try {
      p = WsPeer.connect(port.getAsInt(), 2000);
    } catch (RuntimeException refused) {
      later();
      return;
    }
    p.send(WsPeer.hello(token, docId, clientId, doc.seq()).toString());
    JsonNode w = p.next(15_000);
    if (w == null || !"welcome".equals(w.path("type").asText())) {
      if (w != null && "error".equals(w.path("type").asText())) {
        onError(w);
      }
      p.close();
      later();
      return;
    }
    if (!w.has("ops")) {
      throw new AssertionError(clientId + " asked for the batches after " + doc.seq()
          + " but got a snapshot (the tail should reach back): " + w.path("seq"));
    }
    for (JsonNode b : w.path("ops")) {
      long before = doc.inflight().map(Outgoing::clientSeq).orElse(-1L);
      applyBatch(b);
      noteAck(before); // our own batch among them: committed before the connection dropped
    }
    conn = p;
    reconnects++;
    resendAt = -1;
    doc.resend().ifPresent(this::send);
    sendNext();
  }

  private void later() {
    reconnectAt = System.currentTimeMillis() + backoffMs + rnd.nextInt(50);
    backoffMs = Math.min(1000, backoffMs * 2);
  }

  boolean settled() {
    return doc.isSettled() && conn != null && !conn.closed;
  }

  void close() {
    if (conn != null) {
      conn.close();
    }
  }

  @Override
  public String toString() {
    return clientId + "[seq " + doc.seq() + ", markers " + markersAcked + "/" + markersMade + ", inflight "
        + doc.inflight().map(Outgoing::clientSeq).orElse(null) + ", reconnects " + reconnects + "]";
  }
}
