package it.tavolo.live.document;

import io.vertx.core.Context;
import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveUser;


/**
 * A connection as its document sees it (implemented by the session layer). The document calls
 * the delivering methods only through {@link #run}, so they run on the connection's own
 * context; {@link #user}, {@link #admission}, {@link #clientId} and {@link #id} are safe to read
 * from the owner's context once the connection asked to join.
 */
public interface Participant {
  /** Runs {@code r} on this connection's context: the only way the document touches it. */
  void run(Runnable r);

  Context context();

  String id();

  LiveUser user();

  Admission admission();

  String clientId();

  /** The join was accepted: the welcome goes out, then the stream starts after {@code seq}. */
  void joined(OpenDocument document, String welcome, long seq, long membersVersion);

  void joinFailed(ErrorCode code, String message);

  /** What the document sends it (on its context). */
  Delivery delivery();

  /** Closes the connection with an error. */
  void kick(ErrorCode code, String message);

  /** Reads this member's rights again now (any context). */
  void recheckNow();

  /** Closes this connection if its token or session was revoked (any context). */
  void checkRevoked();
}
