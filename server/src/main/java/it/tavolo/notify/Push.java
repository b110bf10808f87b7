package it.tavolo.notify;

import java.util.UUID;

/**
 * Where notifications go live: the open WebSocket connections of a user, in every server
 * process (App passes the live layer's; implementations say their own threading).
 */
public interface Push {
  /** Sends a server message (JSON text) to every open connection of {@code userId}. */
  void toUser(UUID userId, String message);

  Push NONE = (u, m) -> { };
}
