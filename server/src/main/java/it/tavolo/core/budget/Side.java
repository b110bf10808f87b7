package it.tavolo.core.budget;

/** Which side of the table an organisation is on (organisations.side); UNKNOWN if not known. */
public enum Side {
  PA,
  ETS,
  UNKNOWN
}
