package it.tavolo.core.sequencer;

/** A participant's role at the table (tavolo_members.role). */
public enum Role {
  COORDINATOR,
  MEMBER,
  OBSERVER;

  /** From the database/wire form ({@code coordinator}, {@code member}, {@code observer}). */
  public static Role parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
