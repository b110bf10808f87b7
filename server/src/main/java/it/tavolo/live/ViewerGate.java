package it.tavolo.live;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * Read-only live links (the sedute layer's viewer links): a hello with {@code viewer}
 * instead of {@code token} is admitted through this, with the role {@code viewer}, which
 * never writes.
 */
public interface ViewerGate {
  /**
   * The pass for a link's secret and a document; fails with a {@link it.tavolo.core.Refusal}
   * ({@code unauthorized} for an unknown or revoked link, {@code not_found} for a document
   * the link does not show).
   */
  Future<Pass> admit(String secret, UUID docId);

  /**
   * The pass again for a connection already admitted through link {@code linkId} (the
   * periodic recheck): fails like {@link #admit} once the link no longer opens the document.
   */
  Future<Pass> readmit(UUID linkId, UUID docId);

  /** True once the link was revoked: its connections are closed. */
  boolean revoked(UUID linkId);

  /** What a link opens: its id, and the tavolo of the document. */
  record Pass(UUID linkId, UUID tavoloId, String mode, boolean locked) {
  }
}
