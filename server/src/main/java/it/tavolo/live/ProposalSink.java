package it.tavolo.live;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * Records a member's submit as a proposal (an integration) when the document is in proposal
 * mode. The record layer provides it; (clientId, clientSeq) must make a resend find the
 * same proposal.
 */
public interface ProposalSink {
  /**
   * Completes with the integration's id; fails with a {@link it.tavolo.core.Refusal} when the batch
   * cannot be a proposal ({@code invalid_op}, {@code locked}...).
   */
  Future<String> propose(UUID docId, UUID author, String clientId, long clientSeq, long baseSeq, String opsJson);
}
