package it.tavolo.core.sequencer;

/** documents.mode: in {@code PROPOSAL} mode only coordinators edit directly. */
public enum Mode {
  LIVE,
  PROPOSAL;

  public static Mode parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
