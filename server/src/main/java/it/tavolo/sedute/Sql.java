package it.tavolo.sedute;

import io.vertx.pgclient.PgException;
import it.tavolo.core.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small helpers the sedute stores share. */
final class Sql {
  private Sql() {
  }

  /** Timestamps are bound as UTC offsets (the pg client does not bind Instant). */
  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** The database refused a change to a closed seduta (the freeze triggers). */
  static boolean frozen(Throwable e) {
    return e instanceof PgException pg && "P0001".equals(pg.getSqlState())
        && pg.getErrorMessage() != null && pg.getErrorMessage().contains("is closed");
  }

  /** A trigger refused the change with a message containing {@code words}. */
  static boolean refused(Throwable e, String words) {
    return e instanceof PgException pg && "P0001".equals(pg.getSqlState())
        && pg.getErrorMessage() != null && pg.getErrorMessage().contains(words);
  }

  /**
   * A write the freeze triggers refused is the rule's refusal {@code seduta_closed}, one the
   * verbale's triggers refused (a change that raced with the checks before it) its own code;
   * anything else as it is.
   */
  static Throwable frozenAsClosed(Throwable e) {
    if (refused(e, "is approved")) {
      return Refusal.conflict("verbale_approved", "This verbale is approved: it cannot change.");
    }
    if (refused(e, "are not open")) {
      return Refusal.conflict("remarks_closed", "Remarks on this verbale are not open.");
    }
    if (refused(e, "are still open")) {
      return Refusal.conflict("remarks_open", "Remarks on this verbale are still open.");
    }
    return frozen(e) ? it.tavolo.core.sedute.SedutaRules.closed() : e;
  }

  /** A unique index refused the row (another open seduta, a duplicate). */
  static boolean unique(Throwable e, String constraint) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState())
        && (constraint == null || (pg.getConstraint() != null && pg.getConstraint().equals(constraint))
            || (pg.getErrorMessage() != null && pg.getErrorMessage().contains(constraint)));
  }
}
