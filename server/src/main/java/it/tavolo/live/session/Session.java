package it.tavolo.live.session;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveCounters;
import it.tavolo.core.Refusal;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.LiveUser;
import it.tavolo.live.Wire;
import it.tavolo.live.document.Delivery;
import it.tavolo.live.document.DocumentOwners;
import it.tavolo.live.document.OpenDocument;
import it.tavolo.live.document.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One WebSocket connection: its lifecycle (await hello, joining, joined, closed) and the
 * dispatch of what the client sends; the parts do the rest (the {@link Handshake}, the
 * {@link Outbox}, the {@link Credentials}, the {@link PresenceThrottle}, the {@link RateLimit}).
 * Everything in here runs on the connection's own context; the document's owner (on its
 * context) reaches a session only through {@link #run}.
 */
final class Session implements Participant {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private enum State { AWAIT_HELLO, JOINING, JOINED, CLOSED }

  private final String id = UUID.randomUUID().toString();
  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Context ctx;
  private final LiveSettings settings;
  private final DocumentOwners owners;
  private final LiveCounters counters;
  private final Handshake handshake;
  private final Outbox outbox;
  private final Credentials credentials;
  private final PresenceThrottle presence;
  private final Heartbeat heartbeat;
  private final Dispatch dispatch;

  private State state = State.AWAIT_HELLO;
  // read by the owner's context after the join; written before it
  private volatile LiveUser user;
  private volatile Admission admission;
  private volatile String clientId;
  private OpenDocument document;
  /** Gives back the slots this connection holds (per account, per viewer link) once it is gone. */
  private final List<Runnable> releases = new ArrayList<>(2);
  private Runnable onGone = () -> { };
  private long helloTimer = -1;

  Session(Vertx vertx, ServerWebSocket ws, LiveSettings settings, Gate gate, JoinGuards guards, DocumentOwners owners,
          LiveCounters counters) {
    this.vertx = vertx;
    this.ws = ws;
    this.ctx = vertx.getOrCreateContext();
    this.settings = settings;
    this.owners = owners;
    this.counters = counters;
    this.handshake = new Handshake(this, gate, guards);
    this.outbox = new Outbox(this, ws, vertx, settings, counters);
    this.credentials = new Credentials(this, vertx, settings, gate, guards.lookups());
    this.presence = new PresenceThrottle(vertx, settings.presenceInterval(), p -> {
      if (state == State.JOINED) {
        document.presence(this, p);
      }
    });
    this.heartbeat = new Heartbeat(this, ws, vertx, settings, outbox);
    this.dispatch = new Dispatch(this, settings, outbox, credentials, presence);
  }

  /** Runs once when the connection is gone, however it ended (set before {@link #start}). */
  void onGone(Runnable r) {
    onGone = r;
  }

  /** Wires the socket's handlers; called once, on the connection's context. */
  void start() {
    counters.opened();
    heartbeat.heard();
    ws.setWriteQueueMaxSize(settings.writeQueueBytes());
    ws.frameHandler(frame -> {
      heartbeat.heard();
      dispatch.onFrame(frame);
    });
    ws.pongHandler(b -> heartbeat.heard());
    ws.exceptionHandler(err -> {
      LOG.debug("session {}: {}", id, err.toString());
      TransportErrors.closeFor(ws, err); // a frame the transport refused: say why (1009, 1002)
    });
    ws.closeHandler(v -> onClosed());
    // the HTTP server is shutting down: the document finishes its commit in flight, then
    // closes its connections with going_away; a connection not in a document goes now
    ws.shutdownHandler(v -> {
      if (state == State.JOINED && document != null) {
        document.shutdown();
      } else {
        fatal(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly.");
      }
    });
    helloTimer = vertx.setTimer(settings.helloTimeout().toMillis(), t -> {
      if (state == State.AWAIT_HELLO) {
        fatal(ErrorCode.UNAUTHORIZED, "No hello received in time.");
      }
    });
    heartbeat.start();
  }

  // ---- the document's side (Participant; called through run) ----

  @Override
  public void run(Runnable r) {
    ctx.runOnContext(v -> r.run());
  }

  @Override
  public Context context() {
    return ctx;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public LiveUser user() {
    return user;
  }

  @Override
  public Admission admission() {
    return admission;
  }

  @Override
  public String clientId() {
    return clientId;
  }

  @Override
  public void joined(OpenDocument doc, String welcome, long seq, long membersVersion) {
    if (state != State.JOINING) {
      doc.leave(this); // closed while joining
      return;
    }
    document = doc;
    state = State.JOINED;
    outbox.welcome(welcome, seq, membersVersion);
    if (!ws.isClosed()) {
      ws.resume();
    }
  }

  @Override
  public void joinFailed(ErrorCode code, String message) {
    fatal(code, message);
  }

  @Override
  public Delivery delivery() {
    return outbox;
  }

  @Override
  public void kick(ErrorCode code, String message) {
    fatal(code, message);
  }

  @Override
  public void recheckNow() {
    run(() -> {
      if (state == State.JOINED) {
        credentials.recheck();
      }
    });
  }

  @Override
  public void checkRevoked() {
    run(credentials::revokedNow);
  }

  // ---- for the parts (this context) ----

  boolean awaitingHello() {
    return state == State.AWAIT_HELLO;
  }

  boolean joining() {
    return state == State.JOINING;
  }

  boolean joined() {
    return state == State.JOINED;
  }

  boolean closed() {
    return state == State.CLOSED;
  }

  OpenDocument document() {
    return document;
  }

  void user(LiveUser fresh) {
    user = fresh;
  }

  void admission(Admission now) {
    admission = now;
  }

  /** Runs {@code r} once the connection is gone (a connection slot to give back). */
  void onRelease(Runnable r) {
    releases.add(r);
  }

  // ---- the hello ----

  /** The hello read (or refused): admits the user, then asks the document to let them in. */
  void hello(Inbound in) {
    if (in instanceof Inbound.Bad bad) {
      fatal(bad.code(), bad.message());
      return;
    }
    Inbound.Hello hello = (Inbound.Hello) in;
    outbox.features(hello.features().contains("batch"), hello.features().contains("members_diff"));
    state = State.JOINING;
    cancel(helloTimer);
    ws.pause();
    handshake.admit(hello).onComplete(ar -> run(() -> {
      if (state != State.JOINING) {
        return;
      }
      if (ar.failed()) {
        ErrorCode code = ar.cause() instanceof Refusal r ? ErrorCode.of(r, null) : null;
        if (code != null) {
          fatal(code, ar.cause().getMessage());
        } else {
          LOG.warn("session {}: join failed", id, ar.cause());
          fatal(ErrorCode.UNAVAILABLE, "The document cannot be opened now: retry shortly.");
        }
        return;
      }
      user = ar.result().user();
      admission = ar.result().admission();
      clientId = hello.clientId();
      credentials.start(hello.docId());
      owners.join(this, hello.docId(), hello.since());
    }));
  }

  // ---- writes, closing ----

  /** An answer to the client unless the connection is closed. */
  void send(String message) {
    if (state != State.CLOSED) {
      outbox.answer(message);
    }
  }

  /** Closes the connection with an error (expired token, document unloaded, replaced…). */
  void fatal(ErrorCode code, String message) {
    if (state == State.CLOSED) {
      return;
    }
    outbox.write(Wire.error(code, message, null));
    if (!ws.isClosed()) {
      ws.close(code.closeCode(), code.wire());
    }
    onClosed();
  }

  /** The teardown, however the connection ended. */
  private void onClosed() {
    if (state == State.CLOSED) {
      return;
    }
    State was = state;
    state = State.CLOSED;
    onGone.run();
    releases.forEach(Runnable::run);
    releases.clear();
    counters.closed();
    outbox.closed();
    cancel(helloTimer);
    heartbeat.stop();
    credentials.stop();
    presence.stop();
    if (was == State.JOINED && document != null) {
      document.leave(this);
    }
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
