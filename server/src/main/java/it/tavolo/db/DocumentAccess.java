package it.tavolo.db;

import it.tavolo.core.Role;
import java.util.UUID;

/** A member's access to one document: their role in its tavolo and the document's state. */
public record DocumentAccess(UUID docId, UUID tavoloId, Role role, String mode, boolean locked) {
}
