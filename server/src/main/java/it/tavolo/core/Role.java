package it.tavolo.core;

import java.util.Optional;

/** A member's role in one tavolo: in the database, in JSON, at the sequencer (observers cannot submit). */
public enum Role {
  /** Manages the tavolo: members, invitations, documents, locks. */
  COORDINATOR("coordinator"),
  /** Edits (or proposes, in proposal mode). */
  MEMBER("member"),
  /** Reads and follows; never changes anything. */
  OBSERVER("observer");

  private final String wire;

  Role(String wire) { this.wire = wire; }

  /** The name used in JSON and in the database. */
  public String wire() { return wire; }

  public boolean canEdit() { return this != OBSERVER; }

  public boolean canManage() { return this == COORDINATOR; }

  public static Optional<Role> parse(String s) {
    if (s == null) return Optional.empty();
    for (Role r : values()) if (r.wire.equals(s)) return Optional.of(r);
    return Optional.empty();
  }

  @Override
  public String toString() { return wire; }
}
