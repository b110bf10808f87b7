package it.tavolo.core.sedute;

import java.util.Optional;

/**
 * A seduta's life: planned (agenda being prepared), open (the meeting is running: the
 * register records who is connected), closed (the register and decisions are frozen and
 * the verbale is generated). It only moves forward.
 */
public enum SedutaState {
  PLANNED("planned"),
  OPEN("open"),
  CLOSED("closed");

  private final String wire;

  SedutaState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** True when the seduta may move from this state to {@code next}. */
  public boolean canMoveTo(SedutaState next) {
    return next.ordinal() == ordinal() + 1;
  }

  public static Optional<SedutaState> parse(String s) {
    for (SedutaState x : values()) {
      if (x.wire.equals(s)) {
        return Optional.of(x);
      }
    }
    return Optional.empty();
  }
}
