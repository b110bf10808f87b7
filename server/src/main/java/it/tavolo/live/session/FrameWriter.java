package it.tavolo.live.session;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import it.tavolo.live.document.SharedFrame;

/**
 * Writes to one connection's socket: text messages, and frames encoded once for many
 * recipients ({@link SharedFrame}: the bytes are not copied or encoded again here). A
 * write from outside a read of this connection is flushed at once (Vert.x), so a fan-out is
 * one frame and one flush per connection. Touched only on the connection's context.
 */
final class FrameWriter {
  private final ServerWebSocket ws;

  FrameWriter(ServerWebSocket ws) {
    this.ws = ws;
  }

  /** True when the socket cannot take more now (closed sockets throw on writeQueueFull). */
  boolean queueFull() {
    return ws.isClosed() || ws.writeQueueFull();
  }

  boolean closed() {
    return ws.isClosed();
  }

  /** Writes unless the socket closed meanwhile (a closed socket throws rather than fails). */
  void write(String message) {
    if (!ws.isClosed()) {
      try {
        ws.writeTextMessage(message);
      } catch (IllegalStateException closedMeanwhile) {
        // the close handler cleans up
      }
    }
  }

  /**
   * Writes a shared frame as one final text frame. Vert.x's public frame factory only makes a
   * text frame from a String (encoding it again), hence its implementation class, which takes
   * the encoded bytes (pinned Vert.x version: see the README's dependency list).
   */
  void write(SharedFrame frame) {
    if (!ws.isClosed()) {
      io.netty.buffer.ByteBuf bytes = frame.retainedBytes();
      try {
        ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true));
      } catch (IllegalStateException closedMeanwhile) {
        // the close handler cleans up (the duplicate's reference, if never handed over, is the GC's: a heap buffer)
      }
    }
  }
}
