package it.tavolo.live;

import java.util.UUID;

/**
 * A user let into a document: the document's tavolo, the user's role there, and the
 * document's mode and lock state as they were when it was checked.
 *
 * @param role "coordinator", "member" or "observer"
 */
public record Admission(UUID docId, UUID tavoloId, String role, String mode, boolean locked) {
  /** Coordinators and members; never observers, nor viewers (guests of a read-only link). */
  public boolean canEdit() {
    return "coordinator".equals(role) || "member".equals(role);
  }
}
