package it.tavolo.live.session;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveSettings;

/**
 * Pings a connection every {@code TAVOLO_WS_PING_SECONDS} and closes it with
 * {@code idle_timeout} when nothing (a pong, a message) was heard for
 * {@code TAVOLO_WS_IDLE_SECONDS}. Touched only on the connection's context.
 */
final class Heartbeat {
  private final Session session;
  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final LiveSettings settings;
  private final Outbox outbox;
  private long lastHeard;
  private long timer = -1;

  Heartbeat(Session session, ServerWebSocket ws, Vertx vertx, LiveSettings settings, Outbox outbox) {
    this.session = session;
    this.ws = ws;
    this.vertx = vertx;
    this.settings = settings;
    this.outbox = outbox;
  }

  void start() {
    heard();
    timer = vertx.setPeriodic(settings.pingInterval().toMillis(), t -> ping());
  }

  /** Something came from the client. */
  void heard() {
    lastHeard = System.nanoTime();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void ping() {
    if (session.closed()) {
      return;
    }
    if (System.nanoTime() - lastHeard > settings.idleTimeout().toNanos()) {
      session.fatal(ErrorCode.IDLE_TIMEOUT, "No answer to pings: the connection is closed.");
      return;
    }
    if (!outbox.queueFull()) {
      ws.writePing(Buffer.buffer("t"));
    }
  }
}
