package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import it.tavolo.access.Refusal;
import it.tavolo.core.OpException;
import it.tavolo.live.LiveRefusal;

/** The record layer's refusals, with the stable codes of docs/api.md. */
final class Errors {
  private Errors() {}

  static Refusal locked() {
    return new Refusal(423, "locked", "The document is locked for consolidation: a coordinator must open a new round first.");
  }

  static Refusal invalidOp(String message) {
    return new Refusal(400, "invalid_op", message);
  }

  static Refusal invalid(String message) {
    return new Refusal(400, "invalid_input", message);
  }

  static Refusal closed(String status) {
    return new Refusal(409, "integration_closed", "The integration is " + status + ": it can no longer change.");
  }

  static Refusal conflict(String message) {
    return new Refusal(409, "integration_conflict", message);
  }

  static Refusal from(OpException e) {
    return new Refusal(e.code().equals(OpException.TOO_LARGE) ? 413 : 400, e.code(), e.getMessage());
  }

  /** A refusal of the live layer (committing a server batch) as an HTTP refusal. */
  static Throwable fromLive(Throwable t) {
    if (!(t instanceof LiveRefusal r)) return t;
    String code = r.code().wire();
    return switch (code) {
      case "locked" -> locked();
      case "integration_conflict" -> conflict(r.getMessage());
      case "invalid_op", "bad_base_seq" -> new Refusal(400, code, r.getMessage());
      case "too_large" -> new Refusal(413, code, r.getMessage());
      case "forbidden" -> Refusal.forbidden(r.getMessage());
      // the proposal no longer fits the draft or the tavolo: a territorio taken off the list, dates now inverted
      case "unknown_territorio", "end_before_start" -> Refusal.conflict(code, r.getMessage());
      default -> new Refusal(503, "unavailable", "The change could not be committed now: try again.");
    };
  }

  /** A trigger's refusal (a consolidated version, an append-only table) as a 409. */
  static <T> Future<T> immutable(Throwable t, String code, String message) {
    if (t instanceof PgException pg && "P0001".equals(pg.getSqlState())) {
      return Future.failedFuture(Refusal.conflict(code, message));
    }
    return Future.failedFuture(t);
  }
}
