package it.tavolo.live.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import it.tavolo.live.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * From a hello to a user let into a document: the account's (or viewer link's) connection slot
 * first, so a storm beyond it costs no database look-up; then the token and membership (or the
 * link), looked up a few at a time ({@link Lookups}). Its only state is the session it serves;
 * slots are taken on that session's context.
 */
final class Handshake {
  private final Session session;
  private final Gate gate;
  private final JoinGuards guards;

  Handshake(Session session, Gate gate, JoinGuards guards) {
    this.session = session;
    this.gate = gate;
    this.guards = guards;
  }

  /** Who the hello is from and their admission; fails with a {@link it.tavolo.core.Refusal} or an unexpected error. */
  Future<Gate.Pass> admit(Inbound.Hello hello) {
    Lookups lookups = guards.lookups();
    if (hello.viewer() != null) {
      return slot(guards.perViewerLink(), digest(hello.viewer()), "this viewer link",
          guards.limits().maxConnectionsPerViewerLink())
          .compose(x -> lookups.run(() -> gate.viewer(hello.viewer(), hello.docId())));
    }
    return gate.verify(hello.token()).compose(u -> slot(guards.perUser(), u.userId().toString(), "your account",
            guards.limits().maxConnectionsPerUser())
        .compose(x -> lookups.run(() -> gate.admit(u, hello.docId())))
        .map(a -> new Gate.Pass(u, a)));
  }

  /**
   * Takes one of {@code key}'s connection slots for as long as the connection lives (on its
   * context, so a close meanwhile cannot miss giving it back); fails with
   * {@code too_many_connections} when they are all taken.
   */
  private Future<Void> slot(ConnectionsPerAddress ceiling, String key, String whose, int max) {
    Promise<Void> taken = Promise.promise();
    session.run(() -> {
      if (!session.joining()) {
        taken.fail(ErrorCode.GOING_AWAY.refusal("The connection closed."));
      } else if (!ceiling.tryAcquire(key)) {
        taken.fail(ErrorCode.TOO_MANY_CONNECTIONS.refusal("Too many open connections for " + whose
            + " (at most " + max + "): close some tabs and retry."));
      } else {
        session.onRelease(() -> ceiling.release(key));
        taken.complete();
      }
    });
    return taken.future();
  }

  /** A viewer link's secret as a counting key: fixed size, and the secret itself is not kept. */
  private static String digest(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
