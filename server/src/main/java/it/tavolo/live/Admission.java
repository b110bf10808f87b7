package it.tavolo.live;

import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Mode;

import java.util.UUID;

/**
 * A user let into a document: the document's tavolo, the user's role there, and the
 * document's mode and lock state as they were when it was checked. Immutable.
 *
 * @param viewer a guest of a read-only link: no account, no tavolo role ({@code role} is
 *               then {@link Role#OBSERVER}, and the wire says {@code viewer})
 * @param notes  the document is a seduta's notes: the only documents whose {@code interventi}
 *               a client may write (a draft never shows them)
 */
public record Admission(UUID docId, UUID tavoloId, Role role, Mode mode, boolean locked, boolean viewer, boolean notes) {
  /** A member of the tavolo, on a draft. */
  public static Admission member(UUID docId, UUID tavoloId, Role role, Mode mode, boolean locked) {
    return member(docId, tavoloId, role, mode, locked, false);
  }

  /** A member of the tavolo; {@code notes}: on a seduta's notes. */
  public static Admission member(UUID docId, UUID tavoloId, Role role, Mode mode, boolean locked, boolean notes) {
    return new Admission(docId, tavoloId, role, mode, locked, false, notes);
  }

  /** A guest of a read-only link. */
  public static Admission viewer(UUID docId, UUID tavoloId, Mode mode, boolean locked) {
    return new Admission(docId, tavoloId, Role.OBSERVER, mode, locked, true, false);
  }

  /** Coordinators and members; never observers, nor viewers. */
  public boolean canEdit() {
    return !viewer && role.canEdit();
  }

  /** The role as the protocol names it: {@code coordinator}, {@code member}, {@code observer} or {@code viewer}. */
  public String roleWire() {
    return viewer ? "viewer" : role.wire();
  }
}
