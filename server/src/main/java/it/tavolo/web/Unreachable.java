package it.tavolo.web;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure says the database did not answer (refused or dropped connection, a
 * server shutting down, a pool or connect timeout) rather than something wrong with the
 * request: such a failure is answered 503 {@code unavailable}, retryable, never as a refusal
 * of the caller (a client that is told {@code unauthorized} logs the person out). Stateless.
 */
public final class Unreachable {
  private Unreachable() {}

  public static boolean database(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof ClosedConnectionException || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      // the pool's connection timeout is a VertxException named so
      if (t.getClass().getSimpleName().contains("TimeoutException")) return true;
      // 08: connection exception; 57P: the server is shutting down or cannot connect now
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
