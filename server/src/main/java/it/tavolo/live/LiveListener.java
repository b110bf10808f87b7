package it.tavolo.live;

import java.util.UUID;

/**
 * Hears connections join and leave documents (the sedute layer keeps its attendance register
 * with it). Called on the document owner's context, in order per document: return quickly
 * and never block.
 */
public interface LiveListener {
  /** A connection was welcomed into a document. */
  void joined(Connection c);

  /** That connection left (closed, replaced, kicked, or the document was unloaded). */
  void left(Connection c);

  /**
   * A connection of another process that died (its lease ran out: docs/architecture.md,
   * "Scaling out"); told once, to the process that swept it. Called on an event loop.
   */
  default void lost(Connection c) {
  }

  /**
   * One connection: {@code id} is unique per connection; {@code viewerLink} is set for
   * people watching through a read-only link (role {@code viewer}), who have no account;
   * {@code clientId} is the client (tab, device) the connection speaks for.
   */
  record Connection(String id, UUID docId, UUID tavoloId, UUID userId, String name, UUID orgId, String orgName,
                    String side, String role, UUID viewerLink, String clientId) {
  }
}
