package it.tavolo.core.sedute;

import java.util.Optional;

/** How someone took part: connected to the tavolo's documents, in the room, or only on the call. */
public enum Presence {
  CONNECTED("connected", "collegato/a a Tavolo"),
  IN_ROOM("in_room", "in sala"),
  ON_CALL("on_call", "in videochiamata");

  private final String wire;
  private final String label;

  Presence(String wire, String label) {
    this.wire = wire;
    this.label = label;
  }

  public String wire() {
    return wire;
  }

  public String label() {
    return label;
  }

  public static Optional<Presence> parse(String s) {
    for (Presence p : values()) {
      if (p.wire.equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
