package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One WebSocket connection. Everything in here runs on the connection's own context; the
 * document's owner (on its context) reaches a session only through {@link #run}.
 *
 * <p>The session keeps the outgoing stream of committed batches in seq order: each batch
 * goes out as {@code ops}, or as {@code ack} to the client that sent it. When the socket's
 * write queue is full the session stops writing batches (it "lags"), and when the queue
 * drains it fetches what it missed from the owner's in-memory tail; a connection that
 * stays behind too long, or falls out of the tail, is closed with {@code slow_consumer}.
 * Nothing is ever buffered here without bound.
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int CATCH_UP_FRAME_MESSAGES = 256;

  private enum State { AWAIT_HELLO, JOINING, JOINED, CLOSED }

  final String id = UUID.randomUUID().toString();
  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Context ctx;
  private final LiveSettings settings;
  private final Gate gate;
  private final DocumentOwners owners;
  private final TokenBucket bucket;
  private final FrameAssembler assembler;

  private State state = State.AWAIT_HELLO;
  // read by the owner's context after the join; written before it
  private volatile LiveUser user;
  private volatile Admission admission;
  private volatile String clientId;
  private DocumentOwner owner;
  private boolean batchFrames;
  /** The client announced {@code members_diff}: it gets changes to the members list, not the whole list. */
  private boolean membersDiff;
  /** The version of the document's members list this client has (DocumentOwner's membersVersion). */
  private long membersSeen;
  /** Gives back the slots this connection holds (per account, per viewer link) once it is gone. */
  private final List<Runnable> releases = new ArrayList<>(2);

  private int strikes;
  private long lastHeard;
  private long helloTimer = -1;
  private long pingTimer = -1;
  private long expiryTimer = -1;
  private long recheckTimer = -1;

  private long lastSentSeq;
  private boolean lagging;
  /** When each batch in flight arrived (clientSeq → nanoTime), for the submit-to-ack timer. */
  private final java.util.Map<Long, Long> submittedAt = new java.util.HashMap<>();
  private boolean catchUpInFlight;
  private long lagTimer = -1;
  private String membersWhileLagging;

  private Runnable onGone = () -> { };

  private PresenceState presenceLatest;
  private long presenceSentAt;
  private long presenceTimer = -1;

  Session(Vertx vertx, ServerWebSocket ws, LiveSettings settings, Gate gate, DocumentOwners owners) {
    this.vertx = vertx;
    this.ws = ws;
    this.ctx = vertx.getOrCreateContext();
    this.settings = settings;
    this.gate = gate;
    this.owners = owners;
    this.bucket = new TokenBucket(settings.ratePerSecond(), settings.rateBurst(), System.nanoTime());
    this.assembler = new FrameAssembler(settings.maxMessageBytes());
  }

  /** Runs once when the connection is gone, however it ended (set before {@link #start}). */
  void onGone(Runnable r) {
    onGone = r;
  }

  /** Wires the socket's handlers; called once, on the connection's context. */
  void start() {
    owners.connections.incrementAndGet();
    lastHeard = System.nanoTime();
    ws.setWriteQueueMaxSize(settings.writeQueueBytes());
    ws.frameHandler(this::onFrame);
    ws.pongHandler(b -> lastHeard = System.nanoTime());
    ws.exceptionHandler(err -> {
      LOG.debug("session {}: {}", id, err.toString());
      TransportErrors.closeFor(ws, err); // a frame the transport refused: say why (1009, 1002)
    });
    ws.closeHandler(v -> onClosed());
    // the HTTP server is shutting down: the document finishes its commit in flight, then
    // closes its connections with going_away; a connection not in a document goes now
    ws.shutdownHandler(v -> {
      if (state == State.JOINED && owner != null) {
        owner.shutdown();
      } else {
        fatal(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly.");
      }
    });
    helloTimer = vertx.setTimer(settings.helloTimeout().toMillis(), t -> {
      if (state == State.AWAIT_HELLO) {
        fatal(ErrorCode.UNAUTHORIZED, "No hello received in time.");
      }
    });
    pingTimer = vertx.setPeriodic(settings.pingInterval().toMillis(), t -> ping());
  }

  // ---- what the owner calls (always through run) ----

  /** Runs {@code r} on this session's context: the only way other contexts touch a session. */
  void run(Runnable r) {
    ctx.runOnContext(v -> r.run());
  }

  LiveUser user() {
    return user;
  }

  Admission admission() {
    return admission;
  }

  String clientId() {
    return clientId;
  }

  boolean wantsBatchFrames() {
    return batchFrames;
  }

  /** The owner accepted the join: the welcome goes out, then the stream starts after {@code seq}. */
  void joined(DocumentOwner owner, String welcome, long seq, long membersVersion) {
    if (state != State.JOINING) {
      owner.leave(this); // closed while joining
      return;
    }
    this.owner = owner;
    state = State.JOINED;
    lastSentSeq = seq;
    membersSeen = membersVersion;
    write(welcome);
    if (!ws.isClosed()) {
      ws.resume();
    }
  }

  void joinFailed(ErrorCode code, String message) {
    fatal(code, message);
  }

  /**
   * Batches committed together, in seq order: each goes out as {@code ack} if it is this
   * client's, else as {@code ops} — in one {@code batch} frame when the client announced
   * that extension (one write instead of one per batch).
   */
  void deliverCommitted(List<DocumentOwner.Outgoing> group) {
    if (state != State.JOINED || lagging || ws.isClosed() || !hasNew(group)) {
      return;
    }
    if (queueFull()) {
      startLagging();
      return;
    }
    writeStream(newMessages(group, new ArrayList<>(group.size())));
  }

  /**
   * A fan-out: committed batches ({@code ack} for this client's, {@code ops} for others', those
   * not sent yet) and others' latest presence, in one {@code batch} frame when the client
   * announced it. Nothing while the client is behind: presence is dropped, never queued, and
   * batches come from the tail when it drains.
   */
  void deliver(List<DocumentOwner.Outgoing> group, List<DocumentOwner.PresenceOut> cursors) {
    if (state != State.JOINED || lagging || ws.isClosed()) {
      return;
    }
    if (queueFull()) {
      if (hasNew(group)) {
        startLagging();
      }
      return;
    }
    List<String> out = newMessages(group, new ArrayList<>(group.size() + cursors.size()));
    for (DocumentOwner.PresenceOut p : cursors) {
      if (!p.clientId().equals(clientId)) {
        out.add(p.message());
      }
    }
    writeStream(out);
  }

  /** Whether {@code group} (in seq order) holds a batch not sent to this client yet. */
  private boolean hasNew(List<DocumentOwner.Outgoing> group) {
    return !group.isEmpty() && group.get(group.size() - 1).committed().seq() > lastSentSeq;
  }

  /** Adds the messages of the batches not sent yet to {@code out}, counting them as sent. */
  private List<String> newMessages(List<DocumentOwner.Outgoing> group, List<String> out) {
    for (DocumentOwner.Outgoing o : group) {
      if (o.committed().seq() > lastSentSeq) {
        out.add(streamMessage(o));
        lastSentSeq = o.committed().seq();
      }
    }
    return out;
  }

  /**
   * A committed batch as this client is sent it: its ack if the batch is its own (the
   * submit-to-ack time is recorded here, the one place every ack passes), else its ops.
   */
  private String streamMessage(DocumentOwner.Outgoing o) {
    if (!o.committed().clientId().equals(clientId)) {
      return o.opsMessage();
    }
    Long at = submittedAt.remove(o.committed().clientSeq());
    if (at != null) {
      owners.ackNanos.accept(System.nanoTime() - at);
    }
    return o.ackMessage();
  }

  /** Writes stream messages: one {@code batch} frame when the client announced the extension. */
  private void writeStream(List<String> out) {
    if (batchFrames && out.size() > 1) {
      write(Wire.batch(out));
    } else {
      out.forEach(this::write);
    }
  }

  Context context() {
    return ctx;
  }

  /** A batch this client resent was already sequenced as {@code seq}. */
  void duplicate(long clientSeq, long seq, List<Committed.Note> notes) {
    // When the batch is not out yet, the stream will carry its ack in order.
    if (state == State.JOINED && seq <= lastSentSeq) {
      answer(Wire.ack(clientSeq, seq, notes));
    }
  }

  /** An answer to this client alone (errors about a submit). */
  void reply(String message) {
    if (state == State.JOINED) {
      answer(message);
    }
  }

  void deliverPresence(String message) {
    if (state == State.JOINED && !lagging && !queueFull()) {
      write(message); // presence is dropped, never queued, when the client is slow
    }
  }

  /**
   * The members list changed from version {@code from} to {@code to}: the change ({@code diff})
   * to a client that announced {@code members_diff} and has {@code from}, else the whole list.
   * A slow connection gets the whole list once it caught up (the chain of changes is broken).
   */
  void deliverMembers(long from, long to, String full, String diff) {
    if (state != State.JOINED || ws.isClosed() || membersSeen >= to) {
      return;
    }
    String message = membersDiff && membersSeen == from ? diff : full;
    membersSeen = to;
    if (lagging || queueFull()) {
      membersWhileLagging = full;
      startLagging();
      return;
    }
    write(message);
  }

  /** Batches after {@code lastSentSeq} from the owner's tail; null when they are no longer kept. */
  void caughtUp(List<DocumentOwner.Outgoing> missed) {
    catchUpInFlight = false;
    if (state != State.JOINED) {
      return;
    }
    if (missed == null) {
      fatal(ErrorCode.SLOW_CONSUMER, "This connection fell too far behind: reconnect with since.");
      return;
    }
    List<String> frame = new ArrayList<>();
    for (DocumentOwner.Outgoing o : missed) {
      if (o.committed().seq() <= lastSentSeq) {
        continue;
      }
      if (queueFull()) {
        break;
      }
      String m = streamMessage(o);
      if (batchFrames) {
        frame.add(m);
        if (frame.size() == CATCH_UP_FRAME_MESSAGES) {
          write(Wire.batch(frame));
          frame.clear();
        }
      } else {
        write(m);
      }
      lastSentSeq = o.committed().seq();
    }
    if (!frame.isEmpty()) {
      write(Wire.batch(frame));
    }
    long head = missed.isEmpty() ? lastSentSeq : missed.get(missed.size() - 1).committed().seq();
    if (lastSentSeq >= head && !queueFull()) {
      lagging = false;
      owners.lagging.decrementAndGet();
      cancel(lagTimer);
      lagTimer = -1;
      if (membersWhileLagging != null) {
        write(membersWhileLagging);
        membersWhileLagging = null;
      }
    }
  }

  /** Closes the connection with an error (expired token, document unloaded, replaced…). */
  void kick(ErrorCode code, String message) {
    fatal(code, message);
  }

  // ---- incoming ----

  private void onFrame(WebSocketFrame frame) {
    lastHeard = System.nanoTime();
    if (state == State.CLOSED || frame.isClose() || frame.isPing()
        || frame.type() == io.vertx.core.http.WebSocketFrameType.PONG) {
      return;
    }
    FrameAssembler.Message m = assembler.add(frame);
    if (m == null) {
      return;
    }
    if (!bucket.tryTake(System.nanoTime())) {
      if (++strikes >= settings.rateStrikes()) {
        fatal(ErrorCode.RATE_LIMITED, "Too many messages: the connection is closed.");
      } else {
        send(Wire.error(ErrorCode.RATE_LIMITED, "Too many messages: this one was dropped.", droppedClientSeq(m)));
      }
      return;
    }
    strikes = 0;
    if (m instanceof FrameAssembler.TooLarge t) {
      refuse(ErrorCode.TOO_LARGE, "Message of " + t.bytes() + " bytes; the limit is " + settings.maxMessageBytes() + ".");
    } else if (m instanceof FrameAssembler.Text t) {
      onText(t.text());
    } else {
      refuse(ErrorCode.BAD_JSON, "Messages are UTF-8 JSON text frames.");
    }
  }

  /**
   * The clientSeq of a dropped submit: without it the client would wait forever for the ack
   * of a batch the server never saw (one batch in flight); with it, it resends a little later.
   * Parsing costs little here: at most {@code rateStrikes} drops in a row, then the close.
   */
  private static Long droppedClientSeq(FrameAssembler.Message m) {
    if (!(m instanceof FrameAssembler.Text t) || !t.text().contains("\"submit\"")) {
      return null;
    }
    try {
      JsonNode n = Wire.JSON.readTree(t.text());
      JsonNode cs = n.path("clientSeq");
      return n.path("type").asText().equals("submit") && cs.isIntegralNumber() && cs.canConvertToLong() ? cs.asLong() : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** An error for a bad message; before the hello, any bad message ends the connection. */
  private void refuse(ErrorCode code, String message) {
    if (state == State.AWAIT_HELLO) {
      fatal(ErrorCode.UNAUTHORIZED, "The first message must be a hello (" + message + ")");
    } else {
      send(Wire.error(code, message, null));
    }
  }

  private void onText(String text) {
    JsonNode node;
    try {
      node = Wire.JSON.readTree(text);
    } catch (Exception e) {
      refuse(ErrorCode.BAD_JSON, "Not valid JSON.");
      return;
    }
    if (node == null || !node.isObject()) {
      refuse(ErrorCode.BAD_JSON, "A message is a JSON object.");
      return;
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    if (state == State.AWAIT_HELLO) {
      if ("hello".equals(type)) {
        onHello((ObjectNode) node);
      } else {
        fatal(ErrorCode.UNAUTHORIZED, "The first message must be a hello with a token.");
      }
      return;
    }
    if (state != State.JOINED) {
      return;
    }
    if (type == null) {
      send(Wire.error(ErrorCode.UNKNOWN_TYPE, "A message needs a string \"type\".", null));
      return;
    }
    switch (type) {
      case "submit" -> onSubmit(node);
      case "presence" -> onPresence(node);
      case "token" -> onToken(node);
      case "ping" -> send("{\"type\":\"pong\"}");
      case "hello" -> send(Wire.error(ErrorCode.ALREADY_JOINED,
          "This connection already joined a document: open another one.", null));
      default -> send(Wire.error(ErrorCode.UNKNOWN_TYPE, "Unknown message type.", null));
    }
  }

  private void onHello(ObjectNode hello) {
    String token = textOf(hello, "token");
    String viewer = token == null ? textOf(hello, "viewer") : null; // extension: a read-only link's secret
    if ((token == null || token.isEmpty()) && (viewer == null || viewer.isEmpty())) {
      fatal(ErrorCode.UNAUTHORIZED, "The hello needs a token.");
      return;
    }
    UUID docId = uuidOf(textOf(hello, "doc"));
    if (docId == null) {
      fatal(ErrorCode.NOT_FOUND, "No such document.");
      return;
    }
    String client = textOf(hello, "client");
    if (client == null || !CLIENT_ID.matcher(client).matches()) {
      fatal(ErrorCode.BAD_MESSAGE, "The hello needs a client id of 1 to 64 letters, digits or ._:-");
      return;
    }
    JsonNode sinceNode = hello.get("since");
    Long since;
    if (sinceNode == null || sinceNode.isNull()) {
      since = null;
    } else if (sinceNode.canConvertToLong() && sinceNode.isIntegralNumber() && sinceNode.asLong() >= 0) {
      since = sinceNode.asLong();
    } else {
      fatal(ErrorCode.BAD_MESSAGE, "since is null or a seq (a whole number, at least 0).");
      return;
    }
    Set<String> features = new HashSet<>();
    JsonNode f = hello.get("features");
    if (f != null && f.isArray()) {
      f.forEach(x -> features.add(x.asText()));
    }
    batchFrames = features.contains("batch");
    membersDiff = features.contains("members_diff");
    state = State.JOINING;
    cancel(helloTimer);
    ws.pause();
    // the account's (or link's) connection slot first: a storm beyond it costs no database look-up
    Lookups lookups = owners.lookups();
    Future<Object[]> admitted = viewer != null
        ? slot(owners.perViewerLink(), digest(viewer), "this viewer link", owners.limits().maxConnectionsPerViewerLink())
            .compose(x -> lookups.run(() -> gate.viewer(viewer, docId))).map(p -> new Object[] {p.user(), p.admission()})
        : gate.verify(token).compose(u -> slot(owners.perUser(), u.userId().toString(), "your account",
                owners.limits().maxConnectionsPerUser())
            .compose(x -> lookups.run(() -> gate.admit(u, docId))).map(a -> new Object[] {u, a}));
    admitted
        .onComplete(ar -> run(() -> {
          if (state != State.JOINING) {
            return;
          }
          if (ar.failed()) {
            Throwable err = ar.cause();
            if (err instanceof LiveRefusal r) {
              fatal(r.code(), r.getMessage());
            } else {
              LOG.warn("session {}: join failed", id, err);
              fatal(ErrorCode.UNAVAILABLE, "The document cannot be opened now: retry shortly.");
            }
            return;
          }
          user = (LiveUser) ar.result()[0];
          admission = (Admission) ar.result()[1];
          clientId = client;
          scheduleExpiry();
          // role changes and revocations are pushed (DocumentOwners); this is the safety net.
          // The first one comes after a random part of the interval: connections opened together
          // (a storm, a restart's reconnects) do not all read the database at the same moment.
          long every = settings.recheckInterval().toMillis();
          long first = Math.max(1, every / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(every / 2 + 1));
          recheckTimer = vertx.setPeriodic(first, every, t -> {
            revokedNow();
            recheck(docId);
          });
          owners.join(this, docId, since);
        }));
  }

  /**
   * Takes one of {@code key}'s connection slots for as long as this connection lives (on this
   * session's context, so a close meanwhile cannot miss giving it back); fails with
   * {@code too_many_connections} when they are all taken.
   */
  private Future<Void> slot(ConnectionsPerAddress ceiling, String key, String whose, int max) {
    io.vertx.core.Promise<Void> taken = io.vertx.core.Promise.promise();
    run(() -> {
      if (state != State.JOINING) {
        taken.fail(new LiveRefusal(ErrorCode.GOING_AWAY, "The connection closed."));
      } else if (!ceiling.tryAcquire(key)) {
        taken.fail(new LiveRefusal(ErrorCode.TOO_MANY_CONNECTIONS, "Too many open connections for " + whose
            + " (at most " + max + "): close some tabs and retry."));
      } else {
        releases.add(() -> ceiling.release(key));
        taken.complete();
      }
    });
    return taken.future();
  }

  /** A viewer link's secret as a counting key: fixed size, and the secret itself is not kept. */
  private static String digest(String secret) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getEncoder().encodeToString(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void onSubmit(JsonNode node) {
    long arrived = System.nanoTime();
    JsonNode cs = node.get("clientSeq");
    Long clientSeq = cs != null && cs.isIntegralNumber() && cs.canConvertToLong() && cs.asLong() >= 1 ? cs.asLong() : null;
    if (clientSeq == null) {
      send(Wire.error(ErrorCode.BAD_MESSAGE, "A submit needs a clientSeq (a whole number, at least 1).", null));
      return;
    }
    if (!admission.canEdit()) {
      send(Wire.error(ErrorCode.FORBIDDEN, "Observers and viewers cannot change the document.", clientSeq));
      return;
    }
    JsonNode bs = node.get("baseSeq");
    if (bs == null || !bs.isIntegralNumber() || !bs.canConvertToLong() || bs.asLong() < 0) {
      send(Wire.error(ErrorCode.BAD_MESSAGE, "A submit needs a baseSeq (a whole number, at least 0).", clientSeq));
      return;
    }
    JsonNode ops = node.get("ops");
    // an empty batch is valid: a resend whose ops all vanished in the client's rebase still needs its ack
    if (ops == null || !ops.isArray()) {
      send(Wire.error(ErrorCode.INVALID_OP, "A submit needs an ops array.", clientSeq));
      return;
    }
    if (submittedAt.size() >= 256) {
      submittedAt.clear(); // batches answered otherwise (refused, resent, proposed) are never acked here
    }
    submittedAt.put(clientSeq, arrived);
    owner.submit(this, clientSeq, bs.asLong(), ops);
  }

  private void onPresence(JsonNode node) {
    if (user.isViewer()) {
      send(Wire.error(ErrorCode.FORBIDDEN, "Viewers watch: they do not share a focus.", null));
      return;
    }
    JsonNode focus = node.get("focus");
    if (focus == null || focus.isNull()) {
      focus = NullNode.getInstance();
    } else if (!validFocus(focus)) {
      send(Wire.error(ErrorCode.BAD_MESSAGE,
          "focus is null or {coll, id, field, anchor, head} (strings, then whole numbers).", null));
      return;
    }
    JsonNode typing = node.get("typing");
    // extension: a coordinator's focus that followers scroll to; ignored from anyone else
    boolean follow = "coordinator".equals(admission.role()) && node.path("follow").asBoolean(false);
    presenceLatest = new PresenceState(user.userId(), clientId, focus, typing != null && typing.asBoolean(false), follow);
    long now = System.nanoTime();
    long interval = settings.presenceInterval().toNanos();
    if (now - presenceSentAt >= interval) {
      flushPresence();
    } else if (presenceTimer < 0) {
      presenceTimer = vertx.setTimer(Math.max(1, (interval - (now - presenceSentAt)) / 1_000_000), t -> {
        presenceTimer = -1;
        flushPresence();
      });
    }
  }

  private void flushPresence() {
    if (presenceLatest == null || state != State.JOINED) {
      return;
    }
    presenceSentAt = System.nanoTime();
    PresenceState p = presenceLatest;
    presenceLatest = null;
    owner.presence(this, p);
  }

  private static boolean validFocus(JsonNode f) {
    if (!f.isObject()) {
      return false;
    }
    for (String k : new String[] {"coll", "id", "field"}) {
      JsonNode v = f.get(k);
      if (v == null || !v.isTextual() || v.asText().length() > 200) {
        return false;
      }
    }
    for (String k : new String[] {"anchor", "head"}) {
      JsonNode v = f.get(k);
      if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.asLong() >= 0)) {
        return false;
      }
    }
    return f.size() <= 5;
  }

  private void onToken(JsonNode node) {
    String token = textOf(node, "token");
    if (token == null) {
      send(Wire.error(ErrorCode.BAD_MESSAGE, "A token message needs a token.", null));
      return;
    }
    gate.verify(token).onComplete(ar -> run(() -> {
      if (state != State.JOINED) {
        return;
      }
      if (ar.failed()) {
        ErrorCode code = ar.cause() instanceof LiveRefusal r ? r.code() : ErrorCode.UNAUTHORIZED;
        send(Wire.error(code, "The new token was refused; the current one stays in use.", null));
        return;
      }
      LiveUser fresh = ar.result();
      if (!fresh.userId().equals(user.userId())) {
        fatal(ErrorCode.UNAUTHORIZED, "A connection cannot change user.");
        return;
      }
      user = fresh;
      scheduleExpiry();
      ObjectNode ok = Wire.object("token_accepted");
      ok.put("expiresAt", fresh.expiresAt().toString());
      send(Wire.text(ok));
    }));
  }

  // ---- timers, writes, closing ----

  /**
   * Roles are checked on every submit against what was read at the hello; this reads them
   * again now and then, so a member demoted or removed meanwhile (by any server process)
   * loses the connection, and a lock or mode switch reaches the document's owner.
   */
  private void recheck(UUID docId) {
    owners.lookups().run(() -> gate.admit(user, docId)).onComplete(ar -> run(() -> {
      if (state != State.JOINED) {
        return;
      }
      if (ar.failed()) {
        if (ar.cause() instanceof LiveRefusal r && r.code() != ErrorCode.UNAVAILABLE) {
          fatal(ErrorCode.ROLE_CHANGED, "You are no longer in this tavolo.");
        }
        return; // the database did not answer, or too many look-ups wait: try again next time
      }
      Admission now = ar.result();
      if (!now.role().equals(admission.role())) {
        fatal(ErrorCode.ROLE_CHANGED, "Your role in this tavolo is now " + now.role() + ": reconnect.");
        return;
      }
      if (!now.mode().equals(admission.mode()) || now.locked() != admission.locked()) {
        admission = now;
        owner.documentChanged(now.mode(), now.locked());
      }
    }));
  }

  /** Reads this member's rights now (called on any context). */
  void recheckNow() {
    run(() -> {
      if (state == State.JOINED) {
        recheck(owner.docId);
      }
    });
  }

  /** Closes this connection if its token or session was revoked (called on any context). */
  void checkRevoked() {
    run(this::revokedNow);
  }

  private void revokedNow() {
    if (state == State.JOINED && gate.revoked(user)) {
      fatal(ErrorCode.TOKEN_REVOKED, "The token was revoked (logout): log in again.");
    }
  }

  private void scheduleExpiry() {
    cancel(expiryTimer);
    long ms = Math.max(1, user.expiresAt().toEpochMilli() - Instant.now().toEpochMilli());
    expiryTimer = vertx.setTimer(ms, t -> fatal(ErrorCode.TOKEN_EXPIRED,
        "The token expired: reconnect with a fresh token (or send a token message before expiry)."));
  }

  private void ping() {
    if (state == State.CLOSED) {
      return;
    }
    if (System.nanoTime() - lastHeard > settings.idleTimeout().toNanos()) {
      fatal(ErrorCode.IDLE_TIMEOUT, "No answer to pings: the connection is closed.");
      return;
    }
    if (!queueFull()) {
      ws.writePing(Buffer.buffer("t"));
    }
  }

  private void startLagging() {
    if (!lagging) {
      lagging = true;
      owners.lagging.incrementAndGet();
      lagTimer = vertx.setTimer(settings.slowConsumerGrace().toMillis(), t -> {
        if (lagging) {
          fatal(ErrorCode.SLOW_CONSUMER, "This connection could not keep up: reconnect with since.");
        }
      });
    }
    ws.drainHandler(v -> requestCatchUp());
  }

  private void requestCatchUp() {
    if (!lagging || catchUpInFlight || state != State.JOINED) {
      return;
    }
    catchUpInFlight = true;
    owner.committedAfter(this, lastSentSeq);
  }

  /** True when the socket cannot take more now (closed sockets throw on writeQueueFull). */
  private boolean queueFull() {
    return ws.isClosed() || ws.writeQueueFull();
  }

  /** Writes unless the socket closed meanwhile (a closed socket throws rather than fails). */
  private void write(String message) {
    if (!ws.isClosed()) {
      try {
        ws.writeTextMessage(message);
      } catch (IllegalStateException closedMeanwhile) {
        // the close handler cleans up
      }
    }
  }

  private void send(String message) {
    if (state != State.CLOSED) {
      answer(message);
    }
  }

  /**
   * Writes an answer to something the client sent (an error, a pong, a duplicate's ack). A
   * client that keeps sending but never reads would otherwise grow this buffer without
   * bound: a full socket starts the slow-consumer grace, as a lagging stream does.
   */
  private void answer(String message) {
    if (state == State.JOINED && queueFull()) {
      startLagging();
    }
    write(message);
  }

  private void fatal(ErrorCode code, String message) {
    if (state == State.CLOSED) {
      return;
    }
    write(Wire.error(code, message, null));
    if (!ws.isClosed()) {
      ws.close(code.closeCode(), code.wire());
    }
    onClosed();
  }

  private void onClosed() {
    if (state == State.CLOSED) {
      return;
    }
    State was = state;
    state = State.CLOSED;
    onGone.run();
    releases.forEach(Runnable::run);
    releases.clear();
    owners.connections.decrementAndGet();
    if (lagging) {
      owners.lagging.decrementAndGet();
    }
    for (long t : new long[] {helloTimer, pingTimer, expiryTimer, recheckTimer, lagTimer, presenceTimer}) {
      cancel(t);
    }
    if (was == State.JOINED && owner != null) {
      owner.leave(this);
    }
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private static String textOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static UUID uuidOf(String s) {
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
