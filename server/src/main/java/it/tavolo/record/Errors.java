package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import it.tavolo.core.Refusal;

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

  /**
   * What an HTTP caller is told when the live layer did not commit a server batch (apply to
   * the commit's future only): the refusals that say something about the change keep their
   * code and status; any other (the connection-level ones) means "not now".
   */
  static Throwable fromLive(Throwable t) {
    if (!(t instanceof Refusal r)) return t;
    return switch (r.code()) {
      case "locked" -> locked();
      case "integration_conflict", "invalid_op", "bad_base_seq", "too_large", "forbidden" -> r;
      // the proposal no longer fits the draft or the tavolo: a territorio taken off the list, dates now inverted
      case "unknown_territorio", "end_before_start" -> Refusal.conflict(r.code(), r.getMessage());
      default -> Refusal.unavailable("The change could not be committed now: try again.");
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
