package it.tavolo.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import it.tavolo.config.HttpLimits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow connections: a connection must send a whole request head within the header timeout
 * (from when it opened, or from the end of the previous response on it), or it is closed;
 * and the server holds at most {@code maxConnections}, so that thousands of connections
 * trickling one header line every few seconds can neither exhaust the file descriptors nor
 * keep anyone else out: beyond the cap a new connection takes the place of the oldest one
 * still sending its head. A handler-level timeout could not do this: no handler runs before
 * the head is parsed. Vert.x calls {@link #opened} when the TCP connection is set up, and
 * {@link #request} once a head was parsed.
 *
 * <p>Threading: one guard serves the HTTP servers of every event loop; its state is
 * concurrent (an atomic count, a concurrent map and deque), and each connection's own
 * fields are touched from its event loop and from the timer, made safe by {@link Waiting#finish}.
 */
public final class ConnectionGuard {
  private final Vertx vertx;
  private final long headerTimeoutMillis;
  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();
  /** Connections waiting for a request head, oldest first: the first to make room. */
  private final ConcurrentLinkedDeque<Waiting> waiting = new ConcurrentLinkedDeque<>();
  private final Map<HttpConnection, Waiting> byConnection = new ConcurrentHashMap<>();

  /** One connection's wait for its next request head. */
  private final class Waiting {
    final HttpConnection connection;
    final AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 done
    volatile long timer = -1;

    Waiting(HttpConnection connection) {
      this.connection = connection;
    }

    /** Ends the wait once (a head came, the time ran out, or it was evicted); true the first time. */
    boolean finish() {
      if (!state.compareAndSet(0, 1)) {
        return false;
      }
      long t = timer;
      if (t >= 0) {
        vertx.cancelTimer(t);
      }
      byConnection.remove(connection, this);
      waiting.remove(this);
      return true;
    }
  }

  public ConnectionGuard(Vertx vertx, HttpLimits limits) {
    this.vertx = vertx;
    this.headerTimeoutMillis = Math.max(1, limits.headerTimeout().toMillis());
    this.maxConnections = limits.maxConnections();
  }

  /** For {@code HttpServer.connectionHandler}: counts the connection and starts waiting for its head. */
  public void opened(HttpConnection connection) {
    int now = open.incrementAndGet();
    connection.closeHandler(v -> {
      open.decrementAndGet();
      Waiting w = byConnection.get(connection);
      if (w != null) {
        w.finish();
      }
    });
    if (now > maxConnections && !evictOldestWaiting()) {
      connection.close(); // every connection is busy with a real request or a WebSocket
      return;
    }
    await(connection);
  }

  /** Wraps the request handler: the head arrived, so the wait ends (and starts again after the response). */
  public Handler<HttpServerRequest> around(Handler<HttpServerRequest> handler) {
    return req -> {
      HttpConnection c = req.connection();
      Waiting w = byConnection.get(c);
      if (w != null) {
        w.finish();
      }
      String upgrade = req.getHeader("Upgrade");
      if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
        // keep-alive: the next head must come within the timeout as well
        req.response().endHandler(v -> await(c));
      }
      handler.handle(req);
    };
  }

  private void await(HttpConnection connection) {
    Waiting w = new Waiting(connection);
    if (byConnection.putIfAbsent(connection, w) != null) {
      return;
    }
    waiting.add(w);
    w.timer = vertx.setTimer(headerTimeoutMillis, t -> {
      if (w.finish()) {
        connection.close();
      }
    });
  }

  /** Closes the connection that has waited longest for its head; false when none is waiting. */
  private boolean evictOldestWaiting() {
    for (Waiting w; (w = waiting.peekFirst()) != null; ) {
      if (w.finish()) {
        w.connection.close();
        return true;
      }
      waiting.remove(w);
    }
    return false;
  }

  /** Open connections now (metrics, tests). */
  public int open() {
    return open.get();
  }
}
