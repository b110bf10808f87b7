package it.tavolo.live.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import it.tavolo.live.ErrorCode;

import java.util.List;

/**
 * How a document's owner ends: unloaded after {@code TAVOLO_WS_OWNER_IDLE_SECONDS} with nobody
 * connected, stopped with the server, or given up when the op log cannot be read. The teardown
 * ({@link #close}) is written once, here. Touched only on its owner's context.
 */
final class Unloading {
  private final DocumentOwner owner;
  private boolean stopping;
  private final Promise<Void> stopped = Promise.promise();
  private long idleTimer = -1;

  Unloading(DocumentOwner owner) {
    this.owner = owner;
  }

  boolean stopping() {
    return stopping;
  }

  void scheduleIdle() {
    if (idleTimer >= 0 || owner.closed()) {
      return;
    }
    idleTimer = owner.vertx.setTimer(owner.settings.ownerIdle().toMillis(), t -> owner.ctx.runOnContext(v -> {
      idleTimer = -1;
      if (owner.idle()) {
        owner.unload();
      }
    }));
  }

  void cancelIdle() {
    if (idleTimer >= 0) {
      owner.vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }

  /**
   * Server stopping: nothing new is sequenced (queued batches get {@code unavailable}: resend
   * after reconnecting), the group in flight finishes and is acked, then every connection is
   * closed with {@code going_away}. Idempotent.
   */
  Future<Void> shutdown() {
    owner.ctx.runOnContext(v -> {
      if (!stopping) {
        stopping = true;
        owner.refuseQueued(ErrorCode.UNAVAILABLE, "The server is stopping: resend this batch after reconnecting.");
      }
      finishIfIdle();
    });
    return stopped.future();
  }

  /** Once stopping: closes when nothing is being committed or loaded any more. */
  void finishIfIdle() {
    if (!stopping || !owner.settled()) {
      return;
    }
    close(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly.",
        "The server is restarting: reconnect shortly (with since).",
        "The server is stopping: resend this batch after reconnecting.");
  }

  /** The op log stayed unreadable through every attempt: everyone is told, and may come back later. */
  void giveUp() {
    close(ErrorCode.UNAVAILABLE, "The document cannot be loaded now: retry shortly.",
        "The document cannot be reached now: reconnect shortly.", "Not committed: resend later.");
  }

  /**
   * The teardown, the one way an owner ends with people in it: it leaves the registry; joiners
   * and queued batches are refused and connections closed, all with {@code code}.
   */
  private void close(ErrorCode code, String toJoiners, String toConnected, String toQueued) {
    owner.unload();
    owner.joins.failAll(code, toJoiners);
    owner.refuseQueued(code, toQueued);
    List<Participant> all = owner.connections.clear();
    all.forEach(p -> p.run(() -> p.kick(code, toConnected)));
    all.forEach(p -> owner.registry.left(owner, p));
    stopped.tryComplete();
  }
}
