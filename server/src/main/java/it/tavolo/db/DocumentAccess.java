package it.tavolo.db;

import it.tavolo.core.Role;
import java.util.UUID;

/**
 * A member's access to one document: their role in its tavolo and the document's state.
 *
 * @param notes the document is a seduta's notes (purpose {@code verbale_notes}), the only
 *              kind whose {@code interventi} may be written
 */
public record DocumentAccess(UUID docId, UUID tavoloId, Role role, String mode, boolean locked, boolean notes) {
  /** A draft's access. */
  public DocumentAccess(UUID docId, UUID tavoloId, Role role, String mode, boolean locked) {
    this(docId, tavoloId, role, mode, locked, false);
  }
}
