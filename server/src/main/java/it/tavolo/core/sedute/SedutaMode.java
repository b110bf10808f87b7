package it.tavolo.core.sedute;

import java.util.Optional;

/**
 * How a seduta is held. A meeting in the room needs a place, an online one a video-call
 * link, a hybrid one both: the register and the verbale say where people were.
 */
public enum SedutaMode {
  IN_PRESENZA("in_presenza", "in presenza", true, false),
  ONLINE("online", "online", false, true),
  IBRIDA("ibrida", "ibrida (in presenza e online)", true, true);

  private final String wire;
  private final String label;
  private final boolean needsPlace;
  private final boolean needsCallLink;

  SedutaMode(String wire, String label, boolean needsPlace, boolean needsCallLink) {
    this.wire = wire;
    this.label = label;
    this.needsPlace = needsPlace;
    this.needsCallLink = needsCallLink;
  }

  /** The name in JSON and in the database. */
  public String wire() {
    return wire;
  }

  /** How the verbale says it, in Italian. */
  public String label() {
    return label;
  }

  public boolean needsPlace() {
    return needsPlace;
  }

  public boolean needsCallLink() {
    return needsCallLink;
  }

  public static Optional<SedutaMode> parse(String s) {
    for (SedutaMode m : values()) {
      if (m.wire.equals(s)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
