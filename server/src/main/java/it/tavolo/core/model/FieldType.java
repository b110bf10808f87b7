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
  /** The id of an entity of another (or the same) collection. */
  REF,
  /** An organisation id (a UUID). */
  ORG,
  /** A fractional order key; changed only by {@code move}. */
  ORDER
}
