package it.tavolo.live.session;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.ServerWebSocket;

/**
 * What the transport refuses before any message reaches the session: a frame over the
 * transport limit (1009, docs/protocol.md), a compressed frame (RSV1) when no compression was
 * negotiated, a bad opcode or mask (1002). Vert.x 5 turns Netty's automatic close for these
 * off and drops the connection without a close frame; this sends the close code Netty names,
 * so the client learns why. Stateless; call it on the connection's context.
 */
final class TransportErrors {
  private TransportErrors() {}

  /** Closes {@code ws} with the frame error's status, if {@code err} is one; true then. */
  static boolean closeFor(ServerWebSocket ws, Throwable err) {
    if (!(err instanceof CorruptedWebSocketFrameException c) || ws.isClosed()) {
      return false;
    }
    short code = (short) c.closeStatus().code();
    String reason = code == 1009 ? "too_large" : "protocol_error";
    try {
      ws.close(code, reason);
    } catch (IllegalStateException closedMeanwhile) {
      return false;
    }
    return true;
  }
}
