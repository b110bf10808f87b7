package it.tavolo.live.session;

import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveUser;

import io.vertx.core.Future;

import java.util.UUID;

/**
 * Who may open which document. Both calls fail with a {@link it.tavolo.core.Refusal} carrying a stable
 * code ({@code unauthorized}, {@code token_expired}, {@code token_revoked},
 * {@code not_found}, {@code forbidden}).
 */
public interface Gate {
  /** Verifies a token (signature, algorithm, expiry, revocation). */
  Future<LiveUser> verify(String token);

  /** The user's access to a document (membership of its tavolo and role). */
  Future<Admission> admit(LiveUser user, UUID docId);

  /** True when the token (or viewer link) was revoked after it was verified. */
  boolean revoked(LiveUser user);

  /** A guest's read-only pass from a viewer link's secret (extension: hello with {@code viewer}). */
  default Future<Pass> viewer(String secret, UUID docId) {
    return Future.failedFuture(ErrorCode.UNAUTHORIZED.refusal("Viewer links are not enabled."));
  }

  /** Who a viewer is and what they may do (role {@code viewer}: read only). */
  record Pass(LiveUser user, Admission admission) {
  }
}
