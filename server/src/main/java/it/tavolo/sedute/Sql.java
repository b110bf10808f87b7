package it.tavolo.sedute;

import io.vertx.pgclient.PgException;
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

  /** A unique index refused the row (another open seduta, a duplicate). */
  static boolean unique(Throwable e, String constraint) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState())
        && (constraint == null || (pg.getConstraint() != null && pg.getConstraint().equals(constraint))
            || (pg.getErrorMessage() != null && pg.getErrorMessage().contains(constraint)));
  }
}
