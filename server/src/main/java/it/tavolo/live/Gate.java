package it.tavolo.live;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * Who may open which document. Both calls fail with a {@link LiveRefusal} carrying a stable
 * code ({@code unauthorized}, {@code token_expired}, {@code token_revoked},
 * {@code not_found}, {@code forbidden}).
 */
public interface Gate {
  /** Verifies a token (signature, algorithm, expiry, revocation). */
  Future<LiveUser> verify(String token);

  /** The user's access to a document (membership of its tavolo and role). */
  Future<Admission> admit(LiveUser user, UUID docId);

  /** True when the token was revoked after it was verified (logout elsewhere). */
  boolean revoked(LiveUser user);
}
