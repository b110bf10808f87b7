package it.tavolo.live;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is on the other end of a connection, from its verified token.
 *
 * @param side       "PA" or "ETS"
 * @param expiresAt  when the token expires; the connection is closed then unless renewed
 * @param viewerLink set for a guest watching through a read-only link (no account)
 */
public record LiveUser(UUID userId, String name, UUID orgId, String orgName, String side,
                       UUID tokenId, UUID loginSession, Instant expiresAt, UUID viewerLink) {
  public boolean isViewer() {
    return viewerLink != null;
  }
}
