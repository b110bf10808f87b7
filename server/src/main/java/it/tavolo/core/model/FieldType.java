package it.tavolo.core.model;

/** The kinds of field a document entity can hold; see docs/architecture.md. */
public enum FieldType {
  /** Collaborative text, edited with text ops; carries author runs. */
  TEXT,
  /** A short plain string, set as a whole. */
  STRING,
  /** One of a fixed list of strings. */
  ENUM,
  /** A calendar date {@code YYYY-MM-DD}. */
  DATE,
  /** Integer euro cents, 0 ≤ amount ≤ 10^13. */
  MONEY,
  /**
   * A budget line's annualita, an integer: 1..{@link Limits#MAX_PROJECT_YEAR} is a project year
   * (the first, second... annualità of the project), {@link Limits#MIN_CALENDAR_YEAR}..{@link
   * Limits#MAX_CALENDAR_YEAR} a calendar year; nothing in between.
   */
  YEAR,
  /**
   * A territorio (a comune or zone) named exactly as in the tavolo's list; checked against
   * the list on submissions only, never on replay (a territorio removed later keeps its lines).
   */
  TERRITORY,
  /** The id of an entity of another (or the same) collection. */
  REF,
  /** An organisation id (a UUID). */
  ORG,
  /** A fractional order key; changed only by {@code move}. */
  ORDER
}
