package it.tavolo.live.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.core.Refusal;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.LiveUser;
import it.tavolo.live.Wire;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a joined connection's right to be there current: the token's expiry (and its refresh
 * by a {@code token} message), revocations, and a periodic recheck of the role, mode and lock.
 * Role changes and revocations are also pushed (DocumentOwners); the recheck is the safety net.
 * Touched only on the connection's context.
 */
final class Credentials {
  private final Session session;
  private final Vertx vertx;
  private final LiveSettings settings;
  private final Gate gate;
  private final Lookups lookups;
  private long expiryTimer = -1;
  private long recheckTimer = -1;
  private UUID docId;

  Credentials(Session session, Vertx vertx, LiveSettings settings, Gate gate, Lookups lookups) {
    this.session = session;
    this.vertx = vertx;
    this.settings = settings;
    this.gate = gate;
    this.lookups = lookups;
  }

  /**
   * Starts the timers once the connection is admitted. The first recheck comes after a random
   * part of the interval: connections opened together (a storm, a restart's reconnects) do
   * not all read the database at the same moment.
   */
  void start(UUID doc) {
    docId = doc;
    scheduleExpiry();
    long every = settings.recheckInterval().toMillis();
    long first = Math.max(1, every / 2 + ThreadLocalRandom.current().nextLong(every / 2 + 1));
    recheckTimer = vertx.setPeriodic(first, every, t -> {
      revokedNow();
      recheck();
    });
  }

  /** A {@code token} message: a fresh token for the same user extends the connection's life. */
  void refresh(Inbound.Token t) {
    gate.verify(t.token()).onComplete(ar -> session.run(() -> {
      if (!session.joined()) {
        return;
      }
      if (ar.failed()) {
        // a failure that is no refusal (the database did not answer) does not refuse the token
        ErrorCode code = ar.cause() instanceof Refusal r ? ErrorCode.of(r, ErrorCode.UNAUTHORIZED) : ErrorCode.UNAVAILABLE;
        session.send(Wire.error(code, "The new token was refused; the current one stays in use.", null));
        return;
      }
      LiveUser fresh = ar.result();
      if (!fresh.userId().equals(session.user().userId())) {
        session.fatal(ErrorCode.UNAUTHORIZED, "A connection cannot change user.");
        return;
      }
      session.user(fresh);
      scheduleExpiry();
      ObjectNode ok = Wire.object("token_accepted");
      ok.put("expiresAt", fresh.expiresAt().toString());
      session.send(Wire.text(ok));
    }));
  }

  /**
   * Roles are checked on every submit against what was read at the hello; this reads them
   * again, so a member demoted or removed meanwhile (by any server process) loses the
   * connection, and a lock or mode switch reaches the document's owner.
   */
  void recheck() {
    LiveUser user = session.user();
    lookups.run(() -> gate.admit(user, docId)).onComplete(ar -> session.run(() -> {
      if (!session.joined()) {
        return;
      }
      if (ar.failed()) {
        if (ar.cause() instanceof Refusal r && ErrorCode.of(r, ErrorCode.UNAVAILABLE) != ErrorCode.UNAVAILABLE) {
          session.fatal(ErrorCode.ROLE_CHANGED, "You are no longer in this tavolo.");
        }
        return; // the database did not answer, or too many look-ups wait: try again next time
      }
      Admission now = ar.result();
      Admission was = session.admission();
      if (now.role() != was.role()) {
        session.fatal(ErrorCode.ROLE_CHANGED, "Your role in this tavolo is now " + now.roleWire() + ": reconnect.");
        return;
      }
      if (now.mode() != was.mode() || now.locked() != was.locked()) {
        session.admission(now);
        session.document().documentChanged(now.mode(), now.locked());
      }
    }));
  }

  /** Closes the connection if its token or session was revoked. */
  void revokedNow() {
    if (session.joined() && gate.revoked(session.user())) {
      session.fatal(ErrorCode.TOKEN_REVOKED, "The token was revoked (logout): log in again.");
    }
  }

  void stop() {
    cancel(expiryTimer);
    cancel(recheckTimer);
  }

  private void scheduleExpiry() {
    cancel(expiryTimer);
    long ms = Math.max(1, session.user().expiresAt().toEpochMilli() - Instant.now().toEpochMilli());
    expiryTimer = vertx.setTimer(ms, t -> session.fatal(ErrorCode.TOKEN_EXPIRED,
        "The token expired: reconnect with a fresh token (or send a token message before expiry)."));
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
